package dev.parley.accounts;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The cookie that holds a signed-in browser's secret ({@link SignedInBrowsers}). Like the session cookie it lasts until
 * the browser is closed, scripts cannot read it (HttpOnly), another site's requests do not carry it (SameSite=Lax), and
 * it goes only over HTTPS when the request came so.
 */
public final class BrowserCookie {

    public static final String NAME = "PARLEY_BROWSER";

    private BrowserCookie() {}

    public static void set(HttpServletRequest request, HttpServletResponse response, String secret) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(request, secret).build().toString());
    }

    /** Tells the browser to forget its cookie: it was signed out, or its secret is no longer valid. */
    public static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(request, "").maxAge(0).build().toString());
    }

    /** The secret the request carries, if any. */
    public static @Nullable String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (NAME.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private static ResponseCookie.ResponseCookieBuilder cookie(HttpServletRequest request, String value) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        return ResponseCookie.from(NAME, value)
                .path(path)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax");
    }
}
