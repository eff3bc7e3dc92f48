package dev.parley.accounts;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What other features may show of a user.
 *
 * @param lastSeenAt null until the user has been online once
 * @param avatarVersion the version of the user's picture, or 0 when they have none (initials are shown instead); a new
 *     picture always has a new version, so that its URL can be cached for ever
 * @param guest whether the user is a guest (joined with a name only), which every view marks next to their name
 */
public record UserSummary(
        UserId id,
        String username,
        String displayName,
        @Nullable Instant lastSeenAt,
        int avatarVersion,
        boolean guest) {

    /** Where the picture is served from, or null when the user has none. */
    public @Nullable String avatarUrl() {
        return avatarUrlOf(id, avatarVersion);
    }

    /** The same summary with another last-seen time, as presence learns it. */
    public UserSummary withLastSeenAt(@Nullable Instant instant) {
        return new UserSummary(id, username, displayName, instant, avatarVersion, guest);
    }

    /** {@code /avatars/{id}?v={version}}: the version in the URL makes a changed picture a new URL. */
    public static @Nullable String avatarUrlOf(UserId id, int avatarVersion) {
        return avatarVersion == 0 ? null : "/avatars/" + id.value() + "?v=" + avatarVersion;
    }

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
