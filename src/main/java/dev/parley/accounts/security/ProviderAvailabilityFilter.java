package dev.parley.accounts.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends "Sign in with …" back to the sign-in page with a message ({@code ?sso-unavailable}) when the provider cannot be
 * discovered, instead of Spring Security's bare error page. Runs only on {@code /oauth2/authorization/**}.
 */
class ProviderAvailabilityFilter extends OncePerRequestFilter {

    static final String AUTHORIZATION_PATH = "/oauth2/authorization/";

    private final ProviderRegistration registration;

    ProviderAvailabilityFilter(ProviderRegistration registration) {
        this.registration = registration;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + AUTHORIZATION_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!registration.available()) {
            response.sendRedirect(request.getContextPath() + "/login?sso-unavailable");
            return;
        }
        chain.doFilter(request, response);
    }
}
