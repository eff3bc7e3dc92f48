package dev.parley.accounts.security;

import dev.parley.accounts.ApiTokenService;
import dev.parley.accounts.ParleyUser;
import dev.parley.base.SecretTokens;
import dev.parley.base.UnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates REST API requests that carry {@code Authorization: Bearer <token>}: a Parley API token, or, when single
 * sign-on is configured, an access token (JWT) of its provider ({@link ProviderAccessTokens}). It also names the client
 * for the request limit ({@link ApiRateLimitFilter#CLIENT_KEY}): the token, or the account for a JWT, whose tokens are
 * renewed every few minutes. Sign-up and sign-in ({@code /api/auth/**}) are for clients without a token: a token sent
 * along is not even read, so that they always count for the remote address, whose allowance is the small one.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    /** Sign-up and sign-in: open, and limited per address whatever the headers say. */
    private static final String AUTH_PATHS = "/api/auth/";

    private final ApiTokenService tokens;
    private final @Nullable ProviderAccessTokens providerTokens;
    private final SecurityContextHolderStrategy contextHolder;

    /**
     * @param providerTokens the provider's access tokens; null when single sign-on is not configured
     * @param contextHolder the strategy the other filters of this application's chain use: Vaadin's bean, each instance
     *     with a thread-local of its own. The JVM-wide {@code SecurityContextHolder} is whichever application set it
     *     last, which is another one when tests run two side by side.
     */
    ApiTokenAuthenticationFilter(
            ApiTokenService tokens,
            @Nullable ProviderAccessTokens providerTokens,
            SecurityContextHolderStrategy contextHolder) {
        this.tokens = tokens;
        this.providerTokens = providerTokens;
        this.contextHolder = contextHolder;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + AUTH_PATHS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String bearer = header.substring(BEARER.length()).strip();
            Optional<ParleyUser> user;
            String client;
            if (providerTokens != null
                    && !ApiTokenService.isParleyToken(bearer)
                    && ProviderAccessTokens.looksLikeJwt(bearer)) {
                try {
                    user = providerTokens.authenticate(bearer);
                } catch (UnavailableException e) {
                    writeError(response, 503, e.getMessage());
                    return;
                }
                if (user.isEmpty()) {
                    writeError(
                            response,
                            401,
                            "Invalid access token, or no Parley account is linked to it yet: sign in once in the "
                                    + "browser first");
                    return;
                }
                client = "user:" + user.get().id().value();
            } else {
                user = tokens.authenticate(bearer);
                client = "token:" + SecretTokens.hash(bearer);
            }
            if (user.isEmpty()) {
                writeError(response, 401, "Invalid or revoked API token");
                return;
            }
            request.setAttribute(ApiRateLimitFilter.CLIENT_KEY, client);
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
        // Our own messages, with quotes and backslashes escaped for JSON just in case.
        response.getWriter()
                .write("{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
