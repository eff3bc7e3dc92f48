package dev.parley.search;

import static org.awaitility.Awaitility.await;

import dev.parley.PostgresTest;
import dev.parley.PostgresTestDatabase;
import dev.parley.messages.Message;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import org.hibernate.search.mapper.orm.Search;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The search contract on an index in OpenSearch (a real single-node server, {@link OpenSearchTestServer}), as on a
 * cluster: PostgreSQL, the changes indexed from Hibernate Search's outbox after each commit.
 */
@PostgresTest
// With PostgresTest's own initializer, which an initializer named here would replace.
@ContextConfiguration(initializers = {PostgresTestDatabase.class, OpenSearchTestIndex.class})
class SearchServiceOpenSearchTest extends SearchServiceContract {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    /**
     * Waits until the outbox is empty (every change made so far is in the index), then refreshes the index, which
     * OpenSearch otherwise does each second, so that the next search sees them.
     */
    @Override
    void awaitIndexing() {
        await("the outbox of changes to index emptied")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM hsearch_outbox_event", Long.class) == 0);
        Search.mapping(entityManagerFactory).scope(Message.class).workspace().refresh();
    }
}
