package dev.parley.messages;

import org.jspecify.annotations.Nullable;

/**
 * Who a message posted through an incoming webhook is shown as: the webhook's name (or the name its payload asked for)
 * and, if allowed, an https picture. The message's author stays the account that set the webhook up; this is what
 * readers see instead, marked "via webhook".
 *
 * @param webhookId the webhook it came through (its rate limit is kept per webhook)
 * @param name the name shown as the sender, at most {@value #NAME_MAX_LENGTH} characters
 * @param iconUrl an {@code https:} picture URL to show as the sender's avatar, or null for initials
 */
public record WebhookSender(
        long webhookId, String name, @Nullable String iconUrl) {

    /** The longest name shown, as for display names. */
    public static final int NAME_MAX_LENGTH = 64;

    /** The longest picture URL kept. */
    public static final int ICON_URL_MAX_LENGTH = 2000;

    /** One or two letters for a sender without a picture. */
    public String initials() {
        return dev.parley.accounts.UserSummary.initialsOf(name, "W");
    }
}
