package dev.parley.base.api;

import dev.parley.base.ConflictException;
import dev.parley.base.GoneException;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.ParleyException;
import dev.parley.base.RateLimitedException;
import dev.parley.base.StorageFullException;
import dev.parley.base.StorageStatus;
import dev.parley.base.TooLargeException;
import dev.parley.base.UnavailableException;
import java.io.UncheckedIOException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns the features' exceptions into {@code {"error": "…"}} with the status that fits. */
@RestControllerAdvice(basePackages = "dev.parley")
class ApiExceptionHandler {

    private final StorageStatus storage;

    ApiExceptionHandler(StorageStatus storage) {
        this.storage = storage;
    }

    @ExceptionHandler(ParleyException.class)
    ResponseEntity<ApiError> handle(ParleyException e) {
        HttpStatus status =
                switch (e) {
                    case NotFoundException ignored -> HttpStatus.NOT_FOUND;
                    case NotAllowedException ignored -> HttpStatus.FORBIDDEN;
                    case ConflictException ignored -> HttpStatus.CONFLICT;
                    case GoneException ignored -> HttpStatus.GONE;
                    case TooLargeException ignored -> HttpStatus.CONTENT_TOO_LARGE;
                    case InvalidInputException ignored -> HttpStatus.BAD_REQUEST;
                    case UnavailableException ignored -> HttpStatus.SERVICE_UNAVAILABLE;
                    default -> HttpStatus.INTERNAL_SERVER_ERROR;
                };
        return ResponseEntity.status(status).body(new ApiError(e.getMessage()));
    }

    /** 429 with the wait in whole seconds, so that a client can retry at the right time. */
    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ApiError> rateLimited(RateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(new ApiError(e.getMessage()));
    }

    /**
     * A write that the database or the disk refused for lack of space, outside the paths that say so themselves (posts,
     * uploads): 503, as {@link StorageFullException}. Any other failure of the database goes on to Spring's default
     * handling: rethrowing it from here is how a handler declines.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, UncheckedIOException.class})
    ResponseEntity<ApiError> storageFull(RuntimeException e) {
        if (!(storage.refused(e, "Storage is full: the change was not stored") instanceof StorageFullException full)) {
            throw e;
        }
        return handle(full);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest()
                .body(new ApiError("The request body is not valid JSON of the expected form"));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ApiError> badParameter(Exception e) {
        return ResponseEntity.badRequest().body(new ApiError("Invalid request parameter: " + e.getMessage()));
    }
}
