package dev.parley.accounts.security;

import dev.parley.accounts.ActiveSessions;
import dev.parley.accounts.BrowserCookie;
import dev.parley.accounts.ParleyUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a browser in again from its cookie ({@link BrowserCookie}) when it comes without a signed-in session on this
 * node: the node it was on died or was stopped, and the load balancer sent it here. The browser gets a new session,
 * signed in as its sign-in did ({@link ActiveSessions#resume}); Vaadin then finds no UI of the page in that session and
 * has the page load again, which opens the same view with everything posted meanwhile. A cookie whose browser was
 * signed out (or unused for too long, or whose account was disabled) is cleared, and the request goes on signed out.
 */
class SignedInBrowserFilter extends OncePerRequestFilter {

    private final ActiveSessions sessions;
    private final SecurityContextHolderStrategy contextHolder;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignedInBrowserFilter(ActiveSessions sessions, SecurityContextHolderStrategy contextHolder) {
        this.sessions = sessions;
        this.contextHolder = contextHolder;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String secret = BrowserCookie.read(request);
        if (secret != null && !signedIn(contextHolder.getContext().getAuthentication())) {
            Optional<ParleyUser> user = sessions.resume(secret, request);
            if (user.isPresent()) {
                SecurityContext context = contextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        user.get(), null, user.get().getAuthorities()));
                contextHolder.setContext(context);
                contexts.saveContext(context, request, response);
            } else {
                BrowserCookie.clear(request, response);
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean signedIn(Authentication authentication) {
        return authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
