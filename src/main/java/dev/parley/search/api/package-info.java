/** {@code GET /api/search}: message search over HTTP, with the same rules as in the browser. */
@NullMarked
package dev.parley.search.api;

import org.jspecify.annotations.NullMarked;
