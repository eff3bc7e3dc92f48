package dev.parley.people.api;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.InstanceAdministration;
import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.UserSummary;
import dev.parley.base.NotFoundException;
import dev.parley.files.AvatarService;
import dev.parley.files.AvatarService.Picture;
import dev.parley.presence.PresenceService;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/users}: the caller's profile ({@code me}: read, and change the display name by the Profile page's rule)
 * and anyone's as the People page shows them, with whether they are online and their picture. Every signed-in user may
 * see every user's name and picture, as in the UI.
 */
@RestController
@RequestMapping("/api/users")
class UserController {

    private final AccountService accounts;
    private final PresenceService presence;
    private final AvatarService avatars;
    private final InstanceAdministration administration;

    UserController(
            AccountService accounts,
            PresenceService presence,
            AvatarService avatars,
            InstanceAdministration administration) {
        this.accounts = accounts;
        this.presence = presence;
        this.avatars = avatars;
        this.administration = administration;
    }

    /**
     * A user; {@code lastSeen} is when they were last online (null if never, and while {@code online});
     * {@code avatarUrl} the API URL of their picture, null when they have none.
     */
    record UserJson(
            String username,
            String displayName,
            boolean online,
            @Nullable Instant lastSeen,
            @Nullable String avatarUrl) {

        static UserJson of(UserSummary user, boolean online) {
            return new UserJson(
                    user.username(),
                    user.displayName(),
                    online,
                    online ? null : user.lastSeenAt(),
                    user.avatarVersion() == 0
                            ? null
                            : "/api/users/" + user.username() + "/avatar?v=" + user.avatarVersion());
        }
    }

    /** The caller: as any user, and whether they administer the instance. */
    record MeJson(
            String username,
            String displayName,
            boolean online,
            @Nullable Instant lastSeen,
            @Nullable String avatarUrl,
            boolean admin) {

        static MeJson of(UserJson user, boolean admin) {
            return new MeJson(
                    user.username(), user.displayName(), user.online(), user.lastSeen(), user.avatarUrl(), admin);
        }
    }

    record ProfileRequest(@Nullable String displayName) {}

    @Operation(summary = "Your profile")
    @GetMapping("/me")
    MeJson me(@AuthenticationPrincipal ParleyUser user) {
        UserSummary summary = accounts.summary(user.id());
        return MeJson.of(UserJson.of(summary, presence.isOnline(user.id())), administration.isAdmin(user.id()));
    }

    /** The same rule as on the Profile page and at sign-up; every open view shows the new name at once. */
    @Operation(summary = "Change your display name")
    @PutMapping("/me")
    MeJson update(@AuthenticationPrincipal ParleyUser user, @RequestBody ProfileRequest request) {
        UserSummary summary =
                accounts.changeDisplayName(user.id(), request.displayName() == null ? "" : request.displayName());
        return MeJson.of(UserJson.of(summary, presence.isOnline(user.id())), administration.isAdmin(user.id()));
    }

    @Operation(summary = "A user by username")
    @GetMapping("/{username}")
    UserJson user(@PathVariable String username) {
        UserSummary summary = find(username);
        return UserJson.of(summary, presence.isOnline(summary.id()));
    }

    /**
     * The user's picture (256 × 256, JPEG or PNG); 404 when they have none. The URL in {@code avatarUrl} carries the
     * picture's version, which changes with every new picture: that one is cached for a year.
     */
    @Operation(summary = "A user's picture")
    @GetMapping("/{username}/avatar")
    ResponseEntity<Resource> avatar(
            @PathVariable String username,
            @org.springframework.web.bind.annotation.RequestParam(name = "v", required = false) @Nullable
                    String version) {
        Picture picture = avatars.open(find(username).id());
        boolean current = String.valueOf(picture.version()).equals(version);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(picture.mediaType()))
                .contentLength(picture.size())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header(
                        HttpHeaders.CACHE_CONTROL,
                        current ? "private, max-age=31536000, immutable" : "private, no-cache")
                .body(picture.content());
    }

    private UserSummary find(String username) {
        return accounts.findByUsername(username).orElseThrow(() -> new NotFoundException("No such user"));
    }
}
