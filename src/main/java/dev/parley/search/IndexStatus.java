package dev.parley.search;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The message index as the Administration page shows it: whether search answers, and the last or current build of the
 * whole index.
 *
 * @param state ready, being built, or failed
 * @param location where the index is: {@code "embedded"} or {@code "OpenSearch"}
 * @param node the node running the build (or that ran the last one); null before any build
 * @param total how many messages the build indexes
 * @param indexed how many it has indexed so far
 * @param startedAt when the build started; null before any build
 * @param finishedAt when it ended; null while it runs, and before any build
 * @param failure why the last build failed; null unless it did
 */
public record IndexStatus(
        State state,
        String location,
        @Nullable String node,
        long total,
        long indexed,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String failure) {

    public enum State {
        READY,
        BUILDING,
        FAILED
    }

    /** How far the build is, from 0 to 100; 100 when there is nothing to index. */
    public int percent() {
        return total == 0 ? 100 : (int) Math.min(100, indexed * 100 / total);
    }
}
