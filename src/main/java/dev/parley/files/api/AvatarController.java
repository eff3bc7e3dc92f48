package dev.parley.files.api;

import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.UserId;
import dev.parley.base.NotFoundException;
import dev.parley.files.AvatarService;
import dev.parley.files.AvatarService.Picture;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /avatars/{userId}}: a user's picture, for any signed-in browser (everyone who may see a name may see its
 * picture); a signed-out one is sent to sign in, like every other page of the application. 404 when the user has no
 * picture. The URLs the application shows carry the picture's version ({@code ?v=3}), which changes with every new
 * picture, so the current version is cached for a year as immutable; any other is answered uncached.
 */
@RestController
class AvatarController {

    private final AvatarService avatars;

    AvatarController(AvatarService avatars) {
        this.avatars = avatars;
    }

    @GetMapping("/avatars/{id}")
    ResponseEntity<Resource> picture(
            @AuthenticationPrincipal @Nullable ParleyUser viewer,
            @PathVariable String id,
            @RequestParam(name = "v", required = false) @Nullable String version) {
        if (viewer == null) {
            // The security chain lets only signed-in browsers here; this is the answer should that ever change.
            throw new NotFoundException("No such picture");
        }
        Picture picture = avatars.open(userId(id));
        boolean current = String.valueOf(picture.version()).equals(version);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(picture.mediaType()))
                .contentLength(picture.size())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", FileController.CONTENT_SECURITY_POLICY)
                .header(
                        HttpHeaders.CACHE_CONTROL,
                        current ? "private, max-age=31536000, immutable" : "private, no-cache")
                .body(picture.content());
    }

    /** Anything but a number is a user who does not exist. */
    private static UserId userId(String id) {
        try {
            return new UserId(Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw new NotFoundException("No such picture");
        }
    }
}
