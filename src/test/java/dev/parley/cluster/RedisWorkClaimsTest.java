package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.TcpProxy;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Work claimed by one node of two on the real Redis of 127.0.0.1:6379 (node 1 through a proxy the test cuts). */
class RedisWorkClaimsTest {

    private final String prefix = "test-" + UUID.randomUUID() + ":claim:";
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final TcpProxy proxy;
    private final RedisWorkClaims node1;
    private final RedisWorkClaims node2;

    RedisWorkClaimsTest() throws Exception {
        proxy = new TcpProxy("127.0.0.1", 6379);
        closing.add(proxy);
        node1 = claims("node-1", proxy.port());
        node2 = claims("node-2", 6379);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : closing.reversed()) {
            resource.close();
        }
    }

    @Test
    void one_node_gets_the_work_until_its_claim_lapses_then_another_may() {
        assertThat(node1.claim("sweep", Duration.ofMillis(500))).isTrue();
        assertThat(node2.claim("sweep", Duration.ofMillis(500))).isFalse();
        assertThat(node1.claim("sweep", Duration.ofMillis(500)))
                .as("once per lease, even for its holder")
                .isFalse();
        assertThat(node2.claim("other work", Duration.ofMillis(500))).isTrue();

        await().atMost(Duration.ofSeconds(3)).until(() -> node2.claim("sweep", Duration.ofMillis(500)));
    }

    @Test
    void a_released_claim_is_free_at_once() {
        assertThat(node1.claim("name", Duration.ofMinutes(1))).isTrue();

        node1.release("name");

        assertThat(node2.claim("name", Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void a_node_that_cannot_reach_redis_does_the_work_itself() {
        assertThat(node2.claim("sweep", Duration.ofMinutes(1))).isTrue();
        proxy.cut();

        assertThat(node1.claim("sweep", Duration.ofMinutes(1))).isTrue();
    }

    private RedisWorkClaims claims(String node, int port) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        closing.add(client::shutdown);
        RedisWorkClaims claims = new RedisWorkClaims(client, prefix, node);
        closing.add(claims::destroy);
        return claims;
    }
}
