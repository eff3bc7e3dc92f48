/** Persistence of rooms and memberships. */
@NullMarked
package dev.parley.rooms.internal;

import org.jspecify.annotations.NullMarked;
