package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.Application;
import dev.parley.Fixtures;
import dev.parley.PostgresTestDatabase;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.ActiveSessions;
import dev.parley.accounts.UserSummary;
import dev.parley.base.NotFoundException;
import dev.parley.base.RateLimitedException;
import dev.parley.files.Attachment;
import dev.parley.files.AvatarService;
import dev.parley.files.FileService;
import dev.parley.files.FileStore;
import dev.parley.files.S3TestServer;
import dev.parley.files.StoredNames;
import dev.parley.files.TestFiles;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessagePosted;
import dev.parley.messages.MessageService;
import dev.parley.presence.PresenceService;
import dev.parley.realtime.Broadcaster;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Two whole Parley nodes in cluster mode on one PostgreSQL database (made for the test) and the Redis of 127.0.0.1,
 * each with its own data folder, their files in one bucket of S3Mock: what one node does, the other's subscribers see;
 * presence, the posting limit and the files are the cluster's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {

    private Path temp;
    private String database;
    private String bucket;
    /** Each node installs its own (Vaadin's); the one of before goes back for the test classes after this one. */
    private SecurityContextHolderStrategy strategyBefore;

    private ConfigurableApplicationContext node1;
    private ConfigurableApplicationContext node2;

    @BeforeAll
    void start(@TempDir Path temp) {
        this.temp = temp;
        strategyBefore = SecurityContextHolder.getContextHolderStrategy();
        database = PostgresTestDatabase.create();
        bucket = S3TestServer.get().createBucket();
        String cluster = "test-" + UUID.randomUUID();
        node1 = node("node-1", cluster);
        node2 = node("node-2", cluster);
    }

    @AfterAll
    void stop() {
        if (node2 != null) {
            node2.close();
        }
        if (node1 != null) {
            node1.close();
        }
        PostgresTestDatabase.drop(database);
        SecurityContextHolder.setContextHolderStrategy(strategyBefore);
    }

    @Test
    void both_nodes_are_in_cluster_mode() {
        assertThat(node1.getBean(Broadcaster.class)).isInstanceOf(RedisBroadcaster.class);
        assertThat(node2.getBean(Broadcaster.class)).isInstanceOf(RedisBroadcaster.class);
        // Each node's name in its log lines and metrics.
        assertThat(node1.getEnvironment().getProperty("spring.application.name"))
                .isEqualTo("node-1");
        assertThat(node2.getEnvironment().getProperty("management.metrics.tags.node"))
                .isEqualTo("node-2");
    }

    @Test
    void a_message_posted_on_one_node_reaches_the_rooms_subscribers_on_the_other() {
        UserSummary alice = Fixtures.user(node1.getBean(AccountService.class), "alice");
        UserSummary bob = Fixtures.user(node2.getBean(AccountService.class), "bob");
        RoomSummary room =
                node1.getBean(RoomService.class).create(alice.id(), "Across " + alice.username(), null, false);
        node2.getBean(Memberships.class).join(bob.id(), room.slug());
        Queue<Object> onNode2 = new ConcurrentLinkedQueue<>();
        node2.getBean(MessageService.class).subscribe(bob.id(), room.id(), onNode2::add);

        ChatMessage posted = node1.getBean(MessageService.class).post(alice.id(), room.id(), "hello from node 1");

        await().atMost(Duration.ofSeconds(10)).until(() -> onNode2.contains(new MessagePosted(posted)));
        assertThat(node2.getBean(MessageService.class).latest(bob.id(), room.id(), 10))
                .extracting(ChatMessage::body)
                .containsExactly("hello from node 1");
    }

    @Test
    void a_user_online_on_one_node_is_online_on_the_other() {
        UserSummary carol = Fixtures.user(node1.getBean(AccountService.class), "carol");

        PresenceService.Connection tab = node1.getBean(PresenceService.class).connect(carol.id(), () -> {});

        await().atMost(Duration.ofSeconds(10))
                .until(() -> node2.getBean(PresenceService.class).isOnline(carol.id()));
        tab.close();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !node2.getBean(PresenceService.class).isOnline(carol.id()));
    }

    @Test
    void posts_spread_over_both_nodes_share_one_posting_limit() {
        UserSummary dave = Fixtures.user(node1.getBean(AccountService.class), "dave");
        RoomSummary room = node1.getBean(RoomService.class).create(dave.id(), "Limit " + dave.username(), null, false);
        List<MessageService> nodes = List.of(node1.getBean(MessageService.class), node2.getBean(MessageService.class));

        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            try {
                nodes.get(i % 2).post(dave.id(), room.id(), "post " + i);
                accepted++;
            } catch (RateLimitedException e) {
                assertThat(e).hasMessageStartingWith("You can send again in");
            }
        }

        assertThat(accepted).as("one node's allowance, ten by default").isEqualTo(10);
    }

    @Test
    void posts_on_both_nodes_at_once_are_numbered_without_gaps_and_every_receiver_gets_each_once() throws Exception {
        AccountService accounts = node1.getBean(AccountService.class);
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = node1.getBean(RoomService.class).create(owner.id(), "Busy " + owner.username(), null, false);
        List<UserSummary> posters = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UserSummary poster = Fixtures.user(accounts, "poster");
            node1.getBean(Memberships.class).join(poster.id(), room.slug());
            posters.add(poster);
        }
        Queue<Long> onNode1 = new ConcurrentLinkedQueue<>();
        Queue<Long> onNode2 = new ConcurrentLinkedQueue<>();
        node1.getBean(MessageService.class).subscribe(owner.id(), room.id(), seqsOf(onNode1));
        node2.getBean(MessageService.class).subscribe(owner.id(), room.id(), seqsOf(onNode2));
        int each = 10;

        // Half the posters on each node, all at once; ten posts each is within everyone's posting limit.
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < posters.size(); i++) {
            MessageService messages = (i % 2 == 0 ? node1 : node2).getBean(MessageService.class);
            UserSummary poster = posters.get(i);
            threads.add(Thread.ofVirtual().start(() -> {
                for (int n = 0; n < each; n++) {
                    messages.post(poster.id(), room.id(), poster.username() + " " + n);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        List<Long> expected = java.util.stream.LongStream.rangeClosed(1, (long) posters.size() * each)
                .boxed()
                .toList();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> onNode1.size() >= expected.size() && onNode2.size() >= expected.size());
        // Each exactly once. Two posts committed a moment apart on two nodes may be announced in either order (each
        // node publishes after its own commit); a room's view shows them in sequence order (MessageSequencer).
        assertThat(List.copyOf(onNode1)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(List.copyOf(onNode2)).containsExactlyInAnyOrderElementsOf(expected);
        // Redis gives both nodes the one order of the channel.
        assertThat(List.copyOf(onNode1)).isEqualTo(List.copyOf(onNode2));
    }

    private static java.util.function.Consumer<Object> seqsOf(Queue<Long> seqs) {
        return event -> {
            if (event instanceof MessagePosted posted) {
                seqs.add(posted.message().seq());
            }
        };
    }

    @Test
    void signing_out_a_users_browsers_on_one_node_ends_their_sessions_on_the_other() {
        UserSummary erin = Fixtures.user(node1.getBean(AccountService.class), "erin");
        MockHttpSession onNode2 = new MockHttpSession();
        String secret = node2.getBean(ActiveSessions.class).record(erin.id(), onNode2, null);
        // Node 1 lists the browser whose session node 2 holds.
        assertThat(node1.getBean(ActiveSessions.class).of(erin.id(), null)).hasSize(1);

        node1.getBean(ActiveSessions.class).signOutOthers(erin.id(), null);

        await().atMost(Duration.ofSeconds(10)).until(onNode2::isInvalid);
        assertThat(node2.getBean(ActiveSessions.class).of(erin.id(), null)).isEmpty();
        assertThat(node2.getBean(ActiveSessions.class).signedInUsers()).doesNotContain(erin.id());
        assertThat(node2.getBean(ActiveSessions.class).resume(secret, new MockHttpServletRequest()))
                .isEmpty();
    }

    @Test
    void a_browser_signed_in_on_one_node_is_signed_in_again_by_the_other_with_its_cookie() {
        UserSummary fay = Fixtures.user(node1.getBean(AccountService.class), "fay");
        String secret = node1.getBean(ActiveSessions.class)
                .record(fay.id(), new MockHttpSession(), "Mozilla/5.0 (X11; Linux x86_64) Firefox/141.0");

        MockHttpServletRequest onNode2 = new MockHttpServletRequest();
        ActiveSessions node2Sessions = node2.getBean(ActiveSessions.class);
        assertThat(node2Sessions.resume(secret, onNode2)).get().satisfies(user -> assertThat(user.id())
                .isEqualTo(fay.id()));

        assertThat(node2Sessions.signedInUsers()).contains(fay.id());
        assertThat(node2Sessions.of(fay.id(), onNode2.getSession(false).getId()))
                .singleElement()
                .satisfies(browser -> assertThat(browser.current()).isTrue());
    }

    @Test
    void a_file_and_a_picture_stored_by_one_node_are_served_by_the_other_and_deleting_there_removes_them_for_both()
            throws IOException {
        UserSummary alice = Fixtures.user(node1.getBean(AccountService.class), "alice");
        RoomSummary room =
                node1.getBean(RoomService.class).create(alice.id(), "Files " + Fixtures.username("f"), null, false);
        FileService files1 = node1.getBean(FileService.class);
        FileService files2 = node2.getBean(FileService.class);
        Attachment photo = files1.upload(alice.id(), room.id(), "photo.png", TestFiles.stream(TestFiles.png(300, 200)));
        ChatMessage posted =
                node1.getBean(MessageService.class).post(alice.id(), room.id(), "a photo", List.of(photo.id()));
        node1.getBean(AvatarService.class).upload(alice.id(), "me.png", TestFiles.stream(TestFiles.png(100, 100)));

        assertThat(node2.getBean(FileStore.class).describe())
                .isEqualTo(node1.getBean(FileStore.class).describe());
        assertThat(bytes(files2.open(alice.id(), photo.id(), false).content())).isEqualTo(TestFiles.png(300, 200));
        assertThat(bytes(files2.open(alice.id(), photo.id(), true).content())).isNotEmpty();
        AvatarService.Picture picture = node2.getBean(AvatarService.class).open(alice.id());
        assertThat(bytes(picture.content())).hasSize((int) picture.size());

        node2.getBean(MessageService.class).delete(alice.id(), posted.id());

        assertThatThrownBy(() -> files1.open(alice.id(), photo.id(), false))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such file");
        assertThat(StoredNames.of(node1.getBean(FileStore.class), FileStore.UPLOADS))
                .isEmpty();
    }

    private static byte[] bytes(Resource content) throws IOException {
        try (InputStream in = content.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private ConfigurableApplicationContext node(String name, String cluster) {
        List<String> settings = new ArrayList<>(List.of(
                "--spring.datasource.url=" + PostgresTestDatabase.SERVER + database,
                "--spring.datasource.username=postgres",
                "--parley.cluster.redis-url=redis://127.0.0.1:6379",
                "--parley.cluster.name=" + cluster,
                "--parley.node-name=" + name,
                // Ten posts per user per hour: a slow machine refills nothing while a test posts.
                "--parley.messages.rate-limit.period=1h",
                "--parley.data-dir=" + temp.resolve(name),
                "--server.port=0",
                "--server.address=127.0.0.1"));
        settings.addAll(S3TestServer.get().arguments(bucket));
        return new SpringApplicationBuilder(Application.class).run(settings.toArray(String[]::new));
    }
}
