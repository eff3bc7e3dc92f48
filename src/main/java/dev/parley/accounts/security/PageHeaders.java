package dev.parley.accounts.security;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * The security headers of Parley's pages: what a page may load and run, who may frame it, what it tells other sites,
 * that nothing keeps a copy. Vaadin writes its page (the bootstrap page of every route) past the point where Spring
 * Security adds its headers, so the page gets them here, as Vaadin writes it; every other answer of the browser's
 * filter chain gets the same ones from Spring Security ({@link SecurityConfiguration}), which adds a header only where
 * an answer has none, so that downloads and pictures keep their own sandboxing policy and caching.
 */
@Component
class PageHeaders implements VaadinServiceInitListener {

    /**
     * What a page may load and run (docs/design-decisions/2026-12-07-content-security-policy.md), with the script
     * sources left open ({@code %s}).
     */
    private static final String POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src %s",
            // Vaadin's components and Flow set style attributes and add <style> elements of their own.
            "style-src 'self' 'unsafe-inline'",
            // https: for the pictures that webhook payloads name (parley.webhooks.icons); data: for Lumo's icons.
            "img-src 'self' data: https:",
            // Lumo's icon fonts are data: URLs.
            "font-src 'self' data:",
            // Server push and Vaadin's requests go to this origin only ('self' covers ws: and wss: to it).
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'");

    /**
     * A page's scripts: its own files, the inline scripts of Vaadin's bootstrap page that carry this page's nonce, and
     * the JavaScript the server sends (executeJs, event data expressions), which Vaadin's client runs by constructing
     * functions from it ('unsafe-eval').
     */
    static String pagePolicy(String nonce) {
        return POLICY.formatted("'self' 'nonce-" + nonce + "' 'unsafe-eval'");
    }

    /**
     * The policy of every other answer of the browser's filter chain (redirects, error pages, Swagger UI): no nonce
     * there, so inline scripts as Vaadin's page would need them without one.
     */
    static final String CONTENT_SECURITY_POLICY = POLICY.formatted("'self' 'unsafe-inline' 'unsafe-eval'");

    /** Features a page of Parley never uses, so that no script in it can ask for them. */
    static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
            + "magnetometer=(), microphone=(), payment=(), usb=()";

    /** Pages show private conversations: neither the browser nor anything in between may keep them. */
    private static final String NO_STORE = "no-cache, no-store, max-age=0, must-revalidate";

    private final SecureRandom random = new SecureRandom();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(page -> {
            String nonce = nonce();
            page.getDocument().select("script").forEach(script -> script.attr("nonce", nonce));
            VaadinResponse response = page.getVaadinResponse();
            response.setHeader("Content-Security-Policy", pagePolicy(nonce));
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", "SAMEORIGIN");
            // Links to other sites do not tell them which room they were followed from.
            response.setHeader("Referrer-Policy", "same-origin");
            response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
            response.setHeader("Cache-Control", NO_STORE);
            response.setHeader("Pragma", "no-cache");
            response.setHeader("Expires", "0");
        });
    }

    private String nonce() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
