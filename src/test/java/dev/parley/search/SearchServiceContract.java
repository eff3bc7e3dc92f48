package dev.parley.search;

import static dev.parley.files.TestFiles.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotFoundException;
import dev.parley.files.Attachment;
import dev.parley.files.FileService;
import dev.parley.files.TestFiles;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.Message;
import dev.parley.messages.MessageService;
import dev.parley.rooms.DirectConversations;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.RoomTestData;
import dev.parley.rooms.internal.MembershipRepository;
import dev.parley.search.internal.MessageFields;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hibernate.search.mapper.orm.Search;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Message search as users see it: operators, prefix, phrases, ranking, highlighting and the permission matrix (public,
 * member of a private room, former member, non-member, deleted, edited, archived, made private, deleted room). Run on
 * SQLite, H2 and PostgreSQL with the embedded index, and on PostgreSQL with the index in OpenSearch, by the subclasses.
 * Every test searches for a word of its own, so tests sharing a database and an index never see each other's messages.
 */
abstract class SearchServiceContract {

    @Autowired
    SearchService search;

    @Autowired
    SearchIndex index;

    @Autowired
    MessageService messages;

    @Autowired
    RoomService rooms;

    @Autowired
    DirectConversations directs;

    @Autowired
    Memberships members;

    @Autowired
    AccountService accounts;

    @Autowired
    FileService files;

    @Autowired
    MembershipRepository memberships;

    @Autowired
    EntityManager entityManager;

    @Autowired
    PlatformTransactionManager transactions;

    /** A word no other test uses: letters only, so that neither the tokenizer nor the stemmer changes it. */
    private String marker;

    private UserSummary alice;
    private UserSummary bob;

    @BeforeEach
    void setUp() {
        // A context that starts on a database other contexts filled rebuilds its index first.
        await().atMost(Duration.ofSeconds(60)).until(index::ready);
        marker = marker();
        alice = Fixtures.user(accounts, "alice");
        bob = Fixtures.user(accounts, "bob");
    }

    /** Consonants only, ending in k: the stemmer leaves such a word as it is. */
    private static String marker() {
        String letters = "bcdfghjklmnpqrtvwxz";
        StringBuilder word = new StringBuilder("qz");
        for (int i = 0; i < 8; i++) {
            word.append(letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
        }
        return word.append('k').toString();
    }

    private SearchResults find(UserId actor, String query) {
        awaitIndexing();
        return search.search(actor, SearchQuery.parse(query));
    }

    /**
     * Waits until the index shows every change made so far: at once for the embedded index, which the tests have show
     * each change when its transaction commits (read-sync).
     */
    void awaitIndexing() {}

    private List<String> bodies(SearchResults results) {
        return results.hits().stream()
                .map(hit -> hit.snippetHtml().replace("<mark>", "").replace("</mark>", ""))
                .toList();
    }

    private RoomSummary publicRoom(UserSummary owner) {
        return rooms.create(owner.id(), "Search " + UUID.randomUUID(), null, false);
    }

    private RoomSummary privateRoom(UserSummary owner) {
        return rooms.create(owner.id(), "Secret " + UUID.randomUUID(), null, true);
    }

    @Test
    void words_match_whatever_their_ending_and_the_last_word_matches_as_a_prefix() {
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), marker + " we deployed the builds yesterday");
        messages.post(alice.id(), room.id(), marker + " lunch is ready");

