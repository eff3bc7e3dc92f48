/**
 * Messages: posting, editing and deleting (a deleted message stays as a tombstone), history in pages of 50 (keyset
 * pagination on room and sequence number), catching up on changes by room version, and live delivery to every open view
 * of the room through {@link dev.parley.messages.MessagePosted}, {@link dev.parley.messages.MessageEdited} and
 * {@link dev.parley.messages.MessageDeleted}. Read state is not here but in {@code dev.parley.rooms.reading}: posting
 * records the author's own read and the mentions there, and {@link dev.parley.messages.MessagePosted} and
 * {@link dev.parley.messages.MessageMentioned} are what its unread and mention badges count.
 */
@NullMarked
package dev.parley.messages;

import org.jspecify.annotations.NullMarked;
