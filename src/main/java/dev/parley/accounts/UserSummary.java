package dev.parley.accounts;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What other features may show of a user. {@code lastSeenAt} is null until the user has been online once. */
public record UserSummary(
        UserId id,
        String username,
        String displayName,
        @Nullable Instant lastSeenAt) {

    /** One or two letters for an avatar without a picture. */
    public String initials() {
        return initialsOf(displayName, username);
    }

    /** The first letters of the first and last word of a display name ("Ada Lovelace" → "AL"). */
    public static String initialsOf(String displayName, String username) {
        String[] words = displayName.strip().split("\\s+");
        String first = words[0].isEmpty() ? username : words[0];
        String result = firstLetter(first);
        if (words.length > 1) {
            result += firstLetter(words[words.length - 1]);
        }
        // Interned: a handful of distinct values, held by every view that shows the person.
        return result.toUpperCase(Locale.ROOT).intern();
    }

    private static String firstLetter(String word) {
        return word.substring(0, word.offsetByCodePoints(0, 1));
    }
}
