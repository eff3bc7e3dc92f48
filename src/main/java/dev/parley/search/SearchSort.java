package dev.parley.search;

import dev.parley.base.InvalidInputException;
import java.util.Locale;

/** The order of search hits. */
public enum SearchSort {
    /** Best match first; among equally good matches, the newer first. */
    RELEVANCE,
    /** Newest first, however well each matches. */
    NEWEST;

    /**
     * The order named {@code relevance} or {@code newest} (any case).
     *
     * @throws InvalidInputException for any other name
     */
    public static SearchSort parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "relevance" -> RELEVANCE;
            case "newest" -> NEWEST;
            default -> throw new InvalidInputException("sort must be relevance or newest");
        };
    }
}
