package dev.parley.webhooks.api;

import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.UserSummary;
import dev.parley.webhooks.NewWebhook;
import dev.parley.webhooks.WebhookInfo;
import dev.parley.webhooks.WebhookService;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /api/rooms/{slug}/webhooks}: a room's incoming webhooks, for its admins (403 for other members, 404 for a
 * private room to a non-member). The URL with its token is in the answer to creating one, and never again.
 */
@RestController
@RequestMapping("/api/rooms/{slug}/webhooks")
class WebhookController {

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    record PersonJson(String username, String displayName) {

        static PersonJson of(UserSummary user) {
            return new PersonJson(user.username(), user.displayName());
        }
    }

    /**
     * A webhook; {@code url} (absolute, with the token) only when it was just created; {@code active} false and
     * {@code paused} saying why when the person who set it up can no longer post in the room.
     */
    record WebhookJson(
            long id,
            String name,
            @Nullable String url,
            PersonJson createdBy,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            boolean active,
            @Nullable String paused) {

        static WebhookJson of(WebhookInfo webhook, @Nullable String url) {
            return new WebhookJson(
                    webhook.id(),
                    webhook.name(),
                    url,
                    PersonJson.of(webhook.createdBy()),
                    webhook.createdAt(),
                    webhook.lastUsedAt(),
                    webhook.active(),
                    webhook.paused());
        }
    }

    record NameRequest(@Nullable String name) {}

    @Operation(summary = "Make an incoming webhook (admins); its URL is shown only here")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    WebhookJson create(
            @AuthenticationPrincipal ParleyUser user, @PathVariable String slug, @RequestBody NameRequest request) {
        NewWebhook created = webhooks.create(user.id(), slug, request.name() == null ? "" : request.name());
        String url = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/" + created.path())
                .toUriString();
        return WebhookJson.of(created.webhook(), url);
    }

    @Operation(summary = "The room's webhooks that are not revoked (admins)")
    @GetMapping
    List<WebhookJson> list(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug) {
        return webhooks.list(user.id(), slug).stream()
                .map(webhook -> WebhookJson.of(webhook, null))
                .toList();
    }

    @Operation(summary = "Rename a webhook (admins)")
    @PutMapping("/{id}")
    WebhookJson rename(
            @AuthenticationPrincipal ParleyUser user,
            @PathVariable String slug,
            @PathVariable long id,
            @RequestBody NameRequest request) {
        return WebhookJson.of(webhooks.rename(user.id(), slug, id, request.name() == null ? "" : request.name()), null);
    }

    @Operation(summary = "Revoke a webhook for good (admins)")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug, @PathVariable long id) {
        webhooks.revoke(user.id(), slug, id);
    }
}
