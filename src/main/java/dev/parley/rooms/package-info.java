/**
 * Rooms and who is in them. A private room is visible only to its members; to everyone else it does not exist.
 *
 * <p>Where each concern lives:
 *
 * <ul>
 *   <li>{@link dev.parley.rooms.RoomGuard}: the one place that decides who may read a room, post in it and change it;
 *       every other feature, and this one's services, ask it.
 *   <li>{@link dev.parley.rooms.RoomService}: the lobby and the navigation's rooms, creating a room, its settings
 *       (name, description, visibility, archive) and deleting it.
 *   <li>{@link dev.parley.rooms.Memberships}: joining, leaving, removing members, roles, the member list.
 *   <li>{@link dev.parley.rooms.DirectConversations}: private rooms of a fixed group of people.
 *   <li>{@link dev.parley.rooms.RoomSequences}: each room's message numbers, taken in the writing transaction.
 *   <li>{@link dev.parley.rooms.InviteService} and {@link dev.parley.rooms.ModerationService}: invitations and invite
 *       links; bans, mutes and the moderation log every such action goes into.
 *   <li>{@link dev.parley.rooms.RoomRosters}: the members sidebar's roster, one per room, shared by its open views.
 *   <li>{@code reading}: read positions, unread and mention counts.
 * </ul>
 */
@NullMarked
package dev.parley.rooms;

import org.jspecify.annotations.NullMarked;
