package dev.parley.rooms.reading;

import dev.parley.accounts.UserId;
import dev.parley.rooms.RoomId;

/**
 * An event on a user's topic that means a message mentioned them: what mention badges count. The messages feature
 * implements it, so that rooms can count without knowing messages.
 */
public interface NewMention {

    UserId mentioned();

    RoomId roomId();

    long seq();
}
