package dev.parley.messages;

import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import org.jspecify.annotations.Nullable;

/**
 * Who wrote a message, as shown next to it.
 *
 * @param avatarVersion the version of the author's picture, or 0 when they have none (see {@link UserSummary})
 * @param guest whether the author is a guest, marked next to their name
 */
public record MessageAuthor(
        UserId id, String username, String displayName, String initials, int avatarVersion, boolean guest) {

    /** The author as a user's summary shows them: when the user changes their name or picture, this changes too. */
    public static MessageAuthor of(UserSummary user) {
        return new MessageAuthor(
                user.id(), user.username(), user.displayName(), user.initials(), user.avatarVersion(), user.guest());
    }

    /** Where the author's picture is served from, or null when they have none. */
    public @Nullable String avatarUrl() {
        return UserSummary.avatarUrlOf(id, avatarVersion);
    }
}
