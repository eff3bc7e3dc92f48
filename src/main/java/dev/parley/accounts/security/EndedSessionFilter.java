package dev.parley.accounts.security;

import dev.parley.accounts.ActiveSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-out session at its next request, before security reads who is signed in from it: between signing out a
 * browser and the session's invalidation (see {@link ActiveSessions}), it serves nothing.
 */
class EndedSessionFilter extends OncePerRequestFilter {

    private final ActiveSessions sessions;

    EndedSessionFilter(ActiveSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && sessions.isEnding(session.getId())) {
            session.invalidate();
        }
        chain.doFilter(request, response);
    }
}
