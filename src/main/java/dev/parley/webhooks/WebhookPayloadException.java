package dev.parley.webhooks;

import dev.parley.base.InvalidInputException;

/**
 * A webhook's payload that cannot be posted, with the code Slack answers such a payload with ({@code invalid_payload},
 * {@code no_text}), so that a tool written for Slack recognises it.
 */
public class WebhookPayloadException extends InvalidInputException {

    private final String code;

    public WebhookPayloadException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
