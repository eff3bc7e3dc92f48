package dev.parley.webhooks;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.RateLimitedException;
import dev.parley.base.SecretTokens;
import dev.parley.base.TooLargeException;
import dev.parley.base.VisibleText;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.messages.WebhookSender;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomAccess;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomId;
import dev.parley.rooms.RoomRole;
import dev.parley.webhooks.internal.WebhookRepository;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A room's incoming webhooks: its admins make, list, rename and revoke them; whoever has a webhook's URL posts to the
 * room through it ({@link #post}).
 *
 * <p>A webhook acts for the admin who made it: its messages are theirs in the database (so that deleting and moderating
 * them, and removing the account, work as for any message), shown under the webhook's name and marked "via webhook". It
 * posts only while that person may post in the room: when they leave it or are removed, or their account is disabled,
 * the webhook is paused (its URL answers 403) and listed so, and it works again if they come back. Revoking is for
 * good: the URL then answers 404, like one that never existed.
 */
@Service
@Transactional
public class WebhookService {

    private static final String TOKEN_PREFIX = "wh_";
    private static final String ONLY_ADMINS = "Only the room's admins can manage its webhooks";
    private static final String NO_SUCH_WEBHOOK = "No such webhook";

    private final WebhookRepository webhooks;
    private final RoomGuard guard;
    private final Memberships memberships;
    private final MessageService messages;
    private final AccountService accounts;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookService(
            WebhookRepository webhooks,
            RoomGuard guard,
            Memberships memberships,
            MessageService messages,
            AccountService accounts,
            WebhookProperties properties,
            Clock clock) {
        this.webhooks = webhooks;
        this.guard = guard;
        this.memberships = memberships;
        this.messages = messages;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Makes a webhook for the room. The token is in the answer and nowhere else: only its hash is stored.
     *
     * @throws NotFoundException when there is no such room, or it is private and the actor is not a member
     * @throws NotAllowedException when the actor is not an admin of the room
     * @throws InvalidInputException when the name is empty or longer than {@value Webhook#NAME_MAX_LENGTH} characters
     */
    public NewWebhook create(UserId actor, String slug, String name) {
        RoomId room = requireAdmin(actor, slug);
        String token = SecretTokens.newToken(TOKEN_PREFIX, 24);
        Webhook webhook =
                webhooks.save(new Webhook(room, validName(name), SecretTokens.hash(token), actor, clock.instant()));
        return new NewWebhook(info(webhook, accounts.summary(actor), null), token);
    }

    /**
     * The room's webhooks that are not revoked, oldest first, each with whether it works now; for its admins. A few
     * queries, however many webhooks.
     *
     * @throws NotFoundException when there is no such room, or it is private and the actor is not a member
     * @throws NotAllowedException when the actor is not an admin of the room
     */
    @Transactional(readOnly = true)
    public List<WebhookInfo> list(UserId actor, String slug) {
        RoomId room = requireAdmin(actor, slug);
        List<Webhook> list = webhooks.findByRoomIdAndRevokedAtIsNullOrderByCreatedAtAsc(room.value());
        if (list.isEmpty()) {
            return List.of();
        }
        Set<UserId> members = memberships.members(actor, room).stream()
                .map(member -> member.user().id())
                .collect(Collectors.toSet());
        Set<UserId> creators = list.stream().map(Webhook::createdBy).collect(Collectors.toSet());
        Map<UserId, UserSummary> people = accounts.summaries(creators);
        Map<UserId, Boolean> active = creators.stream().collect(Collectors.toMap(creator -> creator, accounts::active));
        return list.stream()
                .filter(webhook -> people.containsKey(webhook.createdBy()))
                .map(webhook -> info(
                        webhook,
                        people.get(webhook.createdBy()),
                        pausedReason(
                                members.contains(webhook.createdBy()),
                                active.getOrDefault(webhook.createdBy(), false))))
                .toList();
    }

    /**
     * Renames a webhook: the messages it posts from now on are shown under the new name (those it posted keep theirs).
     *
     * @throws NotFoundException when the room is not visible to the actor, or it has no such webhook
     * @throws NotAllowedException when the actor is not an admin of the room
     * @throws InvalidInputException when the name breaks its rule
     */
    public WebhookInfo rename(UserId actor, String slug, long id, String name) {
        RoomId room = requireAdmin(actor, slug);
        String newName = validName(name);
        Webhook webhook = ofRoom(room, id);
        webhook.rename(newName);
        return info(webhook, accounts.summary(webhook.createdBy()), pausedReason(webhook));
    }

    /**
     * Revokes a webhook for good: its URL answers 404 from now on, and it is no longer listed. The messages it posted
     * stay.
     *
     * @throws NotFoundException when the room is not visible to the actor, or it has no such webhook
     * @throws NotAllowedException when the actor is not an admin of the room
     */
    public void revoke(UserId actor, String slug, long id) {
        RoomId room = requireAdmin(actor, slug);
        ofRoom(room, id).revoke(clock.instant());
    }

    /**
     * Posts a payload through the webhook with this token, as a message of its room shown under the webhook's name (or
     * the payload's {@code username}) and, when {@code parley.webhooks.icons} is on, the payload's {@code icon_url} if
     * it is an {@code https:} URL; other URLs are ignored. The text goes through the same length check, Markdown
     * rendering and posting limit as a member's message; the limit is the webhook's own.
     *
     * @throws NotFoundException when no webhook that is not revoked has this token
     * @throws NotAllowedException when the webhook is paused (see the class comment)
     * @throws TooLargeException when the text is longer than a message may be
     * @throws RateLimitedException when the webhook has used up its allowance
     */
    public ChatMessage post(String token, SlackPayload payload) {
        Webhook webhook = webhooks.findByTokenHashAndRevokedAtIsNull(SecretTokens.hash(token))
                .orElseThrow(() -> new NotFoundException(NO_SUCH_WEBHOOK));
        String paused = pausedReason(webhook);
        if (paused != null) {
            throw new NotAllowedException(paused);
        }
        // A tool's name for itself cannot be sent back to be fixed: what a typed one would be refused for is removed.
        String requested = payload.username() == null ? "" : VisibleText.cleanedName(payload.username());
        String name = requested.isEmpty() ? webhook.name() : shorten(requested);
        WebhookSender sender =
                new WebhookSender(webhook.id(), name, properties.icons() ? iconUrl(payload.iconUrl()) : null);
        ChatMessage posted = messages.postViaWebhook(webhook.createdBy(), webhook.roomId(), sender, payload.text());
        webhook.used(clock.instant());
        return posted;
    }

    /** Why the webhook posts nothing now, or null when it works: two single-row lookups. */
    private @Nullable String pausedReason(Webhook webhook) {
        boolean member;
        try {
            member = guard.access(webhook.createdBy(), webhook.roomId()).member();
        } catch (NotFoundException e) {
            member = false;
        }
        return pausedReason(member, accounts.active(webhook.createdBy()));
    }

    private static @Nullable String pausedReason(boolean creatorIsMember, boolean creatorActive) {
        if (!creatorActive) {
            return "Paused: the account that set it up is disabled";
        }
        if (!creatorIsMember) {
            return "Paused: the person who set it up is no longer a member of the room";
        }
        return null;
    }

    /** The room behind the slug, if the actor is one of its admins. */
    private RoomId requireAdmin(UserId actor, String slug) {
        RoomId room = guard.requireReadable(actor, slug);
        RoomAccess access = guard.access(actor, room);
        if (access.role() != RoomRole.ADMIN) {
            throw new NotAllowedException(ONLY_ADMINS);
        }
        return room;
    }

    private Webhook ofRoom(RoomId room, long id) {
        return webhooks.findById(id)
                .filter(webhook -> webhook.roomId().equals(room) && !webhook.revoked())
                .orElseThrow(() -> new NotFoundException(NO_SUCH_WEBHOOK));
    }

    /** The name as the admin typed it, by the rule of display names ({@link VisibleText#name}). */
    private static String validName(String name) {
        String clean = VisibleText.name("Webhook name", name);
        if (clean.isEmpty() || clean.length() > Webhook.NAME_MAX_LENGTH) {
            throw new InvalidInputException("Webhook name must be 1 to " + Webhook.NAME_MAX_LENGTH + " characters");
        }
        return clean;
    }

    /** At most the sender name's length, cut between code points. */
    private static String shorten(String name) {
        if (name.length() <= WebhookSender.NAME_MAX_LENGTH) {
            return name;
        }
        int keep = WebhookSender.NAME_MAX_LENGTH - 1;
        if (Character.isLowSurrogate(name.charAt(keep))) {
            keep--;
        }
        return name.substring(0, keep) + "…";
    }

    /**
     * The picture URL to keep: an absolute {@code https:} URL with a host, at most
     * {@value WebhookSender#ICON_URL_MAX_LENGTH} characters; anything else is dropped (the message is still posted).
     */
    static @Nullable String iconUrl(@Nullable String requested) {
        if (requested == null || requested.length() > WebhookSender.ICON_URL_MAX_LENGTH) {
            return null;
        }
        try {
            URI uri = new URI(requested.strip());
            boolean https = "https"
                    .equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT));
            return https && uri.getHost() != null && uri.getUserInfo() == null ? uri.toASCIIString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static WebhookInfo info(Webhook webhook, UserSummary creator, @Nullable String paused) {
        return new WebhookInfo(
                webhook.id(),
                webhook.roomId(),
                webhook.name(),
                creator,
                webhook.createdAt(),
                webhook.lastUsedAt(),
                paused);
    }
}
