package dev.parley.accounts.security;

import dev.parley.base.RateLimitedException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits REST API requests per client ({@link ApiRateLimiter}) and tells the client where it stands on every answer:
 * {@code X-RateLimit-Limit} and {@code X-RateLimit-Remaining}; past the limit it answers 429 with {@code Retry-After}
 * (whole seconds) and a JSON error, and the request goes no further. Runs after {@link ApiTokenAuthenticationFilter},
 * which names the client ({@link #CLIENT_KEY}); a request without a token counts for its remote address, and so does
 * every sign-up and sign-in ({@code /api/auth/**}), whose token that filter ignores.
 */
class ApiRateLimitFilter extends OncePerRequestFilter {

    /** The request attribute that names the client a request counts for; unset for requests without a token. */
    static final String CLIENT_KEY = ApiRateLimitFilter.class.getName() + ".client";

    private final ApiRateLimiter limiter;

    ApiRateLimitFilter(ApiRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        @Nullable Object client = request.getAttribute(CLIENT_KEY);
        ApiRateLimiter.Outcome outcome = client instanceof String key
                ? limiter.acquire(key, false)
                : limiter.acquire("address:" + request.getRemoteAddr(), true);
        response.setHeader("X-RateLimit-Limit", Long.toString(outcome.limit()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(outcome.remaining()));
        if (!outcome.allowed()) {
            long seconds = RateLimitedException.wholeSeconds(outcome.retryAfter());
            response.setHeader("Retry-After", Long.toString(seconds));
            ApiTokenAuthenticationFilter.writeError(response, 429, "Too many requests: try again in " + seconds + " s");
            return;
        }
        chain.doFilter(request, response);
    }
}
