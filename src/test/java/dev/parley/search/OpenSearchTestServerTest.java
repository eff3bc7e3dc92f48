package dev.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenSearch the tests start answers as a real server, with the modules that search on OpenSearch needs: its HTTP
 * transport and the analysis components of {@code analysis-common} (a server without them would refuse the index).
 */
class OpenSearchTestServerTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Custom analyzers built from the tokenizer, filters and char filter that Parley's search would use. */
    private static final String INDEX = """
            {
              "settings": {
                "number_of_shards": 1,
                "number_of_replicas": 0,
                "analysis": {
                  "char_filter": {
                    "digits_joined": {"type": "pattern_replace", "pattern": "(\\\\d)-(?=\\\\d)", "replacement": "$1"}
                  },
                  "filter": {
                    "possessive": {"type": "stemmer", "language": "possessive_english"},
                    "prefixes": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
                    "pairs": {
                      "type": "shingle", "min_shingle_size": 2, "max_shingle_size": 2, "output_unigrams": false
                    }
                  },
                  "analyzer": {
                    "possessive": {"tokenizer": "standard", "filter": ["possessive", "lowercase"]},
                    "folded": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
                    "stemmed": {"tokenizer": "standard", "filter": ["lowercase", "porter_stem"]},
                    "prefixes": {"tokenizer": "standard", "filter": ["lowercase", "prefixes"]},
                    "pairs": {"tokenizer": "standard", "filter": ["lowercase", "pairs"]},
                    "digits": {"tokenizer": "standard", "char_filter": ["digits_joined"]}
                  }
                }
              },
              "mappings": {
                "properties": {
                  "body": {"type": "text", "analyzer": "folded"}
                }
              }
            }
            """;

    private static OpenSearchTestServer server;
    private static String index;

    @BeforeAll
    static void createIndex() throws Exception {
        long started = System.nanoTime();
        server = OpenSearchTestServer.get();
        System.out.printf(
                "OpenSearch answered on %s after %d ms (its log: %s)%n",
                server.url(), Duration.ofNanos(System.nanoTime() - started).toMillis(), server.log());
        index = "opensearch-test-server-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        JsonNode created = send("PUT", "/" + index, INDEX);
        assertThat(created.path("acknowledged").asBoolean()).isTrue();
    }

    @AfterAll
    static void deleteIndex() throws Exception {
        if (index != null) {
            send("DELETE", "/" + index, null);
        }
    }

    @Test
    void answers_with_its_version_on_loopback() throws Exception {
        JsonNode root = send("GET", "/", null);

        assertThat(root.path("version").path("number").asString()).isEqualTo("3.3.2");
        assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.settings())
                .containsEntry("parley.search.opensearch.url", server.url().toString());
    }

    @Test
    void stemmer_drops_the_possessive() throws Exception {
        assertThat(tokens("possessive", "Alice's Messages")).containsExactly("alice", "messages");
    }

    @Test
    void asciifolding_folds_accents() throws Exception {
        assertThat(tokens("folded", "Crème Brûlée Œuvre")).containsExactly("creme", "brulee", "oeuvre");
    }

    @Test
    void porter_stem_stems_english() throws Exception {
        assertThat(tokens("stemmed", "Running jumps connected")).containsExactly("run", "jump", "connect");
    }

    @Test
    void edge_ngram_makes_every_prefix() throws Exception {
        assertThat(tokens("prefixes", "Parley")).containsExactly("p", "pa", "par", "parl", "parle", "parley");
        assertThat(tokens("prefixes", "abcdefghijklmnopqrstuvwxyz"))
                .hasSize(20)
                .last()
                .isEqualTo("abcdefghijklmnopqrst");
    }

    @Test
    void shingle_makes_word_pairs_only() throws Exception {
        assertThat(tokens("pairs", "Quick brown fox")).containsExactly("quick brown", "brown fox");
    }

    @Test
    void pattern_replace_joins_digits_before_tokenizing() throws Exception {
        assertThat(tokens("digits", "call 555-1234")).containsExactly("call", "5551234");
    }

    @Test
    void finds_an_indexed_document_by_its_folded_words() throws Exception {
        JsonNode indexed = send("PUT", "/" + index + "/_doc/1", """
                {"body": "Crème brûlée for Zoë's birthday"}
                """);
        assertThat(indexed.path("result").asString()).isEqualTo("created");
        send("POST", "/" + index + "/_refresh", null);

        JsonNode found = send("POST", "/" + index + "/_search", """
                {"query": {"match": {"body": "creme brulee"}}}
                """);

        JsonNode hits = found.path("hits");
        assertThat(hits.path("total").path("value").asInt()).isEqualTo(1);
        assertThat(hits.path("hits").get(0).path("_id").asString()).isEqualTo("1");
        assertThat(hits.path("hits").get(0).path("_source").path("body").asString())
                .isEqualTo("Crème brûlée for Zoë's birthday");
    }

    private static List<String> tokens(String analyzer, String text) throws Exception {
        JsonNode analyzed = send(
                "POST", "/" + index + "/_analyze", JSON.writeValueAsString(Map.of("analyzer", analyzer, "text", text)));
        List<String> tokens = new ArrayList<>();
        for (JsonNode token : analyzed.path("tokens")) {
            tokens.add(token.path("token").asString());
        }
        return tokens;
    }

    /** Sends a request, expects a 2xx answer and returns its JSON; the server's log is named if it is not. */
    private static JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("%s %s answered %s (OpenSearch's log: %s)", method, path, response.body(), server.log())
                .isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
