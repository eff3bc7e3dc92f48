package dev.parley.files.api;

import dev.parley.base.api.ApiError;
import dev.parley.files.FileRefusedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refused files as {@code {"error": "…"}}: 413 for a file too large or a full quota, 415 for a type not allowed or
 * content that does not match its name, 400 otherwise. It lives here rather than in {@code base.api}'s handler so that
 * the shared kernel knows no feature; it runs before that handler, which would answer any other
 * {@code ParleyException}.
 */
@RestControllerAdvice(basePackages = "dev.parley")
@Order(Ordered.HIGHEST_PRECEDENCE)
class FileApiExceptionHandler {

    @ExceptionHandler(FileRefusedException.class)
    ResponseEntity<ApiError> refused(FileRefusedException e) {
        HttpStatus status =
                switch (e.reason()) {
                    case TOO_LARGE, QUOTA_REACHED -> HttpStatus.CONTENT_TOO_LARGE;
                    case TYPE_NOT_ALLOWED, CONTENT_MISMATCH -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
                    case TOO_MANY_PIXELS, TOO_MANY_FILES, EMPTY -> HttpStatus.BAD_REQUEST;
                };
        return ResponseEntity.status(status).body(new ApiError(e.getMessage()));
    }
}
