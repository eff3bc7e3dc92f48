package dev.parley.search;

import dev.parley.base.InvalidInputException;
import dev.parley.rooms.RoomId;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A parsed search: what the user typed ({@link #parse}), plus the scope, order and page size the caller chose.
 *
 * @param words words every hit contains (stemmed: "deploys" finds "deployed")
 * @param prefix the last word typed, matched as the start of a word ("depl" finds "deployed") and, like the other
 *     words, whatever its ending ("meetings" finds "meeting"; "plann" finds "plans", a word with the stem of the
 *     "planning" it starts), or null when the query does not end with a plain word
 * @param phrases exact phrases every hit contains
 * @param excluded words and phrases no hit contains
 * @param from the username of the author ({@code from:}), or null
 * @param inRoom the slug of the one room to look in ({@code in:}), or null
 * @param hasFile only messages with files ({@code has:file})
 * @param hasImage only messages with an image ({@code has:image})
 * @param before only messages posted before this day began, UTC ({@code before:})
 * @param after only messages posted after this day ended, UTC ({@code after:})
 * @param room the room the caller scoped the search to (the room on screen), or null for every readable room
 * @param sort the order of hits
 * @param limit how many hits to return, 1 to {@value #MAX_LIMIT}
 */
public record SearchQuery(
        List<String> words,
        @Nullable String prefix,
        List<String> phrases,
        List<String> excluded,
        @Nullable String from,
        @Nullable String inRoom,
        boolean hasFile,
        boolean hasImage,
        @Nullable LocalDate before,
        @Nullable LocalDate after,
        @Nullable RoomId room,
        SearchSort sort,
        int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** The longest query accepted, in characters. */
    public static final int MAX_LENGTH = 500;

    /** The earliest and the latest day {@code before:} and {@code after:} take: four-digit years. */
    static final LocalDate FIRST_DATE = LocalDate.of(1, 1, 1);

    static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

    public SearchQuery {
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
        excluded = List.copyOf(excluded);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /** Whether anything must match the text, as opposed to only filters and exclusions. */
    public boolean hasText() {
        return !words.isEmpty() || prefix != null || !phrases.isEmpty();
    }

    public SearchQuery inRoom(@Nullable RoomId scope) {
        return new SearchQuery(
                words, prefix, phrases, excluded, from, inRoom, hasFile, hasImage, before, after, scope, sort, limit);
    }

    public SearchQuery sortedBy(SearchSort order) {
        return new SearchQuery(
                words, prefix, phrases, excluded, from, inRoom, hasFile, hasImage, before, after, room, order, limit);
    }

    public SearchQuery limitedTo(int max) {
        return new SearchQuery(
                words, prefix, phrases, excluded, from, inRoom, hasFile, hasImage, before, after, room, sort, max);
    }

    /**
     * Parses what the user typed: words (the last one as a prefix), {@code "exact phrases"}, {@code -word} and
     * {@code -"phrase"} to exclude, and the operators {@code from:username}, {@code in:room-slug}, {@code has:file},
     * {@code has:image}, {@code before:YYYY-MM-DD} and {@code after:YYYY-MM-DD}. Any other {@code word:word} is an
     * ordinary word. The result searches every readable room, by relevance, {@value #DEFAULT_LIMIT} hits.
     *
     * @throws InvalidInputException when the query is empty, too long, has a quote left open, or an operator without a
     *     valid value; the message says how to write it
     */
    public static SearchQuery parse(String text) {
        String input = text.strip();
        if (input.isEmpty()) {
            throw new InvalidInputException("Type a word to search for");
        }
        if (input.length() > MAX_LENGTH) {
            throw new InvalidInputException("A search can be at most " + MAX_LENGTH + " characters long");
        }
        Builder b = new Builder();
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = c == '-' && i + 1 < input.length() && !Character.isWhitespace(input.charAt(i + 1));
            int start = negated ? i + 1 : i;
            if (input.charAt(start) == '"') {
                int close = input.indexOf('"', start + 1);
                if (close < 0) {
                    throw new InvalidInputException("A quote is not closed: end the phrase with \"");
                }
                String phrase = input.substring(start + 1, close).strip();
                if (!phrase.isEmpty()) {
                    (negated ? b.excluded : b.phrases).add(phrase);
                }
                b.lastWasWord = false;
                i = close + 1;
                continue;
            }
            int end = start;
            while (end < input.length() && !Character.isWhitespace(input.charAt(end))) {
                end++;
            }
            String token = input.substring(start, end);
            i = end;
            if (negated) {
                b.excluded.add(token);
                b.lastWasWord = false;
            } else if (!b.operator(token)) {
                b.words.add(token);
                b.lastWasWord = true;
            }
        }
        return b.build();
    }

    private static final class Builder {
        final List<String> words = new ArrayList<>();
        final List<String> phrases = new ArrayList<>();
        final List<String> excluded = new ArrayList<>();

        @Nullable
        String from;

        @Nullable
        String inRoom;

        boolean hasFile;
        boolean hasImage;

        @Nullable
        LocalDate before;

        @Nullable
        LocalDate after;

        boolean lastWasWord;

        /** Takes an operator token; false when the token is an ordinary word. */
        boolean operator(String token) {
            int colon = token.indexOf(':');
            if (colon <= 0) {
                return false;
            }
            String key = token.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = token.substring(colon + 1);
            switch (key) {
                case "from" ->
                    from = required(key, value, "a username, like from:alice").toLowerCase(Locale.ROOT);
                case "in" ->
                    inRoom = required(key, value, "a room's short name, like in:general")
                            .toLowerCase(Locale.ROOT);
                case "has" -> {
                    switch (required(key, value, "file or image, like has:file").toLowerCase(Locale.ROOT)) {
                        case "file" -> hasFile = true;
                        case "image" -> hasImage = true;
                        default ->
                            throw new InvalidInputException(
                                    "has: takes file or image (has:file, has:image), not \"" + value + "\"");
                    }
                }
                case "before" -> before = date(key, value);
                case "after" -> after = date(key, value);
                default -> {
                    return false;
                }
            }
            lastWasWord = false;
            return true;
        }

        private static String required(String key, String value, String example) {
            if (value.isEmpty()) {
                throw new InvalidInputException(key + ": needs " + example);
            }
            return value;
        }

        private static LocalDate date(String key, String value) {
            LocalDate date;
            try {
                date = LocalDate.parse(required(key, value, "a date, like " + key + ":2026-01-31"));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(
                        key + ": takes a date as YYYY-MM-DD, like " + key + ":2026-01-31, not \"" + value + "\"");
            }
            // ISO dates go to year ±999,999,999, where the day after or the instant in milliseconds is out of range.
            if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
                throw new InvalidInputException(
                        key + ": takes a date between " + FIRST_DATE + " and " + LAST_DATE + ", not \"" + value + "\"");
            }
            return date;
        }

        SearchQuery build() {
            @Nullable String prefix = null;
            if (lastWasWord && !words.isEmpty()) {
                prefix = words.removeLast();
            }
            if (words.isEmpty()
                    && prefix == null
                    && phrases.isEmpty()
                    && excluded.isEmpty()
                    && from == null
                    && inRoom == null
                    && !hasFile
                    && !hasImage
                    && before == null
                    && after == null) {
                throw new InvalidInputException("Type a word to search for");
            }
            return new SearchQuery(
                    words,
                    prefix,
                    phrases,
                    excluded,
                    from,
                    inRoom,
                    hasFile,
                    hasImage,
                    before,
                    after,
                    null,
                    SearchSort.RELEVANCE,
                    DEFAULT_LIMIT);
        }
    }
}
