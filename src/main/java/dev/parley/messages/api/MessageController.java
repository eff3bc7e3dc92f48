package dev.parley.messages.api;

import dev.parley.accounts.ParleyUser;
import dev.parley.base.InvalidInputException;
import dev.parley.files.Attachment;
import dev.parley.files.IncomingFile;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageAuthor;
import dev.parley.messages.MessageService;
import dev.parley.messages.Reaction;
import dev.parley.messages.Reactor;
import dev.parley.messages.WebhookSender;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomId;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/rooms/{slug}/messages}. Without {@code after}, {@code before} or {@code changedSince} it returns the
 * newest page; every page is in ascending sequence order, except {@code changedSince}, which is in ascending version
 * order. Posting takes JSON {@code {"body"}}, or {@code multipart/form-data} with a {@code body} and up to
 * {@code parley.files.max-files-per-message} {@code files}.
 */
@RestController
@RequestMapping("/api/rooms/{slug}/messages")
class MessageController {

    private final MessageService messages;
    private final RoomGuard guard;

    MessageController(MessageService messages, RoomGuard guard) {
        this.messages = messages;
        this.guard = guard;
    }

    /** A message's author; {@code guest} marks a guest, who joined with a name only. */
    record AuthorJson(String username, String displayName, boolean guest) {

        static AuthorJson of(MessageAuthor author) {
            return new AuthorJson(author.username(), author.displayName(), author.guest());
        }
    }

    /** One emoji on a message: how many reacted with it, and their usernames in the order they did. */
    record ReactionJson(String emoji, int count, List<String> users) {

        static ReactionJson of(Reaction reaction) {
            return new ReactionJson(
                    reaction.emoji(),
                    reaction.count(),
                    reaction.users().stream().map(Reactor::username).toList());
        }
    }

    /**
     * A file of a message, with the API's URLs (an API token reads them); {@code width} and {@code height} are 0 and
     * {@code thumbnailUrl} null for a file that is not a raster image.
     */
    record AttachmentJson(
            long id,
            String name,
            String mediaType,
            long size,
            int width,
            int height,
            String url,
            @Nullable String thumbnailUrl) {

        static AttachmentJson of(Attachment attachment) {
            return new AttachmentJson(
                    attachment.id().value(),
                    attachment.name(),
                    attachment.mediaType(),
                    attachment.size(),
                    attachment.width(),
                    attachment.height(),
                    "/api" + attachment.url(),
                    attachment.image() ? "/api" + attachment.thumbnailUrl() : null);
        }
    }

    /**
     * Who a message that came through an incoming webhook is shown as ({@code author} is then the account that set the
     * webhook up); {@code iconUrl} is null when there is no picture.
     */
    record WebhookJson(long id, String name, @Nullable String iconUrl) {

        static @Nullable WebhookJson of(@Nullable WebhookSender webhook) {
            return webhook == null ? null : new WebhookJson(webhook.webhookId(), webhook.name(), webhook.iconUrl());
        }
    }

    /**
     * A message; {@code body} is empty and {@code deleted} true for a deleted one, {@code editedAt} null if never;
     * {@code reactions} in palette order, empty when there are none; {@code attachments} in the order they were sent,
     * empty when there are none or the message was deleted; {@code webhook} null unless it came through one.
     */
    record MessageJson(
            long id,
            long seq,
            long version,
            String body,
            AuthorJson author,
            Instant createdAt,
            @Nullable Instant editedAt,
            boolean deleted,
            List<ReactionJson> reactions,
            List<AttachmentJson> attachments,
            @Nullable WebhookJson webhook) {

        static MessageJson of(ChatMessage message) {
            return new MessageJson(
                    message.id().value(),
                    message.seq(),
                    message.version(),
                    message.body(),
                    AuthorJson.of(message.author()),
                    message.createdAt(),
                    message.editedAt(),
                    message.deleted(),
                    message.reactions().stream().map(ReactionJson::of).toList(),
                    message.attachments().stream().map(AttachmentJson::of).toList(),
                    WebhookJson.of(message.webhook()));
        }
    }

