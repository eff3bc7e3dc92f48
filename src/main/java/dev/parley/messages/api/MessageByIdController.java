package dev.parley.messages.api;

import dev.parley.accounts.ParleyUser;
import dev.parley.messages.MessageId;
import dev.parley.messages.MessageService;
import dev.parley.messages.api.MessageController.MessageJson;
import dev.parley.messages.api.MessageController.PostRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/messages/{id}}: editing, deleting and reacting to one message ({@code …/reactions/{emoji}}, the emoji
 * URL-encoded). A message in a room the caller may not see answers 404, exactly like a missing one; one the caller may
 * see but not change answers 403.
 */
@RestController
@RequestMapping("/api/messages/{id}")
class MessageByIdController {

    private final MessageService messages;

    MessageByIdController(MessageService messages) {
        this.messages = messages;
    }

    @Operation(summary = "Edit your message")
    @ApiResponse(responseCode = "200", description = "The message, as everyone in the room sees it live")
    @ApiResponse(responseCode = "403", description = "Not your message, one posted by a webhook, or you left the room")
    @ApiResponse(responseCode = "409", description = "The message was deleted")
    @ApiResponse(responseCode = "413", description = "Over 4,000 characters")
    @PutMapping
    MessageJson edit(
            @AuthenticationPrincipal ParleyUser user, @PathVariable long id, @RequestBody PostRequest request) {
        return MessageJson.of(
                messages.edit(user.id(), new MessageId(id), request.body() == null ? "" : request.body()));
    }

    @Operation(summary = "Delete a message (yours, or anyone's if you moderate the room)")
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal ParleyUser user, @PathVariable long id) {
        messages.delete(user.id(), new MessageId(id));
    }

    /** Adds the caller's reaction (again: no change); 200 with the message and its reactions. */
    @Operation(summary = "React to a message with an emoji of the palette")
    @ApiResponse(responseCode = "200", description = "The message with its reactions (also when nothing changed)")
    @ApiResponse(responseCode = "409", description = "The message was deleted")
    @PutMapping("/reactions/{emoji}")
    MessageJson react(@AuthenticationPrincipal ParleyUser user, @PathVariable long id, @PathVariable String emoji) {
        return MessageJson.of(messages.react(user.id(), new MessageId(id), emoji));
    }

    /** Takes back the caller's reaction (not there: no change); 200 with the message and its reactions. */
    @Operation(summary = "Take back your reaction")
    @ApiResponse(responseCode = "200", description = "The message with its reactions (also when nothing changed)")
    @ApiResponse(responseCode = "409", description = "The message was deleted")
    @DeleteMapping("/reactions/{emoji}")
    MessageJson unreact(@AuthenticationPrincipal ParleyUser user, @PathVariable long id, @PathVariable String emoji) {
        return MessageJson.of(messages.unreact(user.id(), new MessageId(id), emoji));
    }
}
