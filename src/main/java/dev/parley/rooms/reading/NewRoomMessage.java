package dev.parley.rooms.reading;

import dev.parley.accounts.UserId;
import dev.parley.rooms.RoomId;

/**
 * An event on a room's topic that means a new message took the given sequence number: what unread badges count. The
 * messages feature implements it, so that rooms can count without knowing messages.
 */
public interface NewRoomMessage {

    RoomId roomId();

    long seq();

    UserId authorId();

    /** Whether the user wrote it themselves (in another tab or through the API): then it is not unread for them. */
    default boolean postedBy(UserId user) {
        return authorId().equals(user);
    }
}
