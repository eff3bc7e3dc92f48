package dev.parley.search;

import java.util.List;

/**
 * A page of search hits and how many messages matched in all.
 *
 * @param total every readable message that matched, not only those on this page; counted exactly up to
 *     {@value SearchService#EXACT_TOTAL_UP_TO}, and a lower bound beyond (then {@code totalExact} is false)
 */
public record SearchResults(List<SearchHit> hits, long total, boolean totalExact) {

    public static final SearchResults NONE = new SearchResults(List.of(), 0, true);

    /** "No messages found", "1 message", "42 messages", "1000+ messages". */
    public String totalText() {
        if (total == 0) {
            return "No messages found";
        }
        if (total == 1 && totalExact) {
            return "1 message";
        }
        return total + (totalExact ? "" : "+") + " messages";
    }
}
