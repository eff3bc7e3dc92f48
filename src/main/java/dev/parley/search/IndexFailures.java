package dev.parley.search;

import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.search.engine.reporting.EntityIndexingFailureContext;
import org.hibernate.search.engine.reporting.FailureContext;
import org.hibernate.search.engine.reporting.FailureHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hibernate Search's background failure handler: logs each failed index operation, as its own handler does, and tells
 * the catch-up, which then indexes again from the database what the committed index lacks. Made before the entity
 * manager factory (it is part of its settings), so it depends on nothing and is told whom to call later. With the index
 * in OpenSearch there is no catch-up: a change whose indexing failed stays in the outbox, and is tried again.
 */
final class IndexFailures implements FailureHandler {

    private static final Logger log = LoggerFactory.getLogger(IndexFailures.class);

    private final AtomicLong failures = new AtomicLong();
    private final boolean inOpenSearch;
    private volatile Runnable listener = () -> {};

    IndexFailures(boolean inOpenSearch) {
        this.inOpenSearch = inOpenSearch;
    }

    /** Who is told of each failure from now on. */
    void whenFailed(Runnable listener) {
        this.listener = listener;
    }

    /** How many failures have been reported since start-up. */
    long count() {
        return failures.get();
    }

    @Override
    public void handle(FailureContext context) {
        log.error(
                "Search index: {} failed; what the index lost is indexed again from the database",
                context.failingOperation(),
                context.throwable());
        failed();
    }

    @Override
    public void handle(EntityIndexingFailureContext context) {
        if (inOpenSearch) {
            // OpenSearch out of reach fails every change until it is back: one line each, not a stack trace.
            log.warn(
                    "Search index: {} failed for {}; the changes stay in the outbox and are indexed once OpenSearch"
                            + " answers: {}",
                    context.failingOperation(),
                    context.failingEntityReferences(),
                    context.throwable().toString());
        } else {
            log.error(
                    "Search index: {} failed for {}; they are indexed again from the database",
                    context.failingOperation(),
                    context.failingEntityReferences(),
                    context.throwable());
        }
        failed();
    }

    private void failed() {
        failures.incrementAndGet();
        listener.run();
    }
}
