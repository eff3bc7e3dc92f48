/**
 * Messages: posting, editing and deleting (a deleted message stays as a tombstone), history in pages of 50 (keyset
 * pagination on room and sequence number), catching up on changes by room version, and live delivery to every open
 * view of the room through {@link dev.parley.messages.MessagePosted}, {@link dev.parley.messages.MessageEdited} and
 * {@link dev.parley.messages.MessageDeleted}.
 */
@NullMarked
package dev.parley.messages;

import org.jspecify.annotations.NullMarked;
