package dev.parley.rooms.api;

import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.UserSummary;
import dev.parley.base.InvalidInputException;
import dev.parley.rooms.BannedUser;
import dev.parley.rooms.ModerationEntry;
import dev.parley.rooms.ModerationService;
import dev.parley.rooms.MutedMember;
import dev.parley.rooms.RoomGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A room's moderation: {@code /api/rooms/{slug}/bans}, {@code …/mutes} (admins and moderators) and
 * {@code …/moderation-log} (admins), with the same rules as the room view's menus.
 */
@RestController
@RequestMapping("/api/rooms/{slug}")
class ModerationController {

    private final ModerationService moderation;
    private final RoomGuard guard;

    ModerationController(ModerationService moderation, RoomGuard guard) {
        this.moderation = moderation;
        this.guard = guard;
    }

    record PersonJson(String username, String displayName, boolean guest) {

        static @Nullable PersonJson of(@Nullable UserSummary user) {
            return user == null ? null : new PersonJson(user.username(), user.displayName(), user.guest());
        }
    }

    record ReasonRequest(@Nullable String reason) {}

    record MuteRequest(@Nullable Long minutes, @Nullable String reason) {}

    record BanJson(@Nullable PersonJson user, @Nullable PersonJson bannedBy, String reason, Instant createdAt) {

        static BanJson of(BannedUser ban) {
            return new BanJson(PersonJson.of(ban.user()), PersonJson.of(ban.bannedBy()), ban.reason(), ban.at());
        }
    }

    record MuteJson(@Nullable PersonJson user, @Nullable PersonJson mutedBy, String reason, Instant mutedUntil) {

        static MuteJson of(MutedMember mute) {
            return new MuteJson(PersonJson.of(mute.user()), PersonJson.of(mute.mutedBy()), mute.reason(), mute.until());
        }
    }

    record MutedJson(String username, Instant mutedUntil) {}

    record LogEntryJson(
            long id,
            @Nullable PersonJson actor,
            String action,
            @Nullable PersonJson target,
            String reason,
            String detail,
            Instant createdAt) {

        static LogEntryJson of(ModerationEntry entry) {
            return new LogEntryJson(
                    entry.id(),
                    PersonJson.of(entry.actor()),
                    entry.action().name().toLowerCase(Locale.ROOT),
                    PersonJson.of(entry.target()),
                    entry.reason(),
                    entry.detail(),
                    entry.at());
        }
    }

    @GetMapping("/bans")
    List<BanJson> bans(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug) {
        return moderation.bans(user.id(), slug).stream().map(BanJson::of).toList();
    }

    @PostMapping("/bans/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void ban(
            @AuthenticationPrincipal ParleyUser user,
            @PathVariable String slug,
            @PathVariable String username,
            @RequestBody(required = false) @Nullable ReasonRequest request) {
        moderation.ban(user.id(), slug, username, request == null ? null : request.reason());
    }

    @DeleteMapping("/bans/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unban(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug, @PathVariable String username) {
        moderation.unban(user.id(), slug, username);
    }

    @GetMapping("/mutes")
    List<MuteJson> mutes(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug) {
        return moderation.mutes(user.id(), guard.requireReadable(user.id(), slug)).stream()
                .map(MuteJson::of)
                .toList();
    }

    @PutMapping("/mutes/{username}")
    MutedJson mute(
            @AuthenticationPrincipal ParleyUser user,
            @PathVariable String slug,
            @PathVariable String username,
            @RequestBody MuteRequest request) {
        Long minutes = request.minutes();
        if (minutes == null || minutes < 1 || minutes > ModerationService.MAX_MUTE.toMinutes()) {
            throw new InvalidInputException("minutes must be from 1 to " + ModerationService.MAX_MUTE.toMinutes());
        }
        Instant until = moderation.mute(user.id(), slug, username, Duration.ofMinutes(minutes), request.reason());
        return new MutedJson(username.strip().toLowerCase(Locale.ROOT), until);
    }

    @DeleteMapping("/mutes/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unmute(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug, @PathVariable String username) {
        moderation.unmute(user.id(), slug, username);
    }

    @GetMapping("/moderation-log")
    List<LogEntryJson> log(
            @AuthenticationPrincipal ParleyUser user,
            @PathVariable String slug,
            @RequestParam(required = false) @Nullable Long before,
            @RequestParam(defaultValue = "50") int limit) {
        return moderation.log(user.id(), slug, before == null ? Long.MAX_VALUE : before, limit).stream()
                .map(LogEntryJson::of)
                .toList();
    }
}
