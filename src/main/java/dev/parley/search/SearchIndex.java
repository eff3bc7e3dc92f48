package dev.parley.search;

import dev.parley.base.DataDirectory;
import dev.parley.base.ReadOnlyWork;
import dev.parley.base.UnavailableException;
import dev.parley.messages.Message;
import dev.parley.messages.MessagePosted;
import dev.parley.rooms.RoomDeleted;
import dev.parley.search.internal.MessageAnalysis;
import dev.parley.search.internal.MessageFields;
import jakarta.annotation.PreDestroy;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.hibernate.search.backend.lucene.LuceneBackend;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.backend.lucene.scope.LuceneIndexScope;
import org.hibernate.search.engine.search.query.SearchScroll;
import org.hibernate.search.engine.search.query.SearchScrollResult;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.mapping.SearchMapping;
import org.hibernate.search.mapper.orm.scope.SearchScope;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.hibernate.search.mapper.pojo.massindexing.MassIndexingEnvironment;
import org.hibernate.search.mapper.pojo.massindexing.MassIndexingMonitor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The message index's life: whether it can answer, rebuilding it in the background when it is missing or was built by
 * another mapping, and the changes the ORM listeners cannot see (files attached to a new message by a bulk update, a
 * deleted room's messages deleted by one).
 *
 * <p>A stamp file in the index folder holds the {@link MessageFields#MAPPING_VERSION} of a complete index. It is
 * removed at start-up and written back at a clean shutdown, so an index left by a crash (whose last second of changes
 * may not have been committed) or by an interrupted rebuild is rebuilt, as is one built by another mapping version.
 */
@Component
class SearchIndex {

    static final String FOLDER = "index";
    static final String STAMP = "parley-index.version";

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private static final long LOG_EVERY = 10_000;
    private static final int PURGE_CHUNK = 1000;

    /** How many indexed word starts the word being typed may begin before the prefix field answers for them. */
    private static final int MAX_PREFIXES = 64;

    /** How many stems the word being typed may stand for before the prefix field answers for them. */
    private static final int MAX_STEMS = 8;

    private enum State {
        READY,
        BUILDING,
        FAILED
    }

    private final EntityManagerFactory entityManagerFactory;
    private final EntityManager entityManager;
    private final TransactionTemplate transactions;
    private final Path stamp;
    private volatile State state;

    private volatile @Nullable SearchScope<Message> scope;

    /** The analyzers asked for so far, by name. */
    private final Map<String, Analyzer> analyzers = new ConcurrentHashMap<>();

    SearchIndex(
            DataDirectory dataDirectory,
            EntityManagerFactory entityManagerFactory,
            EntityManager entityManager,
            TransactionTemplate transactions) {
        this.entityManagerFactory = entityManagerFactory;
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.stamp = dataDirectory.resolve(FOLDER).resolve(STAMP);
        this.state = stampIsCurrent() ? State.READY : State.BUILDING;
        try {
            Files.deleteIfExists(stamp);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the search index stamp " + stamp, e);
        }
    }

    /**
     * Throws unless searches can be answered from a complete index.
     *
     * @throws UnavailableException while the index is being built, or when building it failed
     */
    void requireReady() {
        switch (state) {
            case READY -> {}
            case BUILDING ->
                throw new UnavailableException("The search index is being built; try again in a minute or two");
            case FAILED -> throw new UnavailableException("The search index could not be built; see the server log");
        }
    }

    boolean ready() {
        return state == State.READY;
    }

    /** The scope of searches over messages, made once. */
    SearchScope<Message> scope() {
        SearchScope<Message> made = scope;
        if (made == null) {
            made = Search.mapping(entityManagerFactory).scope(Message.class);
            scope = made;
        }
        return made;
    }

    /** The index's analyzer of that name (one of {@link MessageAnalysis}'s). */
    Analyzer analyzer(String name) {
        return analyzers.computeIfAbsent(name, key -> Search.mapping(entityManagerFactory)
                .backend()
                .unwrap(LuceneBackend.class)
                .analyzer(key)
                .orElseThrow(() -> new IllegalStateException("No analyzer " + key)));
    }

    /**
     * How many pairs of neighbouring words the index's pair field makes of a phrase: none for a phrase of one word (or
     * of none, once analysed), whose pair clause would match nothing.
     */
    int wordPairs(String phrase) {
        return terms(MessageAnalysis.PAIRS, phrase).size();
    }

    /**
     * The stems of the indexed words that start with {@code typed}, plus the stem of {@code typed} itself if any
     * indexed word has it: the terms of the text field that the word being typed matches. Empty when {@code typed}
     * starts too many indexed words (or one longer than the prefix field keeps) for a handful of terms to stand for
     * them; the prefix field then answers instead.
     *
     * <p>The prefixes come from the prefix field's own terms (every start of every word, up to
     * {@value MessageAnalysis#MAX_PREFIX} letters), each analysed as the text is; a prefix that is not a whole word
     * gives a "stem" no message has, which is dropped.
     */
    Optional<Set<String>> stemsOfWordsStartingWith(String typed) {
        List<String> folded = terms(MessageAnalysis.PLAIN, typed);
        if (folded.size() != 1) {
            return Optional.empty();
        }
        BytesRef start = new BytesRef(folded.getFirst());
        List<String> prefixes = new ArrayList<>();
        LuceneIndexScope lucene = scope().extension(LuceneExtension.get());
        try (IndexReader reader = lucene.openIndexReader()) {
            Terms terms = MultiTerms.getTerms(reader, MessageFields.TEXT_PREFIX);
            TermsEnum iterator = terms == null ? TermsEnum.EMPTY : terms.iterator();
            if (iterator.seekCeil(start) != TermsEnum.SeekStatus.END) {
                for (BytesRef term = iterator.term();
                        term != null && StringHelper.startsWith(term, start);
                        term = iterator.next()) {
                    if (prefixes.size() == MAX_PREFIXES || term.length >= MessageAnalysis.MAX_PREFIX) {
                        return Optional.empty();
                    }
                    prefixes.add(term.utf8ToString());
                }
            }
            Set<String> stems = new TreeSet<>(terms(MessageAnalysis.ENGLISH, typed));
            for (String prefix : prefixes) {
                stems.addAll(terms(MessageAnalysis.ENGLISH, prefix));
            }
            Set<String> found = new TreeSet<>();
            for (String stem : stems) {
                if (reader.docFreq(new Term(MessageFields.TEXT, stem)) > 0) {
                    found.add(stem);
                }
            }
            return found.size() > MAX_STEMS ? Optional.empty() : Optional.of(found);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the search index's terms", e);
        }
    }

    /** The terms the named analyzer makes of a text. */
    List<String> terms(String analyzer, String text) {
        return Token.terms(analyzer(analyzer), text);
    }

    /** Starts rebuilding the index in the background if it needs it; the application serves meanwhile. */
    @EventListener(ApplicationReadyEvent.class)
    void buildIfNeeded() {
        if (state != State.BUILDING) {
            return;
        }
        SearchMapping mapping = Search.mapping(entityManagerFactory);
        Long count = transactions.execute(status -> entityManager
                .createQuery("select count(m) from Message m where m.deletedAt is null", Long.class)
                .getSingleResult());
        long total = count == null ? 0 : count;
        if (total == 0) {
            mapping.scope(Message.class).schemaManager().dropAndCreate();
            log.info("Search index is empty and so is the database: nothing to build");
            state = State.READY;
            return;
        }
        log.info("Building the search index of {} messages in the background", total);
        long started = System.nanoTime();
        CompletionStage<?> done = mapping.scope(Message.class)
                .massIndexer()
                .typesToIndexInParallel(1)
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
                .monitor(new ProgressLog(total))
                .start();
        done.whenComplete((result, failure) -> {
            if (failure == null) {
                log.info(
                        "Search index built: {} messages in {} s",
                        total,
                        Duration.ofNanos(System.nanoTime() - started).toSeconds());
                state = State.READY;
            } else {
                log.error("Building the search index failed; search stays unavailable until a restart", failure);
                state = State.FAILED;
            }
        });
    }

    /**
     * A new message's files are attached by a bulk update after the message was stored and indexed without them, so
     * it is indexed again, with its files, in the same transaction.
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void reindexWithFiles(MessagePosted posted) {
        if (posted.message().attachments().isEmpty()) {
            return;
        }
        Message message =
                entityManager.find(Message.class, posted.message().id().value());
        if (message != null) {
            Search.session(entityManager).indexingPlan().addOrUpdate(message);
        }
    }

    /**
     * A room is being deleted: its messages leave the index when the deleting transaction commits. They are deleted by
     * one bulk statement, which the ORM listeners do not see, so their documents are found in the index itself (by
     * room) and purged one by one in the transaction's indexing plan.
     */
    @EventListener
    void forgetRoom(RoomDeleted deleted) {
        SearchSession session = Search.session(entityManager);
        try (SearchScroll<Long> scroll = session.search(Message.class)
                .select(f -> f.id(Long.class))
                .where(f -> f.match()
                        .field(MessageFields.ROOM)
                        .matching(deleted.id().value()))
                .scroll(PURGE_CHUNK)) {
            for (SearchScrollResult<Long> chunk = scroll.next(); chunk.hasHits(); chunk = scroll.next()) {
                chunk.hits().forEach(id -> session.indexingPlan().purge(Message.class, id, null));
            }
        }
    }

    /** A complete index is stamped at a clean shutdown, so the next start-up uses it as it is. */
    @PreDestroy
    void stampIfComplete() {
        if (state != State.READY) {
            return;
        }
        try {
            Files.createDirectories(stamp.getParent());
            Files.writeString(stamp, Integer.toString(MessageFields.MAPPING_VERSION), StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("Could not stamp the search index {}: it will be rebuilt at the next start-up", stamp, e);
        }
    }

    private boolean stampIsCurrent() {
        try {
            return Files.isRegularFile(stamp)
                    && Files.readString(stamp, StandardCharsets.UTF_8)
                            .strip()
                            .equals(Integer.toString(MessageFields.MAPPING_VERSION));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the search index stamp " + stamp, e);
        }
    }

    /** Logs the rebuild's progress every {@value #LOG_EVERY} messages. */
    private static final class ProgressLog implements MassIndexingMonitor {

        private final long total;
        private final AtomicLong added = new AtomicLong();

        ProgressLog(long total) {
            this.total = total;
        }

        @Override
        public void documentsAdded(long increment) {
            long before = added.getAndAdd(increment);
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
