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
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns the features' exceptions into {@code {"error": "…"}} with the status that fits, in JSON whatever the request
 * accepts. What fails before a controller is chosen, or is no refusal but a bug, is answered by {@link ApiErrorFilter}.
 */
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
        return ApiError.answer(status, e.getMessage());
    }

    /** 429 with the wait in whole seconds, so that a client can retry at the right time. */
    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ApiError> rateLimited(RateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(new ApiError(e.getMessage()));
    }

    /**
     * A write that the database or the disk refused for lack of space, outside the paths that say so themselves (posts,
     * uploads): 503, as {@link StorageFullException}. Any other failure of the database goes on to
     * {@link ApiErrorFilter}: rethrowing it from here is how a handler declines.
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
        return ApiError.answer(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected form");
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ApiError> badParameter(Exception e) {
        return ApiError.answer(HttpStatus.BAD_REQUEST, "Invalid request parameter: " + e.getMessage());
    }

    /**
     * Spring's own refusals (a content type not supported, an answer type not acceptable, a part missing…) with their
     * status and Spring's words. Anything else is a failure of Parley's: it goes on, to be logged and answered as a 500
     * by {@link ApiErrorFilter} (rethrowing it from here is how a handler declines).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> other(Exception e) throws Exception {
        if (e instanceof ErrorResponse refusal) {
            @Nullable String detail = refusal.getBody().getDetail();
            return ApiError.answer(
                    refusal.getStatusCode(),
                    detail == null
                            ? HttpStatus.valueOf(refusal.getStatusCode().value())
                                    .getReasonPhrase()
                            : detail);
        }
        throw e;
    }
}
