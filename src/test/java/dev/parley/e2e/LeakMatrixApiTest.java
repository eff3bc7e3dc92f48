package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The leak matrix through every REST endpoint, made from the API's own OpenAPI document: someone who was never a member
 * of a private room, and someone who was and has left, call every operation with the room's slug and the ids of its
 * message, file, pending invitation, webhook and invite link, and then with a slug and ids that do not exist. Each pair
 * of answers must be the same (status and body, the slug and ids aside), and no answer to them, nor to any other
 * operation they call (their rooms, search, mentions, invitations, users), may carry anything the room holds.
 */
class LeakMatrixApiTest extends ApiTestSupport {

    @Test
    void outsiders_cannot_tell_a_private_room_or_its_contents_from_nothing_through_any_endpoint() throws Exception {
        String secret = "secret" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String ownerName = api.register("owner");
        String owner = api.token(ownerName);
        String strangerName = api.register("stranger");
        String formerName = api.register("former");
        String inviteeName = api.register("invitee");
        String slug = api.createRoom(owner, "Room " + secret, true);
        assertThat(api.call("PATCH", "/api/rooms/" + slug, owner, "{\"description\":\"about " + secret + "\"}")
                        .status())
                .isEqualTo(200);

        // The former member: invited, joined, posted, left.
        String former = api.token(formerName);
        long formerInvite = api.call("POST", "/api/rooms/" + slug + "/invites", owner, username(formerName))
                .body()
                .path("id")
                .asLong();
        assertThat(api.call("POST", "/api/invites/" + formerInvite + "/accept", former, null)
                        .status())
                .isLessThan(300);
        api.post(former, slug, "former says " + secret);
        assertThat(api.call("POST", "/api/rooms/" + slug + "/leave", former, null)
                        .status())
                .isLessThan(300);

        JsonNode message = api.post(owner, slug, "the plan: " + secret + " @" + strangerName);
        ApiClient.Answer upload = api.multipart(
                "/api/rooms/" + slug + "/messages",
                owner,
                "file " + secret,
                List.of(new ApiClient.Upload(
                        secret + ".txt", "text/plain", ("inside " + secret).getBytes(StandardCharsets.UTF_8))));
        assertThat(upload.status()).isEqualTo(201);
        String fileId = upload.body().path("attachments").get(0).path("id").asString();
        String invitationId = api.call("POST", "/api/rooms/" + slug + "/invites", owner, username(inviteeName))
                .body()
                .path("id")
                .asString();
        String webhookId = api.call(
                        "POST", "/api/rooms/" + slug + "/webhooks", owner, "{\"name\":\"hook " + secret + "\"}")
                .body()
                .path("id")
                .asString();
        String linkId = api.call("POST", "/api/rooms/" + slug + "/invite-links", owner, "{\"maxUses\":5}")
                .body()
                .path("id")
                .asString();

        Map<String, String> real = Map.of(
                "slug", slug,
                "message", message.path("id").asString(),
                "file", fileId,
                "invitation", invitationId,
                "webhook", webhookId,
                "link", linkId);
        Map<String, String> none = Map.of(
                "slug", "no-such-room-" + secret.substring(6),
                "message", "987654321",
                "file", "987654322",
                "invitation", "987654323",
                "webhook", "987654324",
                "link", "987654325");

        JsonNode document = api.call("GET", "/api/openapi.json", null, null).body();
        List<OpenApiOperations.Operation> operations = OpenApiOperations.of(document, json);
        List<String> differences = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        int compared = 0;
        for (String outsider : List.of(strangerName, formerName)) {
            String token = api.token(outsider);
            for (OpenApiOperations.Operation operation : operations) {
                if (operation.template().startsWith("/hooks/")
                        || operation.template().startsWith("/api/auth/")
                        || operation.template().startsWith("/api/admin/")) {
                    continue;
                }
                String body = operation.body() == null ? null : operation.body().toString();
                String query = operation.queryParams().contains("q") ? "?q=" + secret : "";
                String toReal = operation.path(param -> value(operation, param, real, ownerName)) + query;
                ApiClient.Answer answer = api.call(operation.method(), toReal, token, body);
                if (answer.body().toString().contains(secret)) {
                    leaks.add(outsider + ": " + operation.name() + " -> " + answer.body());
                }
                if (operation.pathParams().stream().anyMatch(p -> !p.equals("username") && !p.equals("emoji"))) {
                    String toNone = operation.path(param -> value(operation, param, none, ownerName)) + query;
                    ApiClient.Answer nothing = api.call(operation.method(), toNone, token, body);
                    compared++;
                    String seen =
                            answer.status() + " " + normalized(answer.body().toString(), real);
                    String unseen =
                            nothing.status() + " " + normalized(nothing.body().toString(), none);
                    if (!seen.equals(unseen)) {
                        differences.add(
                                outsider + ": " + operation.name() + " answers " + seen + " but for nothing " + unseen);
                    }
                }
            }
            for (String path :
                    List.of("/api/rooms", "/api/search?q=" + secret, "/api/mentions", "/api/invites", "/api/direct")) {
                ApiClient.Answer answer = api.call("GET", path, token, null);
                assertThat(answer.status()).as(path).isEqualTo(200);
                if (answer.body().toString().contains(secret)) {
                    leaks.add(outsider + ": GET " + path + " -> " + answer.body());
                }
            }
        }
        System.out.printf(
                "Leak matrix: %d operations, %d pairs compared for 2 outsiders; %d differences, %d leaks%n",
                operations.size(), compared, differences.size(), leaks.size());
        assertThat(compared).isGreaterThan(40);
        assertThat(differences)
                .as("answers that tell the private room from nothing")
                .isEmpty();
        assertThat(leaks).as("answers carrying the private room's contents").isEmpty();
        // The room is intact: no outsider's call changed it.
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages", owner, null)
                        .body()
                        .toString())
                .contains("the plan: " + secret);
    }

    /** The value of a path parameter: the id of what the path's last collection holds. */
    private static String value(
            OpenApiOperations.Operation operation, String param, Map<String, String> ids, String owner) {
        String template = operation.template();
        return switch (param) {
            case "slug" -> ids.get("slug");
            case "username" -> owner;
            case "emoji" -> "%F0%9F%91%8D";
            case "token" -> "no-such-link";
            default -> {
                if (template.startsWith("/api/messages/")) {
                    yield ids.get("message");
                } else if (template.startsWith("/api/files/")) {
                    yield ids.get("file");
                } else if (template.startsWith("/api/invites/")) {
                    yield ids.get("invitation");
                } else if (template.contains("/webhooks/")) {
                    yield ids.get("webhook");
                } else if (template.contains("/invite-links/")) {
                    yield ids.get("link");
                }
                yield "1";
            }
        };
    }

    /** The answer's text with the slug and ids it was asked about taken out. */
    private static String normalized(String body, Map<String, String> ids) {
        String text = body;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            // Whole words only: an id of 1 is not the 1 of "1h".
            text = text.replaceAll(
                    "(?<![\\w-])" + Pattern.quote(id.getValue()) + "(?![\\w-])", "<" + id.getKey() + ">");
        }
        return text;
    }

    private static String username(String name) {
        return "{\"username\":\"" + name + "\"}";
    }
}
