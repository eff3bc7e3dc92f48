package dev.parley.rooms.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.accounts.ParleyUser;
import dev.parley.base.InvalidInputException;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/rooms}: the rooms the caller can see, one room's details, creating, changing the settings of, deleting,
 * joining and leaving rooms; removing members and roles.
 */
@RestController
@RequestMapping("/api/rooms")
class RoomController {

    private final RoomService rooms;
    private final RoomGuard guard;
    private final Memberships members;

    RoomController(RoomService rooms, RoomGuard guard, Memberships members) {
        this.rooms = rooms;
        this.guard = guard;
        this.members = members;
    }

    record RoomJson(
            String slug,
            String name,
            String description,
            @JsonProperty("private") boolean isPrivate,
            int memberCount,
            int onlineCount,
            boolean member,
            boolean direct,
            boolean archived) {

        static RoomJson of(RoomSummary room) {
            return new RoomJson(
                    room.slug(),
                    room.name(),
                    room.description(),
                    room.isPrivate(),
                    room.memberCount(),
                    room.onlineCount(),
                    room.member(),
                    room.direct(),
                    room.archived());
        }
    }

    /** One room in full, for {@code GET /api/rooms/{slug}}: with the caller's role and until when they are muted. */
    record RoomDetailsJson(
            String slug,
            String name,
            String description,
            @JsonProperty("private") boolean isPrivate,
            boolean archived,
            boolean direct,
            int memberCount,
            int onlineCount,
            boolean member,
            @Nullable String role,
            @Nullable Instant mutedUntil) {

        static RoomDetailsJson of(RoomSummary room, @Nullable Instant mutedUntil) {
            RoomRole role = room.role();
            return new RoomDetailsJson(
                    room.slug(),
                    room.name(),
                    room.description(),
                    room.isPrivate(),
                    room.archived(),
                    room.direct(),
                    room.memberCount(),
                    room.onlineCount(),
                    room.member(),
                    role == null ? null : role.name().toLowerCase(Locale.ROOT),
                    mutedUntil);
        }
    }

    /** A settings change: the fields given are changed, the others left as they are. */
    record SettingsRequest(
            @Nullable String name,
            @Nullable String description,
            @JsonProperty("private") @Nullable Boolean isPrivate,
            @Nullable Boolean archived) {}

    record CreateRoomRequest(
            @Nullable String name,
            @Nullable String description,
            @JsonProperty("private") @Nullable Boolean isPrivate) {}

    @GetMapping
    List<RoomJson> list(@AuthenticationPrincipal ParleyUser user) {
        return rooms.visibleRooms(user.id()).stream().map(RoomJson::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RoomJson create(@AuthenticationPrincipal ParleyUser user, @RequestBody CreateRoomRequest request) {
        RoomSummary room = rooms.create(
                user.id(),
                request.name() == null ? "" : request.name(),
                request.description(),
                Boolean.TRUE.equals(request.isPrivate()));
        return RoomJson.of(room);
    }

    @GetMapping("/{slug}")
    RoomDetailsJson get(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug) {
        RoomSummary room = rooms.open(user.id(), slug);
        return RoomDetailsJson.of(room, guard.mutedUntil(user.id(), room.id()));
    }

    @PatchMapping("/{slug}")
    RoomDetailsJson update(
            @AuthenticationPrincipal ParleyUser user, @PathVariable String slug, @RequestBody SettingsRequest request) {
        RoomSummary room = rooms.updateSettings(
                user.id(),
                slug,
                new RoomService.RoomChanges(
                        request.name(), request.description(), request.isPrivate(), request.archived()));
        return RoomDetailsJson.of(room, guard.mutedUntil(user.id(), room.id()));
    }

    @DeleteMapping("/{slug}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug) {
        rooms.delete(user.id(), slug);
    }

    @PostMapping("/{slug}/join")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void join(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug) {
        members.join(user.id(), slug);
    }

    @ApiResponse(responseCode = "409", description = "You are the room's last admin: make someone else admin first")
    @PostMapping("/{slug}/leave")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void leave(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug) {
        members.leave(user.id(), slug);
    }

    record RoleRequest(@Nullable String role) {}

    @DeleteMapping("/{slug}/members/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug, @PathVariable String username) {
        members.removeMember(user.id(), slug, username);
    }

    @ApiResponse(responseCode = "409", description = "The room's last admin stepping down")
    @PutMapping("/{slug}/members/{username}/role")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changeRole(
            @AuthenticationPrincipal ParleyUser user,
            @PathVariable String slug,
            @PathVariable String username,
            @RequestBody RoleRequest request) {
        members.changeRole(user.id(), slug, username, roleOf(request.role()));
    }

    private static RoomRole roleOf(@Nullable String role) {
        return Arrays.stream(RoomRole.values())
                .filter(r -> r.name().equalsIgnoreCase(role == null ? "" : role.strip()))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("role must be admin, moderator or member"));
    }
}
