package dev.parley.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.parley.base.UnavailableException;
import dev.parley.messages.Message;
import dev.parley.messages.MessagePosted;
import dev.parley.rooms.RoomDeleted;
import dev.parley.search.internal.MessageAnalysis;
import dev.parley.search.internal.MessageFields;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.hibernate.search.backend.elasticsearch.ElasticsearchExtension;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.backend.lucene.scope.LuceneIndexScope;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.engine.search.query.SearchScroll;
import org.hibernate.search.engine.search.query.SearchScrollResult;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.scope.SearchScope;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The message index as searches use it: whether it can answer (it cannot while {@link IndexCatchUp} or, in OpenSearch,
 * {@link SharedIndexBuild} builds it), its analyzers and terms, and the changes the ORM listeners cannot see (files
 * attached to a new message by a bulk update, a deleted room's messages deleted by one).
 */
@Component
class SearchIndex {

    static final String FOLDER = "index";

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

    /** Building until {@link IndexCatchUp} knows what the index holds. */
    private volatile State state = State.BUILDING;

    private volatile @Nullable SearchScope<Message> scope;

    /** The analyzers asked for so far, by name. */
    private final Map<String, Analyzer> analyzers = new ConcurrentHashMap<>();

    /** Whether the index is Lucene's in this process, whose terms a search may read directly. */
    private final boolean embedded;

    /**
     * In OpenSearch, the stems each word being typed stood for lately: listing them is a request of its own, about as
     * long as the query, and the same few prefixes are typed over and over. A word typed whole is always found, new or
     * not (its own stem is always asked); what is remembered is which other words it starts, so a word that first
     * appears in the index is found by a prefix of it up to 10 s later on each node.
     */
    private final Cache<String, Optional<Set<String>>> recentStems = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(10))
            .maximumSize(10_000)
            .build();

    SearchIndex(EntityManagerFactory entityManagerFactory, EntityManager entityManager, SearchProperties properties) {
        this.entityManagerFactory = entityManagerFactory;
        this.entityManager = entityManager;
        this.embedded = !properties.opensearch().configured();
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

    /** Searches are answered from now on (possibly while what the index lacks is indexed again). */
    void markReady() {
        state = State.READY;
    }

    /** The index is being built from scratch: searches answer "being built" until it is. */
    void markBuilding() {
        state = State.BUILDING;
    }

    /** Building the index failed: searches answer "could not be built" until a new attempt succeeds. */
    void markFailed() {
        state = State.FAILED;
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

    /** The index's analyzer of that name (one of {@link MessageAnalysis}'s), as both backends analyse text. */
    Analyzer analyzer(String name) {
        return analyzers.computeIfAbsent(name, MessageAnalysis::create);
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
     *
     * <p>Only the embedded index's terms can be read so; OpenSearch has no way to list a text field's terms, and its
     * documents' word list answers there ({@link #stemsInOpenSearch}).
     */
    Optional<Set<String>> stemsOfWordsStartingWith(String typed) {
        List<String> folded = terms(MessageAnalysis.PLAIN, typed);
        if (folded.size() != 1) {
            return Optional.empty();
        }
        if (embedded) {
            return stemsInLucene(typed, folded.getFirst());
        }
        return recentStems.get(typed, key -> stemsInOpenSearch(key, folded.getFirst()));
    }

    private Optional<Set<String>> stemsInLucene(String typed, String folded) {
        BytesRef start = new BytesRef(folded);
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

    /**
     * The same in OpenSearch, from the word list ({@link MessageFields#WORDS}): the indexed words that start with
     * {@code typed}, listed by a terms aggregation that matches no document and so enumerates the field's terms (as the
     * embedded index's terms are read, those of deleted documents included until they are merged away). Their stems are
     * the stems of the words that exist; the prefix field's terms they make are counted as in the embedded index, for
     * the same limits. The stem of {@code typed} itself is added as it is: it matches nothing if no message has it.
     */
    private Optional<Set<String>> stemsInOpenSearch(String typed, String folded) {
        AggregationKey<JsonObject> words = AggregationKey.of(MessageFields.WORDS);
        JsonObject terms = new JsonObject();
        terms.addProperty("field", MessageFields.WORDS);
        terms.addProperty("include", escapeRegExp(folded) + ".*");
        terms.addProperty("min_doc_count", 0);
        terms.addProperty("size", MAX_PREFIXES + 1);
        terms.addProperty("shard_size", MAX_PREFIXES + 1);
        JsonObject order = new JsonObject();
        order.addProperty("_key", "asc");
        terms.add("order", order);
        JsonObject aggregation = new JsonObject();
        aggregation.add("terms", terms);
        SearchResult<Long> result = Search.session(entityManager)
                .search(scope())
                .extension(ElasticsearchExtension.get())
                .select(f -> f.id(Long.class))
                .where(f -> f.matchNone())
                .aggregation(words, f -> f.fromJson(aggregation))
                .fetch(0);
        Set<String> prefixes = new TreeSet<>();
        Set<String> stems = new TreeSet<>();
        for (JsonElement bucket : result.aggregation(words).getAsJsonArray("buckets")) {
            String word = bucket.getAsJsonObject().get("key").getAsString();
            if (word.length() >= MessageAnalysis.MAX_PREFIX) {
                return Optional.empty();
            }
            for (int end = folded.length(); end <= word.length(); end++) {
                prefixes.add(word.substring(0, end));
            }
            if (prefixes.size() > MAX_PREFIXES) {
                return Optional.empty();
            }
            stems.addAll(terms(MessageAnalysis.ENGLISH, word));
        }
        if (stems.size() > MAX_STEMS) {
            return Optional.empty();
        }
        stems.addAll(terms(MessageAnalysis.ENGLISH, typed));
        return Optional.of(stems);
    }

    /** {@code text} as a Lucene regular expression that matches it literally. */
    private static String escapeRegExp(String text) {
        StringBuilder escaped = new StringBuilder(text.length() * 2);
        text.codePoints().forEach(c -> {
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                escaped.append('\\');
            }
            escaped.appendCodePoint(c);
        });
        return escaped.toString();
    }

    /** Whether a failure of a search is the index's server out of reach (OpenSearch down, or the network cut). */
    static boolean outOfReach(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The terms the named analyzer makes of a text. */
    List<String> terms(String analyzer, String text) {
        return Token.terms(analyzer(analyzer), text);
    }

    /**
     * A new message's files are attached by a bulk update after the message was stored and indexed without them, so it
     * is indexed again, with its files, in the same transaction.
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
}
