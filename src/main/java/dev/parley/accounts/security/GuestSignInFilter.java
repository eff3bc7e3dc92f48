package dev.parley.accounts.security;

import dev.parley.accounts.ActiveSessions;
import dev.parley.accounts.BrowserCookie;
import dev.parley.accounts.GuestAccess;
import dev.parley.accounts.ParleyUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code GET /guest/enter?ticket=…}: the second step of a guest's sign-in (see {@link GuestAccess}). Redeems the ticket
 * the guest page made for this very session, then signs the session in as a password sign-in would: a new session id
 * against fixation, the security context saved in the session, the session recorded in {@link ActiveSessions} (so that
 * leaving, or guests being turned off, can end it). Then on to the lobby. A ticket that is unknown, used, expired or
 * made for another browser leads back to the guest page, which says so.
 */
class GuestSignInFilter extends OncePerRequestFilter {

    static final String PATH = "/guest/enter";

    private final GuestAccess guests;
    private final ActiveSessions sessions;
    private final SecurityContextHolderStrategy contextHolder;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    GuestSignInFilter(GuestAccess guests, ActiveSessions sessions, SecurityContextHolderStrategy contextHolder) {
        this.guests = guests;
        this.sessions = sessions;
        this.contextHolder = contextHolder;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !request.getRequestURI().equals(request.getContextPath() + PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String ticket = request.getParameter("ticket");
        HttpSession session = request.getSession(false);
        Optional<ParleyUser> guest =
                ticket == null || session == null ? Optional.empty() : guests.redeem(ticket, session.getId());
        if (guest.isEmpty()) {
            response.sendRedirect(request.getContextPath() + "/guest?expired");
            return;
        }
        request.changeSessionId();
        SecurityContext context = contextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                guest.get(), null, guest.get().getAuthorities()));
        contextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        String secret = sessions.record(guest.get().id(), request.getSession(), request.getHeader("User-Agent"));
        if (secret != null) {
            BrowserCookie.set(request, response, secret);
        }
        response.sendRedirect(request.getContextPath() + "/");
    }
}
