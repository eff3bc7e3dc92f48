package dev.parley.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.Application;
import dev.parley.Fixtures;
import dev.parley.SecurityContextStrategyRestored;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.Message;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.search.internal.IndexWatermark;
import dev.parley.search.internal.MessageFields;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hibernate.search.mapper.orm.Search;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The search index after writes it lost (a failed index write, a crash) and across restarts on the same data folder:
 * what the index lacks is indexed again from the database, and only that, while search answers. Each context waits for
 * the index's commit to disk at every transaction ({@code sync}) and checks the index only at start-up and when asked,
 * unless the test says otherwise, so that what the index holds is exactly what each test means it to hold.
 */
@ExtendWith(SecurityContextStrategyRestored.class)
class SearchIndexCatchUpTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @AfterEach
    void freeTheDisk() {
        FullDiskIndexDirectory.full = false;
    }

    @Test
    void changes_the_index_lost_are_found_after_a_clean_restart() {
        Path dataDir = temp.resolve("data");
        UserSummary alice;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            Chat chat = new Chat(first);
            alice = chat.alice;
            List<ChatMessage> kept = chat.post(3, "qzkept");

            // The index loses these, as when its writer fails and is reset: stored in the database, never indexed.
            indexing(first, false);
            chat.post(4, "qzlost");
            chat.messages.edit(alice.id(), kept.get(0).id(), "now qzedited");
            chat.messages.delete(alice.id(), kept.get(1).id());
            indexing(first, true);
            assertThat(chat.total("qzlost")).isZero();
            assertThat(chat.total("qzkept")).isEqualTo(3);
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            Chat chat = new Chat(second, alice);
            IndexCatchUp catchUp = second.getBean(IndexCatchUp.class);
            await().atMost(WITHIN).until(() -> chat.total("qzlost") == 4 && catchUp.reindexed() >= 6);
            assertThat(chat.total("qzedited")).isEqualTo(1);
            assertThat(chat.total("qzkept")).isEqualTo(1);
            // Four posts, the edit and the delete: nothing the index already held.
            assertThat(catchUp.reindexed()).isEqualTo(6);
            assertThat(catchUp.rebuilds()).isZero();
        }
    }

    @Test
    void a_crash_indexes_again_only_what_the_index_missed_and_search_answers_from_the_start() throws Exception {
        Path dataDir = temp.resolve("data");
        Path indexFolder = dataDir.resolve(SearchIndex.FOLDER).resolve(MessageFields.INDEX);
        UserSummary alice;
        byte[] watermarkBefore;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            Chat chat = new Chat(first);
            alice = chat.alice;
            chat.post(30, "qzbefore");
            first.getBean(IndexCatchUp.class).catchUpNow();
            watermarkBefore = Files.readAllBytes(indexFolder.resolve(IndexWatermark.FILE));

            chat.post(20, "qzafter");
            // The last moment before the crash: stored, but the index never committed it.
            indexing(first, false);
            chat.post(5, "qzlost");
            indexing(first, true);
        }
        // The process died before the later checks were recorded: the watermark is the one of before "qzafter".
        Files.write(indexFolder.resolve(IndexWatermark.FILE), watermarkBefore);

        try (ConfigurableApplicationContext second = start(dataDir)) {
            Chat chat = new Chat(second, alice);
            IndexCatchUp catchUp = second.getBean(IndexCatchUp.class);
            // No rebuild: the index answers at once with what it holds.
            assertThat(second.getBean(SearchIndex.class).ready()).isTrue();
            assertThat(chat.total("qzbefore")).isEqualTo(30);
            await().atMost(WITHIN).until(() -> chat.total("qzlost") == 5 && catchUp.reindexed() >= 5);
            assertThat(chat.total("qzafter")).isEqualTo(20);
            // The 25 changes after the watermark were checked; only the 5 the index lacked were indexed again.
            assertThat(catchUp.reindexed()).isEqualTo(5);
            assertThat(catchUp.rebuilds()).isZero();
        }
    }

    @Test
    void writes_lost_to_a_full_index_disk_are_indexed_again_once_there_is_space() throws Exception {
        Path dataDir = temp.resolve("data");
        // As the application runs: indexing after the commit, which does not wait for the index.
        try (ConfigurableApplicationContext running = start(
                dataDir,
                "async",
                "500ms",
                "--spring.jpa.properties.hibernate.search.backend.directory.type=class:"
                        + FullDiskIndexDirectory.class.getName())) {
            Chat chat = new Chat(running);
            IndexFailures failures = running.getBean(IndexFailures.class);
            IndexCatchUp catchUp = running.getBean(IndexCatchUp.class);
            long rebuilds = catchUp.rebuilds();
            chat.post(3, "qzfine");
            await().atMost(WITHIN).until(() -> chat.total("qzfine") == 3);

            FullDiskIndexDirectory.full = true;
            chat.post(5, "qzfull");
            // Hibernate Search fails to write, resets its writer and reports that writes may have been lost.
            await().atMost(WITHIN).until(() -> failures.count() > 0);
            // Indexing them again fails too while the disk is full; search still answers, with what the index kept
            // (the reset also loses what was indexed but not yet committed, "qzfine" if it came within the second).
            catchUp.catchUpNow();
            assertThat(chat.total("qzfull")).isZero();

            FullDiskIndexDirectory.full = false;
            await().atMost(WITHIN).until(() -> chat.total("qzfull") == 5 && chat.total("qzfine") == 3);
            assertThat(catchUp.rebuilds()).isEqualTo(rebuilds);
        }
    }

    @Test
    void an_index_newer_than_a_restored_database_is_built_again() throws Exception {
        Path dataDir = temp.resolve("data");
        Path backup = temp.resolve("parley.db.backup");
        UserSummary alice;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            Chat chat = new Chat(first);
            alice = chat.alice;
            chat.post(3, "qzbackedup");
        }
        Files.copy(dataDir.resolve("parley.db"), backup);
        try (ConfigurableApplicationContext second = start(dataDir)) {
            Chat chat = new Chat(second, alice);
            chat.post(5, "qzbackedup");
            second.getBean(IndexCatchUp.class).catchUpNow();
        }
        // The operator restores the backup and keeps the index: it holds messages the database no longer has.
        Files.copy(backup, dataDir.resolve("parley.db"), StandardCopyOption.REPLACE_EXISTING);

        try (ConfigurableApplicationContext restored = start(dataDir)) {
            Chat chat = new Chat(restored, alice);
            IndexCatchUp catchUp = restored.getBean(IndexCatchUp.class);
            await().atMost(WITHIN)
                    .until(() -> catchUp.rebuilds() == 1
                            && restored.getBean(SearchIndex.class).ready());
            assertThat(chat.total("qzbackedup")).isEqualTo(3);
        }
    }

    /** Stops or resumes indexing messages, for every session: what the index would lose if its writes failed. */
    private static void indexing(ConfigurableApplicationContext context, boolean on) {
        Search.mapping(context.getBean(EntityManagerFactory.class)).indexingPlanFilter(filter -> {
            if (on) {
                filter.include(Message.class);
            } else {
                filter.exclude(Message.class);
            }
        });
    }

    /** Waiting for the index's commit at every transaction, and no check but at start-up and when a test asks. */
    private static ConfigurableApplicationContext start(Path dataDir) {
        return start(dataDir, "sync", "1h");
    }

    private static ConfigurableApplicationContext start(
            Path dataDir, String indexing, String catchUpInterval, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--parley.data-dir=" + dataDir,
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--parley.messages.rate-limit.capacity=1000000",
                "--spring.jpa.properties.hibernate.search.indexing.plan.synchronization.strategy=" + indexing,
                "--parley.search.catch-up-interval=" + catchUpInterval));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(Application.class).run(args.toArray(String[]::new));
    }

    /** Alice, her room, and what she posts and searches in one running application. */
    private static final class Chat {

        final MessageService messages;
        final SearchService search;
        final UserSummary alice;
        final RoomSummary room;

        Chat(ConfigurableApplicationContext context) {
            this(context, Fixtures.user(context.getBean(AccountService.class), "alice"));
        }

        Chat(ConfigurableApplicationContext context, UserSummary alice) {
            this.messages = context.getBean(MessageService.class);
            this.search = context.getBean(SearchService.class);
            this.alice = alice;
            RoomService rooms = context.getBean(RoomService.class);
            this.room = rooms.memberRooms(alice.id()).stream()
                    .filter(r -> r.name().equals("Catching up"))
                    .findFirst()
                    .orElseGet(() -> rooms.create(alice.id(), "Catching up", null, false));
        }

        List<ChatMessage> post(int count, String word) {
            return Stream.iterate(1, i -> i + 1)
                    .limit(count)
                    .map(i -> messages.post(alice.id(), room.id(), word + " number " + i))
                    .toList();
        }

        long total(String word) {
            return search.search(alice.id(), SearchQuery.parse(word)).total();
        }
    }
}
