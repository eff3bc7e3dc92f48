/** REST endpoints for rooms: list, create, join, leave. */
@NullMarked
package dev.parley.rooms.api;

import org.jspecify.annotations.NullMarked;
