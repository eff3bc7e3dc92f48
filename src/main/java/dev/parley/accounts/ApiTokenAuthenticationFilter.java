package dev.parley.accounts;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates REST API requests that carry {@code Authorization: Bearer <token>}. */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokenService tokens;
    private final SecurityContextHolderStrategy contextHolder;

    /**
     * @param contextHolder the strategy the other filters of this application's chain use: Vaadin's bean, each
     *     instance with a thread-local of its own. The JVM-wide {@code SecurityContextHolder} is whichever application
     *     set it last, which is another one when tests run two side by side.
     */
    ApiTokenAuthenticationFilter(ApiTokenService tokens, SecurityContextHolderStrategy contextHolder) {
        this.tokens = tokens;
        this.contextHolder = contextHolder;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            Optional<ParleyUser> user =
                    tokens.authenticate(header.substring(BEARER.length()).strip());
            if (user.isEmpty()) {
                writeError(response, 401, "Invalid or revoked API token");
                return;
            }
            SecurityContext context = contextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    user.get(), null, user.get().getAuthorities()));
            contextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    static void writeError(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // The message is a constant of ours, so plain concatenation produces valid JSON.
        response.getWriter().write("{\"error\":\"" + message + "\"}");
    }
}
