/**
 * The room view, all live. {@link dev.parley.messages.ui.RoomView} gives each visit a
 * {@link dev.parley.messages.ui.RoomPanel}, which puts together the {@link dev.parley.messages.ui.RoomHeader}, the
 * {@link dev.parley.messages.ui.MessageStream} (history with infinite scroll, the room's live events in order, gap
 * fill, read positions), the {@link dev.parley.messages.ui.Composer} (typing, mention suggestions, files) and the
 * members sidebar; {@link dev.parley.messages.ui.RoomPageServices} is the one bean of services they share. The members
 * sidebar and the room management behind it and the header (invite, settings, moderation) are the rooms feature's, from
 * rooms.ui.
 */
@NullMarked
package dev.parley.messages.ui;

import org.jspecify.annotations.NullMarked;
