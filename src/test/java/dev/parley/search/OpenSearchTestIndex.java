package dev.parley.search;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The message index in OpenSearch, on the run's {@link OpenSearchTestServer}, under a name of its own for each test
 * application context: add it as {@code @ContextConfiguration(initializers = OpenSearchTestIndex.class)} next to
 * {@code @PostgresTest}'s {@code PostgresTestDatabase}. It sets {@code parley.search.opensearch.*} as an operator
 * would.
 */
public final class OpenSearchTestIndex implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> settings =
                new LinkedHashMap<>(OpenSearchTestServer.get().settings());
        settings.put("parley.search.opensearch.index", newIndexName());
        // Unset: how a commit waits for the embedded index (@PostgresTest's read-sync) means nothing to the outbox,
        // through which changes reach OpenSearch after the commit, and Hibernate Search refuses it there.
        settings.put("spring.jpa.properties.hibernate.search.indexing.plan.synchronization.strategy", "");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("parleyTestIndex", settings));
    }

    /** A name no other test's index has. */
    public static String newIndexName() {
        return "parley-test-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