        assertThat(bodies(find(bob.id(), marker + " deploying build")))
                .containsExactly(marker + " we deployed the builds yesterday");
        assertThat(bodies(find(bob.id(), marker + " yester")))
                .containsExactly(marker + " we deployed the builds yesterday");
        assertThat(bodies(find(bob.id(), marker + " lun"))).containsExactly(marker + " lunch is ready");
        assertThat(find(bob.id(), marker + " deployedx").total()).isZero();
    }

    @Test
    void the_word_being_typed_also_matches_the_words_that_share_a_stem_with_those_it_starts() {
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), marker + " we are planning the trip");
        messages.post(alice.id(), room.id(), marker + " the plans are ready");
        messages.post(alice.id(), room.id(), marker + " a planet far away");
        messages.post(alice.id(), room.id(), marker + " the meeting moved");

        assertThat(bodies(find(bob.id(), marker + " plann")))
                .containsExactlyInAnyOrder(marker + " we are planning the trip", marker + " the plans are ready");
        assertThat(bodies(find(bob.id(), marker + " pla"))).hasSize(3);
        assertThat(bodies(find(bob.id(), marker + " meetings"))).containsExactly(marker + " the meeting moved");
        assertThat(find(bob.id(), marker + " plann").hits())
                .extracting(SearchHit::snippetHtml)
                .anySatisfy(snippet -> assertThat(snippet).contains("<mark>plans</mark>"))
                .anySatisfy(snippet -> assertThat(snippet).contains("<mark>planning</mark>"));
    }

    @Test
    void matched_words_are_marked_in_the_snippet_and_prefixes_mark_the_whole_word() {
        RoomSummary room = publicRoom(alice);
        ChatMessage posted = messages.post(alice.id(), room.id(), marker + " the release notes are ready");

        SearchHit hit = find(bob.id(), marker + " release").hits().getFirst();
        assertThat(hit.snippetHtml()).contains("<mark>release</mark>").contains("<mark>" + marker + "</mark>");
        assertThat(hit.message()).isEqualTo(posted.id());
        assertThat(hit.seq()).isEqualTo(posted.seq());
        assertThat(hit.room().slug()).isEqualTo(room.slug());
        assertThat(hit.room().name()).isEqualTo(room.name());
        assertThat(hit.author().username()).isEqualTo(alice.username());
        assertThat(hit.createdAt()).isEqualTo(posted.createdAt());

        assertThat(find(bob.id(), marker + " rele").hits().getFirst().snippetHtml())
                .contains("<mark>release</mark>");
    }

    @Test
    void html_in_a_message_is_shown_as_text_in_the_snippet() {
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), marker + " <script>alert('x')</script> <b onclick=\"evil()\">bold</b>");

        String snippet = find(bob.id(), marker + " alert").hits().getFirst().snippetHtml();
        assertThat(snippet)
                .doesNotContain("<script")
                .doesNotContain("<b ")
                .contains("&lt;script&gt;")
                .contains("<mark>alert</mark>");
        assertThat(snippet.replaceAll("</?mark>", "")).doesNotContain("<");
    }

    @Test
    void a_phrase_matches_those_words_in_that_order_only() {
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), marker + " the blue green deployment");
        messages.post(alice.id(), room.id(), marker + " green is not blue");

        assertThat(bodies(find(bob.id(), marker + " \"blue green\"")))
                .containsExactly(marker + " the blue green deployment");
        assertThat(find(bob.id(), marker + " blue green").total()).isEqualTo(2);
    }

    @Test
    void a_longer_phrase_matches_as_a_whole_and_a_one_word_phrase_as_its_word() {
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), marker + " we merged the review branches");
        messages.post(alice.id(), room.id(), marker + " merge a review later, we review the merge now");

        assertThat(bodies(find(bob.id(), marker + " \"merged the review\"")))
                .containsExactly(marker + " we merged the review branches");
        // Stemmed like words: "merges the reviews" is the same phrase.
        assertThat(find(bob.id(), marker + " \"merges the reviews\"").total()).isEqualTo(1);
        assertThat(find(bob.id(), marker + " \"review the merge now\"").total()).isEqualTo(1);
        assertThat(find(bob.id(), marker + " \"the review merge\"").total()).isZero();
        assertThat(find(bob.id(), marker + " \"later\"").total()).isEqualTo(1);
        assertThat(find(bob.id(), "\"" + marker + " we\"").total()).isEqualTo(1);
    }

    @Test
    void an_excluded_word_or_phrase_removes_the_messages_that_have_it() {
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), marker + " coffee with milk");
        messages.post(alice.id(), room.id(), marker + " coffee black");

        assertThat(bodies(find(bob.id(), marker + " -milk coffee"))).containsExactly(marker + " coffee black");
        assertThat(bodies(find(bob.id(), marker + " -\"with milk\""))).containsExactly(marker + " coffee black");
    }

    @Test
    void from_keeps_one_authors_messages_and_an_unknown_user_is_explained() {
        RoomSummary room = publicRoom(alice);
        members.join(bob.id(), room.slug());
        messages.post(alice.id(), room.id(), marker + " from alice");
        messages.post(bob.id(), room.id(), marker + " from bob");

        assertThat(bodies(find(alice.id(), marker + " from:" + bob.username().toUpperCase())))
                .containsExactly(marker + " from bob");
        assertThatThrownBy(() -> find(alice.id(), marker + " from:nobody-" + marker))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nobody-" + marker);
    }

    @Test
    void in_and_the_room_scope_keep_one_rooms_messages() {
        RoomSummary first = publicRoom(alice);
        RoomSummary second = publicRoom(alice);
        messages.post(alice.id(), first.id(), marker + " in the first room");
        messages.post(alice.id(), second.id(), marker + " in the second room");

        assertThat(bodies(find(bob.id(), marker + " in:" + second.slug())))
                .containsExactly(marker + " in the second room");
        assertThat(bodies(search.search(bob.id(), SearchQuery.parse(marker).inRoom(first.id()))))
                .containsExactly(marker + " in the first room");
        assertThatThrownBy(() -> find(bob.id(), marker + " in:no-such-room-" + marker))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no-such-room-" + marker);
    }

    @Test
    void has_file_and_has_image_keep_messages_with_files_and_file_names_match_words() {
        RoomSummary room = publicRoom(alice);
        Attachment photo = files.upload(alice.id(), room.id(), "holiday.png", stream(TestFiles.png(40, 30)));
        messages.post(alice.id(), room.id(), marker + " a photo", List.of(photo.id()));
        Attachment plan = files.upload(alice.id(), room.id(), "roadmap.pdf", stream(TestFiles.pdf()));
        messages.post(alice.id(), room.id(), marker + " the plan", List.of(plan.id()));
        messages.post(alice.id(), room.id(), marker + " no files");

        assertThat(bodies(find(bob.id(), marker + " has:file")))
                .containsExactlyInAnyOrder(marker + " a photo", marker + " the plan");
        assertThat(bodies(find(bob.id(), marker + " has:image"))).containsExactly(marker + " a photo");
        assertThat(bodies(find(bob.id(), marker + " roadmap"))).containsExactly(marker + " the plan");
    }

    @Test
    void before_and_after_take_whole_days() {
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), marker + " posted today");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        assertThat(find(bob.id(), marker + " before:" + today.plusDays(1)).total())
                .isEqualTo(1);
        assertThat(find(bob.id(), marker + " before:" + today).total()).isZero();
        assertThat(find(bob.id(), marker + " after:" + today.minusDays(1)).total())
                .isEqualTo(1);
        assertThat(find(bob.id(), marker + " after:" + today).total()).isZero();
    }

    @Test
    void dates_go_from_year_1_to_9999_and_beyond_them_the_query_says_so() {
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), marker + " posted today");

        assertThat(find(bob.id(), marker + " after:0001-01-01 before:9999-12-31")
                        .total())
                .isEqualTo(1);
        assertThat(find(bob.id(), marker + " after:9999-12-31").total()).isZero();
        assertThat(find(bob.id(), marker + " before:0001-01-01").total()).isZero();
        assertThatThrownBy(() -> find(bob.id(), marker + " after:+999999999-12-31"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("after: takes a date between 0001-01-01 and 9999-12-31, not \"+999999999-12-31\"");
        assertThatThrownBy(() -> find(bob.id(), marker + " before:-999999999-01-01"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("before: takes a date between 0001-01-01 and 9999-12-31, not \"-999999999-01-01\"");
        assertThatThrownBy(() -> find(bob.id(), marker + " before:+10000-01-01"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("before: takes a date between");
    }

    @Test
    void the_best_match_comes_first_ties_go_to_the_newer_and_newest_sorts_by_time() {
        RoomSummary room = publicRoom(alice);
        ChatMessage once = messages.post(alice.id(), room.id(), marker + " kettle");
        ChatMessage twice = messages.post(alice.id(), room.id(), marker + " kettle kettle kettle");
        ChatMessage tieOld = messages.post(alice.id(), room.id(), marker + " teapot");
        ChatMessage tieNew = messages.post(alice.id(), room.id(), marker + " teapot");

        assertThat(find(bob.id(), marker + " kettle").hits())
                .extracting(SearchHit::message)
                .containsExactly(twice.id(), once.id());
        assertThat(find(bob.id(), marker + " teapot").hits())
                .extracting(SearchHit::message)
                .containsExactly(tieNew.id(), tieOld.id());
        assertThat(search.search(bob.id(), SearchQuery.parse(marker).sortedBy(SearchSort.NEWEST))
                        .hits())
                .extracting(SearchHit::message)
                .containsExactly(tieNew.id(), tieOld.id(), twice.id(), once.id());
    }

    @Test
    void a_page_is_full_and_the_total_counts_every_match() {
        RoomSummary room = publicRoom(alice);
        for (int i = 0; i < 7; i++) {
            messages.post(alice.id(), room.id(), marker + " number " + i);
        }
        awaitIndexing();
        SearchResults page = search.search(bob.id(), SearchQuery.parse(marker).limitedTo(3));
        assertThat(page.hits()).hasSize(3);
        assertThat(page.total()).isEqualTo(7);
    }

    @Test
    void a_private_rooms_messages_are_found_by_its_members_only_and_never_counted_for_others() {
        RoomSummary secret = privateRoom(alice);
        RoomSummary open = publicRoom(alice);
        UserSummary carol = Fixtures.user(accounts, "carol");
        RoomTestData.addMember(memberships, secret.id(), carol.id());
        messages.post(alice.id(), secret.id(), marker + " the secret plan");
        messages.post(alice.id(), open.id(), marker + " the open plan");

        assertThat(find(alice.id(), marker + " plan").total()).isEqualTo(2);
        assertThat(find(carol.id(), marker + " plan").total()).isEqualTo(2);
        SearchResults outsider = find(bob.id(), marker + " plan");
        assertThat(bodies(outsider)).containsExactly(marker + " the open plan");
        assertThat(outsider.total()).isEqualTo(1);
        assertThat(find(bob.id(), marker + " secret").total()).isZero();
        assertThatThrownBy(() -> find(bob.id(), marker + " in:" + secret.slug()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(
                        () -> search.search(bob.id(), SearchQuery.parse(marker).inRoom(secret.id())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_direct_conversation_is_searched_by_its_participants_only() {
        UserSummary carol = Fixtures.user(accounts, "carol");
        RoomSummary conversation = directs.start(alice.id(), List.of(bob.username()));
        messages.post(alice.id(), conversation.id(), marker + " just between us");

        assertThat(bodies(find(bob.id(), marker))).containsExactly(marker + " just between us");
        assertThat(find(alice.id(), marker).total()).isEqualTo(1);
        assertThat(find(carol.id(), marker).total()).isZero();
    }

    @Test
    void leaving_a_private_room_removes_its_messages_from_results_at_once() {
        RoomSummary secret = privateRoom(alice);
        RoomTestData.addMember(memberships, secret.id(), bob.id());
        messages.post(alice.id(), secret.id(), marker + " between us");
        assertThat(find(bob.id(), marker).total()).isEqualTo(1);

        members.leave(bob.id(), secret.slug());

        assertThat(find(bob.id(), marker).total()).isZero();
        assertThat(find(alice.id(), marker).total()).isEqualTo(1);
    }

    @Test
    void an_archived_room_stays_searchable_for_whoever_may_read_it() {
        RoomSummary secret = privateRoom(alice);
        RoomTestData.addMember(memberships, secret.id(), bob.id());
        messages.post(alice.id(), secret.id(), marker + " archived but kept");

        rooms.updateSettings(alice.id(), secret.slug(), new RoomService.RoomChanges(null, null, null, true));

        assertThat(bodies(find(bob.id(), marker))).containsExactly(marker + " archived but kept");
        assertThat(find(Fixtures.user(accounts, "carol").id(), marker).total()).isZero();
    }

    @Test
    void a_room_made_private_stops_matching_for_non_members_at_once_and_public_again_matches_again() {
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), marker + " soon private");
        assertThat(find(bob.id(), marker).total()).isEqualTo(1);

        rooms.updateSettings(alice.id(), room.slug(), new RoomService.RoomChanges(null, null, true, null));

        assertThat(find(bob.id(), marker).total()).isZero();
        assertThat(find(alice.id(), marker).total()).isEqualTo(1);

        rooms.updateSettings(alice.id(), room.slug(), new RoomService.RoomChanges(null, null, false, null));

        assertThat(find(bob.id(), marker).total()).isEqualTo(1);
    }

    @Test
    void a_deleted_rooms_messages_leave_the_index() {
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), marker + " first");
        messages.post(alice.id(), room.id(), marker + " second");
        RoomSummary kept = publicRoom(alice);
        messages.post(alice.id(), kept.id(), marker + " kept");
        assertThat(indexed(room)).isEqualTo(2);

        rooms.delete(alice.id(), room.slug());

        // Not merely filtered out: the documents themselves are gone.
        assertThat(indexed(room)).isZero();
        assertThat(indexed(kept)).isEqualTo(1);
        assertThat(bodies(find(alice.id(), marker))).containsExactly(marker + " kept");
    }

    /** How many documents of the room the index holds, whoever may read them. */
    private long indexed(RoomSummary room) {
        awaitIndexing();
        Long count = new TransactionTemplate(transactions).execute(status -> Search.session(entityManager)
                .search(Message.class)
                .where(f ->
                        f.match().field(MessageFields.ROOM).matching(room.id().value()))
                .fetchTotalHitCount());
        return count == null ? 0 : count;
    }

    @Test
    void a_deleted_message_is_never_found() {
        RoomSummary room = publicRoom(alice);
        ChatMessage doomed = messages.post(alice.id(), room.id(), marker + " regrettable words");
        messages.post(alice.id(), room.id(), marker + " kind words");

        messages.delete(alice.id(), doomed.id());

        assertThat(bodies(find(alice.id(), marker + " words"))).containsExactly(marker + " kind words");
        assertThat(find(alice.id(), marker + " regrettable").total()).isZero();
    }

    @Test
    void an_edited_message_matches_its_new_text_only() {
        RoomSummary room = publicRoom(alice);
        ChatMessage typo = messages.post(alice.id(), room.id(), marker + " the meeting is on mondya");

        messages.edit(alice.id(), typo.id(), marker + " the meeting is on tuesday");

        assertThat(find(bob.id(), marker + " mondya").total()).isZero();
        assertThat(bodies(find(bob.id(), marker + " tuesday"))).containsExactly(marker + " the meeting is on tuesday");
    }

    @Test
    void a_reaction_does_not_change_what_is_found() {
        RoomSummary room = publicRoom(alice);
        ChatMessage posted = messages.post(alice.id(), room.id(), marker + " ship it");
        messages.react(alice.id(), posted.id(), "👍");

        assertThat(find(bob.id(), marker + " ship").hits())
                .extracting(SearchHit::message)
                .containsExactly(posted.id());
    }

    @Test
    void operators_alone_search_without_words() {
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), marker + " only operators");

        SearchResults results = find(bob.id(), "in:" + room.slug() + " from:" + alice.username());
        assertThat(bodies(results)).containsExactly(marker + " only operators");
        assertThat(results.hits().getFirst().snippetHtml()).doesNotContain("<mark>");
    }
}
