/**
 * The lobby and the dialog that creates rooms; and the room management that the room page (messages.ui) shows: the
 * members sidebar ({@link dev.parley.rooms.ui.MembersPanel}), what its menus and the room header's buttons do
 * ({@link dev.parley.rooms.ui.MemberActions}), and the invite, settings, mute, ban and delete dialogs. Those two are
 * public for the room page; the rest is package-private.
 */
@NullMarked
package dev.parley.rooms.ui;

import org.jspecify.annotations.NullMarked;
