package dev.parley.search;

import dev.parley.base.DataDirectory;
import dev.parley.search.internal.MessageAnalysis;
import dev.parley.search.internal.MessageMapping;
import dev.parley.search.internal.OpenSearchAnalysis;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sets Hibernate Search up for where the index is: embedded (Lucene under {@code <data-dir>/index/}, the default), or
 * in OpenSearch ({@code parley.search.opensearch.url}), which the nodes of a cluster share. Its failures are reported
 * to the embedded index's catch-up ({@link IndexFailures}). What both share is in {@code application.properties}. Each
 * test context has its own data folder, so its own embedded index.
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    private static final String PREFIX = "hibernate.search.";

    @Bean
    IndexFailures searchIndexFailures(SearchProperties properties) {
        return new IndexFailures(properties.opensearch().configured());
    }

    @Bean
    HibernatePropertiesCustomizer searchIndexSettings(
            DataDirectory dataDirectory,
            IndexFailures failures,
            SearchProperties properties,
            @Value("${parley.database:sqlite}") String database) {
        SearchProperties.OpenSearch opensearch = properties.opensearch();
        if (opensearch.configured() && !"postgresql".equals(database)) {
            throw new IllegalStateException("The search index in OpenSearch (parley.search.opensearch.url) needs"
                    + " PostgreSQL, which keeps the changes to index for every node, and the database is " + database
                    + ". Set SPRING_DATASOURCE_URL=jdbc:postgresql://HOST:5432/DB, or leave"
                    + " PARLEY_SEARCH_OPENSEARCH_URL unset to keep the index embedded.");
        }
        return hibernate -> {
            Map<String, Object> search = opensearch.configured() ? openSearch(opensearch) : embedded(dataDirectory);
            // What is set already (spring.jpa.properties.hibernate.search.*, as the tests do) stands.
            search.forEach((key, value) -> hibernate.putIfAbsent(PREFIX + key, value));
            hibernate.put(PREFIX + "background_failure_handler", failures);
        };
    }

    /**
     * Lucene under the data folder. A commit does not wait for the index ({@code async}), which takes its changes on
     * its own thread and shows them to the next search (within milliseconds): a post must not hold SQLite's one writer
     * while Lucene refreshes (docs/design-decisions/2026-11-22-short-write-transactions.md). The index itself is
     * committed to disk every second in the background.
     */
    private static Map<String, Object> embedded(DataDirectory dataDirectory) {
        return Map.of(
                "backend.type", "lucene",
                "backend.lucene_version", "9.12",
                "backend.directory.root",
                        dataDirectory.resolve(SearchIndex.FOLDER).toString(),
                "backend.io.commit_interval", "1000",
                "backend.analysis.configurer", new MessageAnalysis(),
                "mapping.configurer", new MessageMapping(),
                "indexing.plan.synchronization.strategy", "async");
    }

    /**
     * OpenSearch, through Hibernate Search's Elasticsearch backend, with the outbox-polling coordination: a transaction
     * that changes messages also writes what to index into the database's outbox table, and the nodes' event processors
     * index each change once, whichever node made it; a node that dies between its commit and the indexing leaves the
     * events for the others. The index is neither created nor checked at boot ({@code none}): {@link SharedIndexBuild}
     * does that once the node is up, and builds it on one node when it is missing.
     */
    private static Map<String, Object> openSearch(SearchProperties.OpenSearch opensearch) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("backend.type", "elasticsearch");
        settings.put("backend.uris", opensearch.url());
        // The JDK's HTTP client: faster here than the default, Apache HTTP client 4 (see the design record,
        // docs/design-decisions/2026-12-08-search-in-opensearch.md).
        settings.put("backend.client_factory", "jdk-rest");
        settings.put("backend.analysis.configurer", new OpenSearchAnalysis());
        settings.put("mapping.configurer", new MessageMapping(opensearch.index(), true));
        settings.put("schema_management.strategy", "none");
        // New documents are searchable a quarter of a second after they are written, not OpenSearch's second: a message
        // posted on one node is found on another within about half a second (the outbox is read every 100 ms).
        settings.put("backend.schema_management.settings_file", "search/opensearch-index-settings.json");
        settings.put("coordination.strategy", "outbox-polling");
        // A change whose indexing failed (OpenSearch out of reach) is tried again after 5 s, not 30; after three
        // failures it is left aborted in the outbox, and SharedIndexBuild has it indexed once OpenSearch answers again.
        settings.put("coordination.event_processor.retry_delay", "5");
        if (opensearch.username() != null) {
            settings.put("backend.username", opensearch.username());
            settings.put("backend.password", opensearch.password() == null ? "" : opensearch.password());
        }
        return settings;
    }
}
