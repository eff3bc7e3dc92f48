package dev.parley.messages.api;

import dev.parley.accounts.ParleyUser;
import dev.parley.messages.MentionNotification;
import dev.parley.messages.MessageService;
import dev.parley.messages.api.MessageController.AuthorJson;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/mentions}: the caller's notifications list, as the header shows it. Newest first, in rooms the caller
 * is a member of now; {@code unread} while the message is above the caller's read position in its room.
 */
@RestController
@RequestMapping("/api/mentions")
class MentionController {

    private final MessageService messages;

    MentionController(MessageService messages) {
        this.messages = messages;
    }

    /** One mention; {@code body} is empty and {@code deleted} true when the message was deleted since. */
    record MentionJson(
            String room,
            String roomName,
            long messageId,
            long seq,
            AuthorJson author,
            String body,
            boolean deleted,
            Instant createdAt,
            boolean unread) {

        static MentionJson of(MentionNotification mention) {
            return new MentionJson(
                    mention.roomSlug(),
                    mention.roomName(),
                    mention.message().value(),
                    mention.seq(),
                    AuthorJson.of(mention.author()),
                    mention.body(),
                    mention.deleted(),
                    mention.at(),
                    mention.unread());
        }
    }

    /** At most {@code limit} (1 to 100, default 20) mentions; 400 outside that range. */
    @Operation(summary = "Your newest mentions, in rooms you belong to")
    @GetMapping
    List<MentionJson> mentions(@AuthenticationPrincipal ParleyUser user, @RequestParam(defaultValue = "20") int limit) {
        return messages.mentions(user.id(), limit).stream().map(MentionJson::of).toList();
    }
}
