package dev.parley.search;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param catchUpInterval how often the embedded search index is checked against the database, and whatever it lacks is
 *     indexed again (also at start-up, and a second after a failed index write). A change the index lost without a
 *     failure being reported is found again within two intervals: one interval is left for the index to commit it
 *     first.
 * @param catchUpBatch how many changed messages are read, checked and indexed again at a time
 * @param opensearch where the index is on a cluster; without a URL it is embedded, under the data folder
 */
@ConfigurationProperties("parley.search")
public record SearchProperties(
        @DefaultValue("10s") Duration catchUpInterval,
        @DefaultValue("500") int catchUpBatch,
        @DefaultValue OpenSearch opensearch) {

    /**
     * The index in OpenSearch ({@code PARLEY_SEARCH_OPENSEARCH_URL}), which every node of a cluster shares.
     *
     * @param url OpenSearch's address, {@code http://HOST:9200} ({@code https://} for TLS; several, comma-separated,
     *     for the nodes of an OpenSearch cluster); null: the embedded index
     * @param username with {@code password}, for OpenSearch's security plugin; null: none
     * @param password the password of {@code username}
     * @param index the index's name: several Parleys may share one OpenSearch under different names
     */
    public record OpenSearch(
            @Nullable String url,
            @Nullable String username,
            @Nullable String password,
            @DefaultValue("parley-messages") String index) {

        public OpenSearch {
            if (url != null) {
                for (String one : url.split(",")) {
                    URI uri = URI.create(one.strip());
                    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                        throw new IllegalArgumentException("parley.search.opensearch.url must start with http:// or"
                                + " https://, like http://opensearch.example.com:9200, not " + one.strip());
                    }
                }
            }
            if (!index.matches("[a-z0-9][a-z0-9_-]*")) {
                throw new IllegalArgumentException("parley.search.opensearch.index must be lower-case letters, digits,"
                        + " '-' and '_', like parley-messages, not '" + index + "'");
            }
        }

        /** Whether the index is in OpenSearch. */
        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }
}
