package dev.parley.base.api;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The body of every REST API error: {@code {"error": "…"}}. */
public record ApiError(String error) {

    /**
     * The error as an answer, always JSON: whatever the request's {@code Accept} says (a browser's {@code text/html}),
     * an error is not left unanswered for want of a type the client prefers.
     */
    public static ResponseEntity<ApiError> answer(HttpStatusCode status, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(message));
    }
}
