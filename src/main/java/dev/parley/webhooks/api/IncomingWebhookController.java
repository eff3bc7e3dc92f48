package dev.parley.webhooks.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.ParleyException;
import dev.parley.base.RateLimitedException;
import dev.parley.base.TooLargeException;
import dev.parley.webhooks.SlackPayload;
import dev.parley.webhooks.WebhookPayloadException;
import dev.parley.webhooks.WebhookService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /hooks/{token}}: a Slack-compatible incoming webhook, so that tools written for Slack (and Mattermost and
 * Rocket.Chat, which copy it) post here unchanged. The body is Slack's JSON ({@code {"text", "username", "icon_url",
 * "attachments"}}), sent as {@code application/json} or as the {@code payload} field of an
 * {@code application/x-www-form-urlencoded} form. Answers are Slack's: {@code 200 ok} as plain text, and errors as
 * plain-text codes ({@code invalid_payload}, {@code no_text}, {@code msg_too_long}, {@code no_service},
 * {@code action_prohibited}, {@code rate_limited}).
 */
@RestController
class IncomingWebhookController {

    /** A form with the payload's JSON in one field. */
    record PayloadForm(String payload) {}

    /** The largest request read: Slack's own limit on a message is far below it. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final WebhookService webhooks;
    private final ObjectMapper json;

    IncomingWebhookController(WebhookService webhooks, ObjectMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    /** Slack's payload, for the documentation: the controller reads the body itself, as JSON or a form's field. */
    record SlackPayloadJson(
            String text,
            @Nullable String username,
            @Nullable @JsonProperty("icon_url") String iconUrl,
            @Nullable List<Map<String, Object>> attachments) {}

    @Operation(
            summary = "Post to a room through an incoming webhook (Slack-compatible)",
            description = "The token in the URL is the credential: no Authorization header. Slack's mrkdwn is "
                    + "translated (<url|label> links, *bold*, ~strike~); without text, attachments (pretext, title, "
                    + "text, fields or fallback) are the text. Answers are plain text, as Slack's.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = SlackPayloadJson.class)),
                                @Content(
                                        mediaType = "application/x-www-form-urlencoded",
                                        schema = @Schema(implementation = PayloadForm.class))
                            }))
    @ApiResponse(
            responseCode = "200",
            description = "Posted",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string", example = "ok")))
    @ApiResponse(
            responseCode = "400",
            description = "invalid_payload, no_text or msg_too_long",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string", example = "no_text")))
    @ApiResponse(
            responseCode = "403",
            description = "action_prohibited: the webhook is paused (who set it up left the room or was disabled)",
            content =
                    @Content(
                            mediaType = "text/plain",
                            schema = @Schema(type = "string", example = "action_prohibited")))
    @ApiResponse(
            responseCode = "404",
            description = "no_service: no such webhook, or it was revoked",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string", example = "no_service")))
    @ApiResponse(
            responseCode = "429",
            description = "rate_limited: over the webhook's posting limit; retry after Retry-After seconds",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string", example = "rate_limited")))
    @PostMapping("/hooks/{token}")
    ResponseEntity<String> post(@PathVariable String token, HttpServletRequest request) throws IOException {
        webhooks.post(token, SlackPayload.of(parse(payloadOf(request))));
        return answer(HttpStatus.OK, "ok");
    }

    /**
     * The payload's JSON text: the form's {@code payload} field, or the whole body. The body is read here, at most
     * {@value #MAX_BODY_BYTES} bytes of it, whether it comes with a length or chunked: the server's own reading of a
     * form's fields failed on a chunked form over its limit with an error page of its own.
     */
    private static String payloadOf(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new TooLargeException("The request is too large");
        }
        byte[] bytes;
        try (InputStream body = request.getInputStream()) {
            bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new TooLargeException("The request is too large");
        }
        String type =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        Charset charset = charsetOf(request);
        // Form fields are ASCII, their bytes %-escaped: decoded in the form's charset.
        for (String field : new String(bytes, StandardCharsets.ISO_8859_1).split("&")) {
            int equals = field.indexOf('=');
            String name = equals < 0 ? field : field.substring(0, equals);
            if (decoded(name, charset).equals("payload")) {
                return equals < 0 ? "" : decoded(field.substring(equals + 1), charset);
            }
        }
        throw new WebhookPayloadException("invalid_payload", "The form has no payload field");
    }

    /** The form's charset: UTF-8 unless it names another the server knows. */
    private static Charset charsetOf(HttpServletRequest request) {
        @Nullable String name = request.getCharacterEncoding();
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WebhookPayloadException("invalid_payload", "The form's charset is not a valid name");
        }
    }

    private static String decoded(String formValue, Charset charset) {
        try {
            return URLDecoder.decode(formValue, charset);
        } catch (IllegalArgumentException e) {
            throw new WebhookPayloadException("invalid_payload", "The form is not URL-encoded");
        }
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (JacksonException e) {
            throw new WebhookPayloadException("invalid_payload", "The payload is not valid JSON");
        }
    }

    @ExceptionHandler(ParleyException.class)
    ResponseEntity<String> refused(ParleyException e) {
        return switch (e) {
            case WebhookPayloadException payload -> answer(HttpStatus.BAD_REQUEST, payload.code());
            case TooLargeException ignored -> answer(HttpStatus.BAD_REQUEST, "msg_too_long");
            // An empty text after trimming: what Slack calls a missing one.
            case InvalidInputException ignored -> answer(HttpStatus.BAD_REQUEST, "no_text");
            case NotFoundException ignored -> answer(HttpStatus.NOT_FOUND, "no_service");
            case NotAllowedException ignored -> answer(HttpStatus.FORBIDDEN, "action_prohibited");
            default -> answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error");
        };
    }

    /** 429 with the wait in whole seconds, as Slack answers: its clients retry after {@code Retry-After}. */
    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<String> rateLimited(RateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .contentType(TEXT)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body("rate_limited");
    }

    private static ResponseEntity<String> answer(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(TEXT).body(body);
    }
}
