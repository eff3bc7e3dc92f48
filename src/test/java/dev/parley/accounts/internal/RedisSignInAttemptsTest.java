package dev.parley.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.MutableClock;
import dev.parley.TcpProxy;
import dev.parley.accounts.SignInAttempts.Limit;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in attempts shared by two nodes through the real Redis of 127.0.0.1:6379, on a clock the test moves; node 1
 * reaches Redis through a proxy the test cuts.
 */
class RedisSignInAttemptsTest {

    private static final Limit LIMIT =
            new Limit(2, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(15), true);

    private final MutableClock clock = new MutableClock();
    private final String prefix = "test-" + UUID.randomUUID() + ":sign-in:";
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final TcpProxy proxy;
    private final RedisSignInAttempts node1;
    private final RedisSignInAttempts node2;

    RedisSignInAttemptsTest() throws Exception {
        proxy = new TcpProxy("127.0.0.1", 6379);
        closing.add(proxy);
        node1 = node(proxy.port());
        node2 = node(6379);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : closing.reversed()) {
            resource.close();
        }
    }

    @Test
    void failures_on_different_nodes_add_up_to_one_lock_that_every_node_keeps() {
        fail(node1, "account:ada");
        fail(node2, "account:ada");

        // The second failure used the two free ones: locked for a second, on both nodes.
        assertThat(node1.admit("account:ada", LIMIT, clock.instant())).hasValue(Duration.ofSeconds(1));
        assertThat(node2.admit("account:ada", LIMIT, clock.instant())).hasValue(Duration.ofSeconds(1));
        assertThat(node2.admit("account:bob", LIMIT, clock.instant())).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        fail(node2, "account:ada");
        assertThat(node1.admit("account:ada", LIMIT, clock.instant())).hasValue(Duration.ofSeconds(2));
    }

    @Test
    void attempts_sent_at_once_to_both_nodes_are_not_all_checked_before_one_fails() {
        assertThat(node1.admit("address:192.0.2.1", LIMIT, clock.instant())).isEmpty();
        assertThat(node2.admit("address:192.0.2.1", LIMIT, clock.instant())).isEmpty();

        assertThat(node1.admit("address:192.0.2.1", LIMIT, clock.instant())).hasValue(Duration.ofSeconds(1));
    }

    @Test
    void a_success_forgets_the_accounts_failures_everywhere_and_leaves_nothing_in_redis() {
        fail(node1, "account:ada");
        assertThat(node2.admit("account:ada", LIMIT, clock.instant())).isEmpty();
        node2.finish("account:ada", LIMIT, false, clock.instant());

        fail(node1, "account:ada");
        assertThat(node2.admit("account:ada", LIMIT, clock.instant()))
                .as("one failure since")
                .isEmpty();
        node2.finish("account:ada", LIMIT, false, clock.instant());
        assertThat(keys()).isEmpty();
    }

    @Test
    void what_redis_keeps_expires_when_the_failures_are_forgotten_and_names_no_account() {
        fail(node1, "account:ada");

        List<String> keys = keys();
        assertThat(keys).hasSize(1).noneMatch(key -> key.contains("ada"));
        try (StatefulRedisConnection<String, String> redis = client(6379).connect()) {
            assertThat(redis.sync().pttl(keys.getFirst()))
                    .isBetween(Duration.ofMinutes(14).toMillis(), 900_000L);
        }
    }

    @Test
    void a_node_cut_off_from_redis_counts_on_its_own_meanwhile() {
        proxy.cut();

        fail(node1, "account:ada");
        fail(node1, "account:ada");

        assertThat(node1.admit("account:ada", LIMIT, clock.instant())).hasValue(Duration.ofSeconds(1));
        assertThat(node2.admit("account:ada", LIMIT, clock.instant()))
                .as("Redis never heard")
                .isEmpty();
    }

    private void fail(RedisSignInAttempts node, String key) {
        assertThat(node.admit(key, LIMIT, clock.instant())).isEmpty();
        node.finish(key, LIMIT, true, clock.instant());
    }

    private List<String> keys() {
        try (StatefulRedisConnection<String, String> redis = client(6379).connect()) {
            return redis.sync().keys(prefix + "*");
        }
    }

    private RedisSignInAttempts node(int port) {
        RedisClient client = client(port);
        RedisSignInAttempts attempts = new RedisSignInAttempts(client, prefix, new InMemorySignInAttempts(clock));
        closing.add(attempts::destroy);
        return attempts;
    }

    private RedisClient client(int port) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        closing.add(client::shutdown);
        return client;
    }
}
