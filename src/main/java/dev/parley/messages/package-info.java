/**
 * Messages: posting, history in pages of 50 (keyset pagination on room and sequence number), and live delivery
 * to every open view of the room through {@link dev.parley.messages.MessagePosted}.
 */
@NullMarked
package dev.parley.messages;

import org.jspecify.annotations.NullMarked;
