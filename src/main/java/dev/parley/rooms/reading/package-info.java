/**
 * Read state: how far each member has read in each of their rooms, which messages mention them, and the unread and
 * mention badges that follow both live. All of it is here; the rest of the app only calls in.
 *
 * <ul>
 *   <li>{@link dev.parley.rooms.reading.ReadPositions}: the stored side. A read position is a column of the membership,
 *       unread is the room's newest sequence number minus it (counting never scans messages), and a mention is a row
 *       per mentioned member and message. Posting records the author's own read and the mentions in its transaction.
 *   <li>{@link dev.parley.rooms.reading.ReadPositionRecorder}: what open views showed, written in batches.
 *   <li>{@link dev.parley.rooms.reading.UnreadTracker}: a view's badges, from the stored positions and then live.
 *   <li>{@link dev.parley.rooms.reading.NewRoomMessage} and {@link dev.parley.rooms.reading.NewMention}: what the
 *       tracker counts. The messages feature's events implement them: messages depends on rooms, and the rooms
 *       feature's own lobby shows unread badges, so the counting cannot depend on messages' types.
 * </ul>
 */
@NullMarked
package dev.parley.rooms.reading;

import org.jspecify.annotations.NullMarked;
