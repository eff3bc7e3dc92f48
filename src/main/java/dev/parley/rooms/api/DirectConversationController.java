package dev.parley.rooms.api;

import dev.parley.accounts.ParleyUser;
import dev.parley.rooms.DirectConversations;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.api.RoomController.RoomJson;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/direct}: the caller's direct conversations, and starting one (or opening the one that exists) with one
 * person or a group. Messages go through {@code /api/rooms/{slug}/messages} like any room's.
 */
@RestController
@RequestMapping("/api/direct")
class DirectConversationController {

    private final RoomService rooms;
    private final DirectConversations directs;

    DirectConversationController(RoomService rooms, DirectConversations directs) {
        this.rooms = rooms;
        this.directs = directs;
    }

    record StartRequest(@Nullable List<String> usernames) {}

    /** The caller's direct conversations, each named by the other people in it. */
    @Operation(summary = "Your direct conversations")
    @GetMapping
    List<RoomJson> list(@AuthenticationPrincipal ParleyUser user) {
        return rooms.memberRooms(user.id()).stream()
                .filter(RoomSummary::direct)
                .map(RoomJson::of)
                .toList();
    }

    /** 200 with the conversation, new or existing; 400 nobody else or too many people; 404 an unknown username. */
    @Operation(summary = "Start a direct conversation, or open the one that exists")
    @PostMapping
    RoomJson start(@AuthenticationPrincipal ParleyUser user, @RequestBody StartRequest request) {
        return RoomJson.of(directs.start(user.id(), request.usernames() == null ? List.of() : request.usernames()));
    }
}
