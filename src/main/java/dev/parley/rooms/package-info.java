/**
 * Rooms and memberships: the lobby, creating, joining and leaving rooms, and the single place that decides who
 * may see or post in a room. A private room is visible only to its members; to everyone else it does not exist.
 * Admins change a room's settings (name, description, visibility, archive) and delete it; admins and moderators ban
 * and mute ({@link dev.parley.rooms.ModerationService}), and every such action goes into the room's moderation log.
 */
@NullMarked
package dev.parley.rooms;

import org.jspecify.annotations.NullMarked;
