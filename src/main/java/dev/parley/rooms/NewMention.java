package dev.parley.rooms;

import dev.parley.accounts.UserId;

/**
 * An event on a user's topic that means a message mentioned them: what mention badges count. The messages feature
 * implements it, so that rooms can count without knowing messages.
 */
public interface NewMention {

    UserId mentioned();

    RoomId roomId();

    long seq();
}