    record PostRequest(@Nullable String body) {}

    /**
     * A page of history. The response carries a {@code Server-Timing} header with the time the service took to read the
     * page ({@code db;dur=} in milliseconds: transaction, access check, the keyset query and the authors), so that
     * operators and the benchmark can tell the database's share from the network's.
     */
    @Operation(
            summary =
                    "A page of a room's messages: the newest, after or before a sequence number, or changed since a version")
    @GetMapping
    ResponseEntity<List<MessageJson>> history(
            @AuthenticationPrincipal ParleyUser user,
            @PathVariable String slug,
            @RequestParam(required = false) @Nullable Long after,
            @RequestParam(required = false) @Nullable Long before,
            @RequestParam(required = false) @Nullable Long changedSince,
            @RequestParam(defaultValue = "" + MessageService.PAGE_SIZE) int limit) {
        if (Stream.of(after, before, changedSince).filter(Objects::nonNull).count() > 1) {
            throw new InvalidInputException("Use only one of after, before and changedSince");
        }
        RoomId room = guard.requireReadable(user.id(), slug);
        long start = System.nanoTime();
        List<ChatMessage> page;
        if (changedSince != null) {
            page = messages.changedSince(user.id(), room, changedSince, limit);
        } else if (after != null) {
            page = messages.after(user.id(), room, after, limit);
        } else if (before != null) {
            page = messages.before(user.id(), room, before, limit);
        } else {
            page = messages.latest(user.id(), room, limit);
        }
        return ResponseEntity.ok()
                .header("Server-Timing", serverTiming("db", start))
                .body(page.stream().map(MessageJson::of).toList());
    }

    /**
     * Posts a message. The answer's {@code Server-Timing: app;dur=} header is the time from here to the stored message
     * (access check, waiting for the writer connection, the write transaction and its commit), so that a slow post can
     * be told apart from time spent before it reached the application.
     */
    @PostMessageOperation
    @PostMapping
    ResponseEntity<MessageJson> post(
            @AuthenticationPrincipal ParleyUser user, @PathVariable String slug, @RequestBody PostRequest request) {
        long start = System.nanoTime();
        RoomId room = guard.requireReadable(user.id(), slug);
        MessageJson posted =
                MessageJson.of(messages.post(user.id(), room, request.body() == null ? "" : request.body()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Server-Timing", serverTiming("app", start))
                .body(posted);
    }

    /**
     * Posts a message with files ({@link MessageService#postWithFiles}): the posting limit and the poster are checked
     * before any file is read, then each is uploaded ({@link dev.parley.files.FileService#upload}: size, type and image
     * checks) and the message is posted with them. When anything is refused, the files already stored are removed
     * again, and nothing is posted.
     */
    @PostMessageOperation
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<MessageJson> postWithFiles(
            @AuthenticationPrincipal ParleyUser user,
            @PathVariable String slug,
            @RequestParam(required = false) @Nullable String body,
            @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> parts) {
        long start = System.nanoTime();
        RoomId room = guard.requireReadable(user.id(), slug);
        // A form's file field left empty sends a part without a name or bytes: no file.
        List<IncomingFile> sent = parts == null
                ? List.of()
                : parts.stream()
                        .filter(p -> !p.isEmpty()
                                || !Objects.requireNonNullElse(p.getOriginalFilename(), "")
                                        .isEmpty())
                        .map(p -> new IncomingFile(
                                Objects.requireNonNullElse(p.getOriginalFilename(), ""), p::getInputStream))
                        .toList();
        MessageJson message = MessageJson.of(messages.postWithFiles(user.id(), room, body == null ? "" : body, sent));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Server-Timing", serverTiming("app", start))
                .body(message);
    }

    private static String serverTiming(String name, long startNanos) {
        return String.format(Locale.ROOT, "%s;dur=%.3f", name, (System.nanoTime() - startNanos) / 1e6);
    }
}
