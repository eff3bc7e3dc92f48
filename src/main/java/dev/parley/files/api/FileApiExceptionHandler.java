package dev.parley.files.api;

import dev.parley.base.api.ApiError;
import dev.parley.files.Attachment;
import dev.parley.files.DecodersBusyException;
import dev.parley.files.FileProperties;
import dev.parley.files.FileRefusedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Refused files as {@code {"error": "…"}}: 413 for a file too large or a full quota, 415 for a type not allowed or
 * content that does not match its name, 400 otherwise; 503 with {@code Retry-After} when an image found no free decoder
 * in time; 413 for a multipart request larger than a message's files can be, and 400 for a part whose headers are
 * longer than Tomcat reads ({@code server.tomcat.max-part-header-size}): a file name too long to read, which Spring
 * reports as an oversized upload too. It lives here rather than in {@code base.api}'s handler so that the shared kernel
 * knows no feature, and runs before that handler, which answers every other {@code ParleyException}. It applies to
 * every handler, because an oversized request fails while its parts are parsed, before any controller is chosen.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FileApiExceptionHandler {

    /** How Tomcat's multipart parser says that a part's headers are longer than it reads. */
    static final String PART_HEADERS_TOO_LONG = "Header section has more than";

    private final FileProperties limits;
    private final DataSize maxPartHeaderSize;

    FileApiExceptionHandler(
            FileProperties limits, @Value("${server.tomcat.max-part-header-size:512B}") DataSize maxPartHeaderSize) {
        this.limits = limits;
        this.maxPartHeaderSize = maxPartHeaderSize;
    }

    @ExceptionHandler(FileRefusedException.class)
    ResponseEntity<ApiError> refused(FileRefusedException e) {
        HttpStatus status =
                switch (e.reason()) {
                    case TOO_LARGE, QUOTA_REACHED -> HttpStatus.CONTENT_TOO_LARGE;
                    case TYPE_NOT_ALLOWED, CONTENT_MISMATCH -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
                    case TOO_MANY_PIXELS, TOO_MANY_FILES, EMPTY -> HttpStatus.BAD_REQUEST;
                };
        return ApiError.answer(status, e.getMessage());
    }

    /** 503 with the wait in whole seconds: every image decoder stayed busy for as long as an upload may wait. */
    @ExceptionHandler(DecodersBusyException.class)
    ResponseEntity<ApiError> busy(DecodersBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> requestTooLarge(MaxUploadSizeExceededException e) {
        if (partHeadersTooLong(e)) {
            return ApiError.answer(
                    HttpStatus.BAD_REQUEST,
                    "A file name is too long: the request's file names can be at most "
                            + Attachment.formatSize(maxPartHeaderSize.toBytes())
                            + " (they are shortened to " + Attachment.NAME_MAX_LENGTH + " characters once read)");
        }
        return ApiError.answer(
                HttpStatus.CONTENT_TOO_LARGE,
                "The request is too large: a message can carry at most " + limits.maxFilesPerMessage() + " files of "
                        + Attachment.formatSize(limits.maxSize().toBytes()));
    }

    private static boolean partHeadersTooLong(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains(PART_HEADERS_TOO_LONG)) {
                return true;
            }
        }
        return false;
    }
}
