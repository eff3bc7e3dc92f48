package dev.parley.messages.ui;

import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.MessageMarkdown;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the composer's mention suggestions are made of, without any UI: finding the {@code @name} being typed before the
 * caret (by {@link MessageMarkdown#MENTION_BEING_TYPED}, the rule a sent message is read by), choosing the room members
 * it may mean, and writing the chosen one in.
 */
final class MentionSuggestions {

    /** At most this many suggestions are shown. */
    static final int MAX = 6;

    private static final Pattern BEING_TYPED = Pattern.compile(MessageMarkdown.MENTION_BEING_TYPED);

    /** Online members first, as they are the likelier to be meant, then by username. */
    private static final Comparator<Candidate> ORDER = Comparator.comparing((Candidate c) -> !c.online())
            .thenComparing(c -> c.user().username());

    /** A member of the room as the view knows them. */
    record Candidate(UserSummary user, boolean online) {}

    /**
     * An {@code @name} being typed.
     *
     * @param start where its {@code @} is
     * @param end where it ends: the caret
     * @param prefix what is typed after the {@code @}, in lower case; maybe empty
     */
    record TypedMention(int start, int end, String prefix) {}

    /**
     * A text with a mention written in.
     *
     * @param caret where the caret goes: right after the mention and its space
     */
    record Completion(String text, int caret) {}

    private MentionSuggestions() {}

    /** The mention being typed right before the caret, if any. */
    static Optional<TypedMention> typedBefore(String text, int caret) {
        if (caret < 0 || caret > text.length()) {
            return Optional.empty();
        }
        String before = text.substring(0, caret);
        Matcher matcher = BEING_TYPED.matcher(before);
        // Java's $ also matches before a final line break: "@bo\n" is a finished line, not a mention being typed.
        if (!matcher.find() || matcher.end() != before.length()) {
            return Optional.empty();
        }
        return Optional.of(
                new TypedMention(matcher.start(), caret, matcher.group(1).toLowerCase(Locale.ROOT)));
    }

    /**
     * The members whose username or display name starts with the prefix (ignoring case), never the viewer themself,
     * best first, at most {@value #MAX}.
     */
    static List<UserSummary> suggest(String prefix, Collection<Candidate> members, UserId viewer) {
        String lower = prefix.toLowerCase(Locale.ROOT);
        return members.stream()
                .filter(c -> !c.user().id().equals(viewer))
                .filter(c -> c.user().username().startsWith(lower)
                        || c.user().displayName().toLowerCase(Locale.ROOT).startsWith(lower))
                .sorted(ORDER)
                .limit(MAX)
                .map(Candidate::user)
                .toList();
    }

    /**
     * Replaces the typed mention with {@code @username} and a space; a space already after the caret is used instead of
     * adding a second one.
     */
    static Completion complete(String text, TypedMention typed, String username) {
        String after = text.substring(typed.end());
        String mention = "@" + username + (after.startsWith(" ") ? "" : " ");
        int caret = typed.start() + mention.length() + (after.startsWith(" ") ? 1 : 0);
        return new Completion(text.substring(0, typed.start()) + mention + after, caret);
    }
}
