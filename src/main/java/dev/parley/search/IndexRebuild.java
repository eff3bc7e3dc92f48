package dev.parley.search;

import dev.parley.base.ReadOnlyWork;
import dev.parley.messages.Message;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.mapping.SearchMapping;
import org.hibernate.search.mapper.orm.massindexing.MassIndexer;
import org.hibernate.search.mapper.pojo.massindexing.MassIndexingEnvironment;
import org.hibernate.search.mapper.pojo.massindexing.MassIndexingMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the whole message index from the database, in the background (Hibernate Search's mass indexer): for
 * {@link IndexCatchUp} when the embedded index is missing, unreadable or of another mapping version, and for
 * {@link SharedIndexBuild} on the one node that builds an index in OpenSearch.
 */
@Component
class IndexRebuild {

    private static final Logger log = LoggerFactory.getLogger(IndexRebuild.class);
    private static final long LOG_EVERY = 10_000;

    private final EntityManagerFactory entityManagerFactory;
    private final MessageChanges messages;

    IndexRebuild(EntityManagerFactory entityManagerFactory, MessageChanges messages) {
        this.entityManagerFactory = entityManagerFactory;
        this.messages = messages;
    }

    /** How far a build is: how many messages it indexes, and how many it has indexed; read from any thread. */
    static final class Progress {

        private final AtomicLong total = new AtomicLong();
        private final AtomicLong indexed = new AtomicLong();

        long total() {
            return total.get();
        }

        long indexed() {
            return indexed.get();
        }
    }

    /**
     * Drops the index and starts building it anew from every message not deleted, counting in {@code progress} (from
     * zero); the stage completes once the index is built and committed. With no messages at all it is complete at once.
     */
    CompletionStage<?> start(Progress progress) {
        SearchMapping mapping = Search.mapping(entityManagerFactory);
        long total = messages.countNotDeleted();
        progress.indexed.set(0);
        progress.total.set(total);
        if (total == 0) {
            mapping.scope(Message.class).schemaManager().dropAndCreate();
            log.info("Search index is empty and so is the database: nothing to build");
            return CompletableFuture.completedFuture(null);
        }
        log.info("Building the search index of {} messages in the background", total);
        long started = System.nanoTime();
        MassIndexer indexer = mapping.scope(Message.class).massIndexer();
        // Deleted messages are not indexed (DeletedMessagesNotIndexed): not even loaded, so that the progress counts
        // the messages of the total.
        indexer.type(Message.class).reindexOnly("e.deletedAt is null");
        return indexer.typesToIndexInParallel(1)
                .threadsToLoadObjects(1)
                .batchSizeToLoadObjects(500)
                .dropAndCreateSchemaOnStart(true)
                // One segment instead of a dozen: every query then looks up its terms and sets up its scorers once
                // (about 0.5 ms of a query over a million messages; the merge takes seconds, once).
                .mergeSegmentsOnFinish(true)
                // It only reads: on SQLite it must not hold the one writer connection, which every post needs.
                .environment(new MassIndexingEnvironment() {
                    @Override
                    public void beforeExecution(Context context) {
                        ReadOnlyWork.begin();
                    }

                    @Override
                    public void afterExecution(Context context) {
                        ReadOnlyWork.end();
                    }
                })
                .monitor(new ProgressLog(total, progress))
                .start()
                .thenRun(() -> log.info(
                        "Search index built: {} messages in {} s",
                        total,
                        Duration.ofNanos(System.nanoTime() - started).toSeconds()));
    }

    /** Counts the rebuild's progress, and logs it every {@value #LOG_EVERY} messages. */
    private static final class ProgressLog implements MassIndexingMonitor {

        private final long total;
        private final Progress progress;

        ProgressLog(long total, Progress progress) {
            this.total = total;
            this.progress = progress;
        }

        @Override
        public void documentsAdded(long increment) {
            long before = progress.indexed.getAndAdd(increment);
            long after = before + increment;
            if (after / LOG_EVERY > before / LOG_EVERY) {
                log.info("Search index: {} of {} messages ({}%)", after, total, after * 100 / Math.max(total, 1));
            }
        }

        @Override
        public void documentsBuilt(long increment) {}

        @Override
        public void entitiesLoaded(long increment) {}

        @Override
        public void indexingCompleted() {}
    }
}
