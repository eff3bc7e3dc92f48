package dev.parley.base.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponse;
import org.springframework.web.multipart.MultipartException;
import tools.jackson.databind.ObjectMapper;

/**
 * The last word on every failure of {@code /api/**} and {@code /hooks/**} that no handler answered: an exception out of
 * a controller or a filter, and an error the server or Spring sent with {@code sendError} (no such endpoint, a method
 * not supported, a request too large). Each is answered here as {@code {"error": "…"}} in JSON with its status: a 4xx
 * for what was wrong with the request, a 500 for Parley's own failure, which is logged with its stack trace. Without
 * it, such an error went to the servlet error page {@code /error}, which sits behind the browser's security chain and
 * answered with a redirect to the sign-in page.
 *
 * <p>It runs before Spring Security, on the request (to catch what is thrown) and on the error dispatch (to answer what
 * was sent as an error), and on the error dispatch only when the failed request was one of the API's.
 */
class ApiErrorFilter extends HttpFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorFilter.class);

    static final String INTERNAL_ERROR = "Internal error: the request failed on the server";

    private final ObjectMapper json;

    ApiErrorFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            @Nullable Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            if (failed instanceof String uri && isApi(pathOf(request, uri))) {
                answerError(request, response);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (!isApi(pathOf(request, request.getRequestURI()))) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                // Part of the answer is out already: nothing can be said any more.
                throw e;
            }
            answerException(request, response, e);
        }
    }

    /** The container's error dispatch for a request of the API: its status, with Parley's words for it. */
    private void answerError(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? code
                : HttpStatus.INTERNAL_SERVER_ERROR.value();
        if (status >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            log.error("{} {} failed", originalMethod(request), originalUri(request), failure);
        }
        write(response, status, messageFor(status, request));
    }

    private void answerException(HttpServletRequest request, HttpServletResponse response, Exception e)
            throws IOException {
        int status = HttpStatus.INTERNAL_SERVER_ERROR.value();
        @Nullable String detail = null;
        for (@Nullable Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ErrorResponse known) {
                status = known.getStatusCode().value();
                break;
            }
            if (cause instanceof InvalidParameterException invalid) {
                // The server could not read the parameters: a form too large for it (413), or malformed (400).
                status = invalid.getErrorCode() > 0 ? invalid.getErrorCode() : HttpStatus.BAD_REQUEST.value();
                detail = invalid.getMessage();
                break;
            }
            if (cause instanceof MultipartException || cause instanceof BadRequestException) {
                status = HttpStatus.BAD_REQUEST.value();
                detail = rootCause(cause).getMessage();
                break;
            }
        }
        if (status >= 500) {
            log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        } else {
            log.debug("{} {} refused with {}", request.getMethod(), request.getRequestURI(), status, e);
        }
        String message = messageFor(status, request);
        if (status == HttpStatus.BAD_REQUEST.value() && detail != null && !detail.isBlank()) {
            message = message + ": " + detail;
        }
        // The body so far goes; the headers stay (the security headers are among them).
        response.resetBuffer();
        write(response, status, message);
    }

    /** What each status means for a request of the API that no handler answered itself. */
    static String messageFor(int status, HttpServletRequest request) {
        return switch (status) {
            case 400 -> "The request is not valid";
            case 401 -> "Authentication required: send Authorization: Bearer <token>";
            case 403 -> "Not allowed";
            case 404 -> "No such endpoint: " + originalMethod(request) + " " + originalUri(request);
            case 405 -> "Method " + originalMethod(request) + " is not supported here";
            case 406 -> "The answer is JSON: accept application/json";
            case 413 -> "The request is too large";
            case 415 -> "Content type " + request.getContentType() + " is not supported here";
            default -> {
                if (status >= 500) {
                    yield INTERNAL_ERROR;
                }
                HttpStatus known = HttpStatus.resolve(status);
                yield known == null ? "Error " + status : known.getReasonPhrase();
            }
        };
    }

    private void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(new ApiError(message)));
        response.flushBuffer();
    }

    /** The paths of the API's and the webhooks' filter chains (case-sensitive, as their matchers are). */
    private static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/hooks/");
    }

    private static String pathOf(HttpServletRequest request, String uri) {
        String context = request.getContextPath();
        return !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** The failed request's method: an error dispatch is a GET of its own. */
    private static String originalMethod(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_METHOD) instanceof String method
                ? method
                : request.getMethod();
    }

    private static String originalUri(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
                ? uri
                : request.getRequestURI();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
