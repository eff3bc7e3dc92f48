package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Incoming webhooks over real HTTP: managing them under {@code /api/rooms/{slug}/webhooks}, and posting to
 * {@code /hooks/{token}} as Slack's clients do, with Slack's answers.
 */
class WebhookApiTest extends ApiTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void an_admin_manages_webhooks_and_others_may_not() throws Exception {
        String aliceName = api.register("alice");
        String alice = api.token(aliceName);
        String bob = api.token(api.register("bob"));
        String carol = api.token(api.register("carol"));
        String slug = api.createRoom(alice, "Hooks API", false);
        String hidden = api.createRoom(alice, "Hidden hooks", true);
        api.join(bob, slug);

        ApiClient.Answer created = api.call("POST", hooks(slug), alice, "{\"name\":\"CI server\"}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.body().path("id").asLong();
        assertThat(created.body().path("url").asString()).matches("http://127\\.0\\.0\\.1:" + port + "/hooks/wh_.+");
        assertThat(created.body().path("name").asString()).isEqualTo("CI server");
        assertThat(created.body().path("createdBy").path("username").asString()).isEqualTo(aliceName);
        assertThat(created.body().path("active").asBoolean()).isTrue();
        assertThat(created.body().path("lastUsedAt").isNull()).isTrue();

        JsonNode listed = api.call("GET", hooks(slug), alice, null).body();
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).path("url").isNull()).isTrue();
        ApiClient.Answer renamed = api.call("PUT", hooks(slug) + "/" + id, alice, "{\"name\":\"Jenkins\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().path("name").asString()).isEqualTo("Jenkins");

        ApiClient.Answer empty = api.call("POST", hooks(slug), alice, "{\"name\":\" \"}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).isEqualTo("Webhook name must be 1 to 64 characters");
        assertThat(api.call("PUT", hooks(slug) + "/" + id, alice, "{}").status())
                .isEqualTo(400);
        ApiClient.Answer notAdmin = api.call("POST", hooks(slug), bob, "{\"name\":\"Mine\"}");
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.error()).isEqualTo("Only the room's admins can manage its webhooks");
        assertThat(api.call("GET", hooks(slug), bob, null).status()).isEqualTo(403);
        assertThat(api.call("PUT", hooks(slug) + "/" + id, bob, "{\"name\":\"x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api.call("DELETE", hooks(slug) + "/" + id, bob, null).status())
                .isEqualTo(403);
        assertThat(api.call("GET", hooks(hidden), carol, null).status()).isEqualTo(404);
        assertThat(api.call("POST", hooks(hidden), carol, "{\"name\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(api.call("GET", hooks("no-such-room"), alice, null).status()).isEqualTo(404);
        assertThat(api.call("DELETE", hooks(hidden) + "/" + id, alice, null).status())
                .isEqualTo(404);
        assertThat(api.call("GET", hooks(slug), null, null).status()).isEqualTo(401);

        assertThat(api.call("DELETE", hooks(slug) + "/" + id, alice, null).status())
                .isEqualTo(204);
        assertThat(api.call("GET", hooks(slug), alice, null).body().size()).isZero();
        assertThat(api.call("DELETE", hooks(slug) + "/" + id, alice, null).status())
                .isEqualTo(404);
    }

    @Test
    void slack_json_and_form_payloads_post_to_the_room_and_show_the_webhook() throws Exception {
        String alice = api.token(api.register("alice"));
        String slug = api.createRoom(alice, "Hooked", false);
        String url = hookPath(alice, slug, "Grafana");

        ApiClient.Text json = api.send(
                "POST",
                url,
                "application/json",
                "{\"text\":\"*Disk* <https://grafana.example/d/1|dashboard>\",\"username\":\"Grafana alerts\","
                        + "\"icon_url\":\"https://grafana.example/icon.png\"}");
        String form = "payload="
                + URLEncoder.encode(
                        "{\"text\":\"from a form\",\"icon_url\":\"http://plain/icon.png\"}", StandardCharsets.UTF_8);
        ApiClient.Text formPosted = api.send("POST", url, "application/x-www-form-urlencoded", form);

        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body()).isEqualTo("ok");
        assertThat(json.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(formPosted.status()).isEqualTo(200);
        assertThat(formPosted.body()).isEqualTo("ok");
        JsonNode history =
                api.call("GET", "/api/rooms/" + slug + "/messages", alice, null).body();
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).path("body").asString())
                .isEqualTo("**Disk** [dashboard](https://grafana.example/d/1)");
        assertThat(history.get(0).path("webhook").path("name").asString()).isEqualTo("Grafana alerts");
        assertThat(history.get(0).path("webhook").path("iconUrl").asString())
                .isEqualTo("https://grafana.example/icon.png");
        assertThat(history.get(1).path("body").asString()).isEqualTo("from a form");
        assertThat(history.get(1).path("webhook").path("name").asString()).isEqualTo("Grafana");
        assertThat(history.get(1).path("webhook").path("iconUrl").isNull()).isTrue();
        assertThat(api.call("GET", hooks(slug), alice, null)
                        .body()
                        .get(0)
                        .path("lastUsedAt")
                        .isNull())
                .isFalse();
        // A message a person wrote has no webhook.
        assertThat(api.post(alice, slug, "by hand").path("webhook").isNull()).isTrue();
        long hooked = history.get(0).path("id").asLong();
        ApiClient.Answer edit = api.call("PUT", "/api/messages/" + hooked, alice, "{\"body\":\"changed\"}");
        assertThat(edit.status()).isEqualTo(403);
        assertThat(edit.error()).isEqualTo("Messages posted by a webhook cannot be edited");
    }

    @Test
    void bad_payloads_unknown_and_revoked_urls_and_paused_webhooks_get_slacks_answers() throws Exception {
        String aliceName = api.register("alice");
        String alice = api.token(aliceName);
        String bobName = api.register("bob");
        String bob = api.token(bobName);
        String slug = api.createRoom(alice, "Refusals", false);
        String url = hookPath(alice, slug, "CI");

        assertThat(api.send("POST", url, "application/json", "{\"username\":\"x\"}"))
                .extracting(ApiClient.Text::status, ApiClient.Text::body)
                .containsExactly(400, "no_text");
        assertThat(api.send("POST", url, "application/json", "{\"text\":\"   \"}"))
                .extracting(ApiClient.Text::status, ApiClient.Text::body)
                .containsExactly(400, "no_text");
        assertThat(api.send("POST", url, "application/json", "{not json"))
                .extracting(ApiClient.Text::status, ApiClient.Text::body)
                .containsExactly(400, "invalid_payload");
        assertThat(api.send("POST", url, "application/x-www-form-urlencoded", "text=hello"))
                .extracting(ApiClient.Text::status, ApiClient.Text::body)
                .containsExactly(400, "invalid_payload");
        assertThat(api.send("POST", url, "application/json", "{\"text\":\"" + "x".repeat(4001) + "\"}"))
                .extracting(ApiClient.Text::status, ApiClient.Text::body)
                .containsExactly(400, "msg_too_long");
        assertThat(api.send("POST", "/hooks/wh_nothing", "application/json", "{\"text\":\"hi\"}"))
                .extracting(ApiClient.Text::status, ApiClient.Text::body)
                .containsExactly(404, "no_service");
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages", alice, null)
                        .body()
                        .size())
                .isZero();

        // Alice hands the room to Bob and leaves: her webhook pauses.
        assertThat(api.call("POST", "/api/rooms/" + slug + "/join", bob, null).status())
                .isEqualTo(204);
        assertThat(api.call(
                                "PUT",
                                "/api/rooms/" + slug + "/members/" + bobName + "/role",
                                alice,
                                "{\"role\":\"admin\"}")
                        .status())
                .isEqualTo(204);
        assertThat(api.call("POST", "/api/rooms/" + slug + "/leave", alice, null)
                        .status())
                .isEqualTo(204);
        assertThat(api.send("POST", url, "application/json", "{\"text\":\"hi\"}"))
                .extracting(ApiClient.Text::status, ApiClient.Text::body)
                .containsExactly(403, "action_prohibited");
        JsonNode listed = api.call("GET", hooks(slug), bob, null).body().get(0);
        assertThat(listed.path("active").asBoolean()).isFalse();
        assertThat(listed.path("paused").asString()).contains("no longer a member");

        assertThat(api.call("DELETE", hooks(slug) + "/" + listed.path("id").asLong(), bob, null)
                        .status())
                .isEqualTo(204);
        assertThat(api.send("POST", url, "application/json", "{\"text\":\"hi\"}"))
                .extracting(ApiClient.Text::status, ApiClient.Text::body)
                .containsExactly(404, "no_service");
        assertThat(aliceName).isNotEqualTo(bobName);
    }

    @Test
    void a_chunked_form_too_large_for_a_webhook_gets_the_answer_of_any_too_large_payload() throws Exception {
        String ada = api.token(api.register("ada"));
        String slug = api.createRoom(ada, "Big forms", false);
        String url = hookPath(ada, slug, "CI");
        byte[] form = new byte[5 * 1024 * 1024];
        Arrays.fill(form, (byte) 'x');
        System.arraycopy("payload=".getBytes(StandardCharsets.US_ASCII), 0, form, 0, 8);

        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        // No length: sent chunked.
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("msg_too_long");
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages", ada, null)
                        .body()
                        .size())
                .isZero();
    }

    @Test
    void a_chunked_form_within_the_limit_posts_through_a_webhook() throws Exception {
        String ada = api.token(api.register("ada"));
        String slug = api.createRoom(ada, "Small forms", false);
        String url = hookPath(ada, slug, "CI");
        byte[] form = ("channel=%23ci&payload="
                        + URLEncoder.encode("{\"text\":\"build 12 passed: 100% & more\"}", StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages", ada, null)
                        .body()
                        .get(0)
                        .path("body")
                        .asString())
                .isEqualTo("build 12 passed: 100% & more");
    }

    private String hookPath(String token, String slug, String name) throws Exception {
        ApiClient.Answer created = api.call("POST", hooks(slug), token, "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return java.net.URI.create(created.body().path("url").asString()).getPath();
    }

    private static String hooks(String slug) {
        return "/api/rooms/" + slug + "/webhooks";
    }
}
