package dev.parley.webhooks;

/** A webhook just made: the only moment its token is known, to be shown to the admin who made it. */
public record NewWebhook(WebhookInfo webhook, String token) {

    /** The webhook's URL within Parley, without a leading slash: {@code hooks/{token}}. */
    public String path() {
        return "hooks/" + token;
    }
}
