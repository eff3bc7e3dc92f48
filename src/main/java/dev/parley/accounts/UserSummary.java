package dev.parley.accounts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What other features may show of a user. {@code lastSeenAt} is null until the user has been online once. */
public record UserSummary(
        UserId id,
        String username,
        String displayName,
        @Nullable Instant lastSeenAt) {

    /** One or two letters for an avatar without a picture. */
    public String initials() {
        String[] words = displayName.trim().split("\\s+");
        String first = words[0].isEmpty() ? username : words[0];
        String result = first.substring(0, 1);
        if (words.length > 1 && !words[words.length - 1].isEmpty()) {
            result += words[words.length - 1].substring(0, 1);
        }
        return result.toUpperCase();
    }
}
