package dev.parley.accounts.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 403, a state-changing request (POST, PUT, PATCH, DELETE) whose {@code Origin} header names another
 * origin than the one the request was sent to: a form or script of another site posting with the user's cookies. Next
 * to the CSRF token, this also stops sign-in forms posted from elsewhere with a token the attacker fetched for their
 * own session. The request's own origin is its scheme, host and port as the server sees them, so behind a reverse proxy
 * it is the public one only when {@code server.forward-headers-strategy} is set. A request without {@code Origin} (a
 * client that is not a browser) passes: the CSRF token still guards it.
 */
class SameOriginFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SameOriginFilter.class);
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !STATE_CHANGING.contains(request.getMethod()) || request.getHeader("Origin") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (sameOrigin(request.getHeader("Origin"), request)) {
            chain.doFilter(request, response);
            return;
        }
        // Every request of a browser behind a proxy that Parley is not told about ends here: say how to tell it.
        log.warn(
                "Refused {} {} from origin {}: this server is {}://{}:{} to it (behind a reverse proxy, set "
                        + "server.forward-headers-strategy)",
                request.getMethod(),
                request.getRequestURI(),
                request.getHeader("Origin"),
                request.getScheme(),
                request.getServerName(),
                request.getServerPort());
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream()
                .write("Refused: this request came from a page of another site.".getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the {@code Origin} header names the request's own scheme, host and port ({@code null} never does). */
    static boolean sameOrigin(String origin, HttpServletRequest request) {
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null
                || host == null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            return false;
        }
        String ownScheme = request.getScheme().toLowerCase(Locale.ROOT);
        return scheme.toLowerCase(Locale.ROOT).equals(ownScheme)
                && unbracketed(host).equalsIgnoreCase(unbracketed(request.getServerName()))
                && port(uri.getPort(), scheme) == port(request.getServerPort(), ownScheme);
    }

    private static int port(int port, String scheme) {
        if (port >= 0) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** An IPv6 address as {@code [::1]} or {@code ::1}, whichever way each side writes it. */
    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
