package dev.parley.search;

import static dev.parley.search.internal.MessageFields.AUTHOR;
import static dev.parley.search.internal.MessageFields.FILE_NAME;
import static dev.parley.search.internal.MessageFields.FILE_TYPE;
import static dev.parley.search.internal.MessageFields.ROOM;
import static dev.parley.search.internal.MessageFields.SEQ;
import static dev.parley.search.internal.MessageFields.TEXT;
import static dev.parley.search.internal.MessageFields.TEXT_PAIRS;
import static dev.parley.search.internal.MessageFields.TEXT_PREFIX;
import static dev.parley.search.internal.MessageFields.TIME;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotFoundException;
import dev.parley.base.UnavailableException;
import dev.parley.messages.Message;
import dev.parley.messages.MessageAuthor;
import dev.parley.rooms.ReadableRooms;
import dev.parley.rooms.RoomId;
import dev.parley.rooms.RoomRef;
import dev.parley.rooms.RoomService;
import dev.parley.search.internal.MessageAnalysis;
import jakarta.persistence.EntityManager;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.util.common.SearchException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Searches the messages a user may read. Which rooms those are is asked of {@link RoomService} once per search and
 * becomes a filter of the Lucene query itself, so pages are full and totals exact; deleted messages are not in the
 * index at all, and an edited message is indexed with its current text only.
 */
@Service
@Transactional(readOnly = true)
public class SearchService {

    private static final Logger log = LoggerFactory.getLogger(SearchService.class);

    /** Totals are exact up to this many matches, and "at least" beyond. */
    public static final int EXACT_TOTAL_UP_TO = 1000;

    /** About how many characters of text a snippet shows. */
    public static final int SNIPPET_LENGTH = 160;

    private final SearchIndex index;
    private final RoomService rooms;
    private final AccountService accounts;
    private final EntityManager entityManager;

    SearchService(SearchIndex index, RoomService rooms, AccountService accounts, EntityManager entityManager) {
        this.index = index;
        this.rooms = rooms;
        this.accounts = accounts;
        this.entityManager = entityManager;
    }

    /**
     * The messages matching the query in the rooms the user may read now (public rooms and rooms they are a member of),
     * or in the one room the query is scoped to; best match first or newest first, as the query says.
     *
     * @throws NotFoundException when the query is scoped to a room the user may not read
     * @throws InvalidInputException when {@code from:} names no user or {@code in:} no room the user may read
     * @throws UnavailableException while the index is being built, or OpenSearch cannot be reached
     */
    public SearchResults search(UserId actor, SearchQuery query) {
        index.requireReady();
        // With the highest room id read at the same moment: a room created after this is not searched (see RoomFilter).
        ReadableRooms now = rooms.readableRooms(actor);
        RoomId highest = now.highest();
        Map<RoomId, RoomRef> readable = new LinkedHashMap<>();
        now.rooms().forEach(room -> readable.put(room.id(), room));
        Set<RoomId> scope = scope(query, readable);
        @Nullable Long author = author(query);
        if (scope.isEmpty()) {
            return SearchResults.NONE;
        }
        RoomFilter roomFilter = RoomFilter.of(scope, highest);
        String typed = query.prefix();
        Optional<Set<String>> typedStems;
        SearchResult<Long> result;
        try {
            typedStems = typed == null ? Optional.empty() : index.stemsOfWordsStartingWith(typed);
            result = query(query, roomFilter, author, typedStems);
        } catch (SearchException e) {
            if (!SearchIndex.outOfReach(e)) {
                throw e;
            }
            log.warn("Search cannot reach its index: {}", e.toString());
            throw new UnavailableException("Search cannot reach its index right now; try again in a minute");
        }
        return new SearchResults(
                hits(
                        result.hits(),
                        readable,
                        Snippets.of(
                                index.analyzer(MessageAnalysis.ENGLISH),
                                SNIPPET_LENGTH,
                                query,
                                typedStems.orElse(Set.of()))),
                result.total().hitCountLowerBound(),
                result.total().isHitCountExact());
    }

    private SearchResult<Long> query(
            SearchQuery query, RoomFilter roomFilter, @Nullable Long author, Optional<Set<String>> typedStems) {
        // Only the ids come from the index (doc values): the hits' rows are read from the database, by id. Reading
        // the page's stored fields from the index decompressed a block of documents per hit, and was most of what a
        // search allocated.
        return Search.session(entityManager)
                .search(index.scope())
                .select(f -> f.id(Long.class))
                .where(f -> predicate(f, query, roomFilter, author, typedStems))
                // Messages posted in the same millisecond: the later in its room first.
                .sort(f -> query.sort() == SearchSort.NEWEST
                        ? f.field(TIME).desc().then().field(SEQ).desc()
                        : f.score().then().field(TIME).desc().then().field(SEQ).desc())
                // Counting every match of a common word in a million messages would score them all; beyond this many
                // Lucene may skip what cannot reach the page, and the total is a lower bound ("1000+").
                .totalHitCountThreshold(EXACT_TOTAL_UP_TO)
                .fetch(query.limit());
    }

