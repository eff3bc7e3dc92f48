/** Error handling shared by every REST controller. */
@NullMarked
package dev.parley.base.api;

import org.jspecify.annotations.NullMarked;
