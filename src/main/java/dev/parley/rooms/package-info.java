/**
 * Rooms and memberships: the lobby, creating, joining and leaving rooms, and the single place that decides who
 * may see or post in a room. A private room is visible only to its members; to everyone else it does not exist.
 */
@NullMarked
package dev.parley.rooms;

import org.jspecify.annotations.NullMarked;
