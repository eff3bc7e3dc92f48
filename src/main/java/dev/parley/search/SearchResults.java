package dev.parley.search;

import java.util.List;

/**
 * A page of search hits and how many messages matched in all.
 *
 * @param total every readable message that matched, not only those on this page
 */
public record SearchResults(List<SearchHit> hits, long total) {

    public static final SearchResults NONE = new SearchResults(List.of(), 0);
}
