package dev.parley.rooms.api;

import dev.parley.accounts.ParleyUser;
import dev.parley.base.InvalidInputException;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomId;
import dev.parley.rooms.RoomMember;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rooms/{slug}/members}: a room's members with their role and presence, for whoever may read the room
 * (everyone for a public room; a private room answers 404 to a non-member). Paged by username: {@code after} the last
 * username of the previous page, at most {@code limit}.
 */
@RestController
@RequestMapping("/api/rooms/{slug}/members")
class RoomMemberController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final RoomGuard guard;
    private final Memberships members;

    RoomMemberController(RoomGuard guard, Memberships members) {
        this.guard = guard;
        this.members = members;
    }

    /** A member; {@code role} is admin, moderator or member; {@code lastSeen} null while online or if never seen. */
    record MemberJson(
            String username,
            String displayName,
            String role,
            boolean online,
            @Nullable Instant lastSeen) {

        static MemberJson of(RoomMember member) {
            return new MemberJson(
                    member.user().username(),
                    member.user().displayName(),
                    member.role().name().toLowerCase(Locale.ROOT),
                    member.online(),
                    member.online() ? null : member.user().lastSeenAt());
        }
    }

    @Operation(summary = "A room's members, with role and presence, by username")
    @GetMapping
    List<MemberJson> members(
            @AuthenticationPrincipal ParleyUser user,
            @PathVariable String slug,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT);
        }
        RoomId room = guard.requireReadable(user.id(), slug);
        // The service reads the whole list in two queries (as the members sidebar does); the page is cut here.
        return members.members(user.id(), room).stream()
                .sorted(Comparator.comparing(m -> m.user().username()))
                .filter(m -> after == null
                        || m.user().username().compareTo(after.strip().toLowerCase(Locale.ROOT)) > 0)
                .limit(limit)
                .map(MemberJson::of)
                .toList();
    }
}