    /** The rooms to look in: every readable room, narrowed by the caller's scope and by {@code in:}. */
    private Set<RoomId> scope(SearchQuery query, Map<RoomId, RoomRef> readable) {
        Set<RoomId> scope = new HashSet<>(readable.keySet());
        RoomId room = query.room();
        if (room != null) {
            if (!readable.containsKey(room)) {
                throw new NotFoundException("No such room");
            }
            scope.retainAll(Set.of(room));
        }
        String slug = query.inRoom();
        if (slug != null) {
            RoomId named = readable.values().stream()
                    .filter(r -> r.slug().equals(slug))
                    .map(RoomRef::id)
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException("in:" + slug + " is not a room you can read"));
            scope.retainAll(Set.of(named));
        }
        return scope;
    }

    private @Nullable Long author(SearchQuery query) {
        String username = query.from();
        if (username == null) {
            return null;
        }
        return accounts.findByUsername(username)
                .map(user -> user.id().value())
                .orElseThrow(() -> new InvalidInputException("from:" + username + " is not a user of Parley"));
    }

    private PredicateFinalStep predicate(
            SearchPredicateFactory f,
            SearchQuery query,
            RoomFilter rooms,
            @Nullable Long author,
            Optional<Set<String>> typedStems) {
        BooleanPredicateClausesStep<?, ?> bool = f.bool();
        // Permissions first: only the rooms the user may read now (and the scope), as part of the query.
        switch (rooms.kind()) {
            case ONLY -> bool.filter(f.terms().field(ROOM).matchingAny(rooms.rooms()));
            case ALL_BUT -> {
                bool.mustNot(f.range().field(ROOM).greaterThan(rooms.highest()));
                if (!rooms.rooms().isEmpty()) {
                    bool.mustNot(f.terms().field(ROOM).matchingAny(rooms.rooms()));
                }
            }
        }
        for (String word : query.words()) {
            bool.must(f.match().field(TEXT).field(FILE_NAME).matching(word));
        }
        String prefix = query.prefix();
        if (prefix != null && typedStems.isPresent()) {
            // The word being typed as the few stems of the words it starts (usually one): plain term lookups, where a
            // disjunction with the prefix field would read two posting lists as long as each other.
            BooleanPredicateClausesStep<?, ?> typed = f.bool();
            for (String stem : typedStems.get()) {
                typed.should(f.match().field(TEXT).matching(stem).skipAnalysis());
            }
            bool.must(typed.should(f.match().field(FILE_NAME).matching(prefix)));
        } else if (prefix != null) {
            bool.must(f.bool()
                    .should(f.match().field(TEXT).field(FILE_NAME).matching(prefix))
                    .should(f.match().field(TEXT_PREFIX).matching(prefix)));
        }
        for (String phrase : query.phrases()) {
            // A phrase of two words or more is looked up as pairs of neighbouring words: the short posting lists of its
            // pairs, instead of the positions of every message that has all its words. Snippets mark its words.
            bool.must(f.phrase()
                    .field(index.wordPairs(phrase) > 0 ? TEXT_PAIRS : TEXT)
                    .matching(phrase));
        }
        for (String excluded : query.excluded()) {
            bool.mustNot(f.phrase().field(TEXT).field(FILE_NAME).matching(excluded));
        }
        if (author != null) {
            bool.filter(f.match().field(AUTHOR).matching(author));
        }
        if (query.hasFile()) {
            bool.filter(f.exists().field(FILE_TYPE));
        }
        if (query.hasImage()) {
            bool.filter(f.wildcard().field(FILE_TYPE).matching("image/*"));
        }
        if (query.before() != null) {
            bool.filter(f.range()
                    .field(TIME)
                    .lessThan(query.before().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (query.after() != null) {
            bool.filter(f.range()
                    .field(TIME)
                    .atLeast(query.after()
                            .plusDays(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()));
        }
        if (!query.hasText()) {
            bool.must(f.matchAll());
        }
        return bool;
    }

    /**
     * The hits as shown, in the index's order: their messages and authors in one query each, their rooms from the
     * readable rooms already at hand. A message deleted since the index last saw it is left out.
     */
    private List<SearchHit> hits(List<Long> ids, Map<RoomId, RoomRef> readable, Snippets snippets) {
        List<Message> found = entityManager.unwrap(Session.class).findMultiple(Message.class, ids);
        List<Message> messages = found.stream()
                .filter(message -> message != null && !message.deleted())
                .toList();
        Map<UserId, UserSummary> authors =
                accounts.summaries(messages.stream().map(Message::authorId).collect(Collectors.toSet()));
        List<SearchHit> hits = new ArrayList<>(messages.size());
        for (Message message : messages) {
            RoomRef room = readable.get(message.roomId());
            UserSummary author = authors.get(message.authorId());
            if (room == null || author == null) {
                continue; // the filter admits only readable rooms, and users are never deleted
            }
            hits.add(new SearchHit(
                    message.id(),
                    room,
                    message.seq(),
                    MessageAuthor.of(author),
                    message.createdAt(),
                    snippets.of(message.body())));
        }
        return hits;
    }
}
