package dev.parley.messages;

import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;

/** Who wrote a message, as shown next to it. */
public record MessageAuthor(UserId id, String username, String displayName, String initials) {

    static MessageAuthor of(UserSummary user) {
        return new MessageAuthor(user.id(), user.username(), user.displayName(), user.initials());
    }
}
