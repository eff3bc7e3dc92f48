package dev.parley.files.api;

import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.UserId;
import dev.parley.base.NotFoundException;
import dev.parley.files.FileContent;
import dev.parley.files.FileId;
import dev.parley.files.FileService;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads and thumbnails: {@code /files/{id}} for the browser's session, {@code /api/files/{id}} for API tokens, the
 * same service call and rules for both. Anyone who may not read the file, a signed-out client included, gets the same
 * 404 as for a file that does not exist.
 *
 * <p>Every file is served with {@code X-Content-Type-Options: nosniff} and a sandboxing Content-Security-Policy, so
 * that even a file opened directly cannot run script in Parley's origin; only raster images are {@code inline}. The
 * bytes pass through Parley from wherever the {@link dev.parley.files.FileStore} keeps them, so that a bucket never
 * needs to be reachable from browsers and every check and header stays here
 * (docs/design-decisions/2026-12-07-files-in-s3.md). Downloads are {@code private, no-cache} (revalidated every time,
 * so access is checked again; the ETag makes that cheap), thumbnails {@code private, immutable} for a year, since a
 * file's bytes never change.
 */
@RestController
class FileController {

    static final String CONTENT_SECURITY_POLICY =
            "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";

    private final FileService files;

    FileController(FileService files) {
        this.files = files;
    }

    @Operation(summary = "Download a file of a message")
    @GetMapping({"/files/{id}", "/api/files/{id}"})
    ResponseEntity<Resource> download(@AuthenticationPrincipal @Nullable ParleyUser user, @PathVariable String id) {
        FileContent content = files.open(requireUser(user), fileId(id), false);
        return serve(content, "\"" + id + "\"", "private, no-cache");
    }

    @Operation(summary = "An image's thumbnail (at most 480 px a side)")
    @GetMapping({"/files/{id}/thumbnail", "/api/files/{id}/thumbnail"})
    ResponseEntity<Resource> thumbnail(@AuthenticationPrincipal @Nullable ParleyUser user, @PathVariable String id) {
        FileContent content = files.open(requireUser(user), fileId(id), true);
        return serve(content, "\"" + id + "-thumbnail\"", "private, max-age=31536000, immutable");
    }

    private static ResponseEntity<Resource> serve(FileContent content, String etag, String cacheControl) {
        ContentDisposition disposition = (content.inline()
                        ? ContentDisposition.inline()
                        : ContentDisposition.attachment())
                .filename(content.name(), StandardCharsets.UTF_8)
                .build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.mediaType()))
                .contentLength(content.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .eTag(etag)
                .body(content.content());
    }

    /** Nobody signed in: the same answer as for a missing file, not a sign-in page or a 401. */
    private static UserId requireUser(@Nullable ParleyUser user) {
        if (user == null) {
            throw new NotFoundException("No such file");
        }
        return user.id();
    }

    /** Anything but a number is a file that does not exist. */
    private static FileId fileId(String id) {
        try {
            return new FileId(Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw new NotFoundException("No such file");
        }
    }
}
