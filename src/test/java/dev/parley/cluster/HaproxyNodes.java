package dev.parley.cluster;

import dev.parley.PostgresTestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command-line settings of a Parley node behind HAProxy in the cluster's browser tests: cluster mode on a
 * PostgreSQL database made for the test and the Redis of 127.0.0.1, on 127.0.0.1, set up as the README asks of every
 * node behind a load balancer. The same for a node in the test's JVM and one in a process of its own.
 */
final class HaproxyNodes {

    private HaproxyNodes() {}

    /**
     * The settings of node {@code name} of cluster {@code cluster} on {@code database}, with its data folder at
     * {@code dataDir} and listening on {@code port} (0: any free one), followed by {@code extra} ones.
     */
    static String[] settings(String database, String cluster, String name, Path dataDir, int port, String... extra) {
        List<String> settings = new ArrayList<>(List.of(
                "--spring.datasource.url=" + PostgresTestDatabase.SERVER + database,
                "--spring.datasource.username=postgres",
                "--parley.cluster.redis-url=redis://127.0.0.1:6379",
                "--parley.cluster.name=" + cluster,
                "--parley.node-name=" + name,
                "--parley.data-dir=" + dataDir,
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                // As the README asks of every node behind HAProxy.
                "--server.forward-headers-strategy=native",
                "--vaadin.devmode.devTools.enabled=false",
                // Every browser here comes from 127.0.0.1, as in the single-node browser tests (E2eTest).
                "--parley.messages.rate-limit.capacity=1000000",
                "--parley.sign-in-limit.account-failures=1000000",
                "--parley.sign-in-limit.address-failures=1000000"));
        settings.addAll(List.of(extra));
        return settings.toArray(String[]::new);
    }

    /** The port a node running in this JVM listens on. */
    static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
