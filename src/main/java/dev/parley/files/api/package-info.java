/**
 * Downloads and thumbnails over HTTP, for the browser's session and for API tokens alike; users' pictures for the
 * browser.
 */
@NullMarked
package dev.parley.files.api;

import org.jspecify.annotations.NullMarked;
