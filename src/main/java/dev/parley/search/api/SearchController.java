package dev.parley.search.api;

import dev.parley.accounts.ParleyUser;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomId;
import dev.parley.search.SearchHit;
import dev.parley.search.SearchQuery;
import dev.parley.search.SearchResults;
import dev.parley.search.SearchService;
import dev.parley.search.SearchSort;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search?q=…&room=…&limit=…&sort=relevance|newest}: the messages matching a search in the rooms the
 * caller may read now (or in the one room {@code room} names), with the total count. 400 for a malformed query, 404 for
 * a room the caller may not read, 503 while the index is being built.
 */
@RestController
@RequestMapping("/api/search")
class SearchController {

    private final SearchService search;
    private final RoomGuard guard;

    SearchController(SearchService search, RoomGuard guard) {
        this.search = search;
        this.guard = guard;
    }

    record AuthorJson(String username, String displayName, boolean guest) {}

    /** One hit; {@code snippet} is HTML: the text escaped, matched words in {@code <mark>}. */
    record HitJson(
            String room,
            String roomName,
            long messageId,
            long seq,
            AuthorJson author,
            Instant createdAt,
            String snippet) {

        static HitJson of(SearchHit hit) {
            return new HitJson(
                    hit.room().slug(),
                    hit.room().name(),
                    hit.message().value(),
                    hit.seq(),
                    new AuthorJson(
                            hit.author().username(),
                            hit.author().displayName(),
                            hit.author().guest()),
                    hit.createdAt(),
                    hit.snippetHtml());
        }
    }

    /** {@code total} is exact up to 1,000 matches; beyond, it is a lower bound and {@code totalExact} is false. */
    record ResultsJson(long total, boolean totalExact, List<HitJson> hits) {}

    /**
     * The answer carries {@code Server-Timing: search;dur=} with the milliseconds the search took in the server (the
     * readable rooms, the Lucene query and the authors), what the benchmark measures as query latency.
     */
    @Operation(summary = "Search messages in the rooms you may read")
    @ApiResponse(responseCode = "200", description = "The hits, best first or newest first")
    @ApiResponse(responseCode = "503", description = "The search index is being built: try again shortly")
    @GetMapping
    ResponseEntity<ResultsJson> search(
            @AuthenticationPrincipal ParleyUser user,
            @RequestParam String q,
            @RequestParam(required = false) @Nullable String room,
            @RequestParam(defaultValue = "" + SearchQuery.DEFAULT_LIMIT) int limit,
            @RequestParam(defaultValue = "relevance") String sort) {
        long start = System.nanoTime();
        SearchQuery query = SearchQuery.parse(q).limitedTo(limit).sortedBy(SearchSort.parse(sort));
        if (room != null && !room.isBlank()) {
            RoomId scope = guard.requireReadable(user.id(), room);
            query = query.inRoom(scope);
        }
        SearchResults results = search.search(user.id(), query);
        ResultsJson body = new ResultsJson(
                results.total(),
                results.totalExact(),
                results.hits().stream().map(HitJson::of).toList());
        double millis = (System.nanoTime() - start) / 1_000_000.0;
        return ResponseEntity.ok()
                .header("Server-Timing", String.format(Locale.ROOT, "search;dur=%.2f", millis))
                .body(body);
    }
}
