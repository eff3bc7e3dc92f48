package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.parley.accounts.UserSummary;
import dev.parley.files.TestFiles;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The headers every page carries (Content-Security-Policy, nosniff, referrer and permissions policies, no caching, a
 * {@code SameSite=Lax} session cookie), and Parley in Chromium under that policy: a room used in the ordinary ways
 * without a single violation of it.
 */
class SecurityHeadersE2eTest extends BrowserTestSupport {

    /** The policy of a page, but for its nonce, which every inline script of the page carries. */
    static final Pattern POLICY = Pattern.compile(Pattern.quote("default-src 'self'; script-src 'self' 'nonce-")
            + "([A-Za-z0-9+/]{24})"
            + Pattern.quote("' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; "
                    + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                    + "form-action 'self'; frame-ancestors 'self'"));

    /** Reports every violation of a page's policy to the test, on every page the browser loads. */
    private static final String REPORT_VIOLATIONS = "document.addEventListener('securitypolicyviolation', e =>"
            + " window.reportViolation(e.effectiveDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile"
            + " + ':' + e.lineNumber + ' (' + e.disposition + '): ' + (e.sample || '')));";

    @Autowired
    RoomService rooms;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_page_carries_the_policy_the_security_headers_and_a_lax_session_cookie() throws Exception {
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(url("/login"))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        List<String> policies = page.headers().allValues("Content-Security-Policy");
        assertThat(policies).hasSize(1);
        Matcher policy = POLICY.matcher(policies.getFirst());
        assertThat(policy.matches()).as(policies.getFirst()).isTrue();
        Matcher script = Pattern.compile("<script([^>]*)>").matcher(page.body());
        int scripts = 0;
        while (script.find()) {
            scripts++;
            assertThat(script.group(1)).contains("nonce=\"" + policy.group(1) + "\"");
        }
        assertThat(scripts).isPositive();
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(page.headers().firstValue("Permissions-Policy"))
                .hasValueSatisfying(p -> assertThat(p).contains("camera=()", "microphone=()", "geolocation=()"));
        assertThat(page.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=")
                .containsIgnoringCase("SameSite=Lax")
                .containsIgnoringCase("HttpOnly"));

        // Another page has a nonce of its own.
        HttpResponse<String> again = http.send(
                HttpRequest.newBuilder(URI.create(url("/login"))).build(), HttpResponse.BodyHandlers.ofString());
        Matcher other = POLICY.matcher(
                again.headers().firstValue("Content-Security-Policy").orElse(""));
        assertThat(other.matches()).isTrue();
        assertThat(other.group(1)).isNotEqualTo(policy.group(1));
    }

    @Test
    void a_room_used_in_chromium_breaks_none_of_the_policy() {
        UserSummary alice = register("alice");
        RoomSummary room = rooms.create(alice.id(), "Policies " + alice.username(), "Headers and such", false);
        Page page = newPage();
        List<String> violations = new ArrayList<>();
        page.exposeFunction("reportViolation", args -> violations.add(String.valueOf(args[0])));
        page.addInitScript(REPORT_VIOLATIONS);
        List<String> console = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                console.add(message.text());
            }
        });
        signIn(page, alice, "/rooms/" + room.slug());

        // A message, an image with its thumbnail and the full-size dialog, the invite dialog, the lobby and profile.
        Locator composer = page.locator("vaadin-text-area.composer-input textarea");
        composer.fill("**bold** and `code` and https://example.com");
        composer.press("Enter");
        assertThat(page.locator(".message-body").last()).containsText("bold");
        FileChooser chooser =
                page.waitForFileChooser(() -> page.locator(".attach-button").click());
        chooser.setFiles(new FilePayload("chart.png", "image/png", TestFiles.png(320, 200)));
        assertThat(page.locator(".composer-files vaadin-upload-file[complete]")).hasCount(1);
        composer.fill("a chart");
        composer.press("Enter");
        Locator thumbnail = page.locator(".message .attachment-image img").last();
        page.waitForFunction("img => img.complete && img.naturalWidth > 0", thumbnail.elementHandle());
        page.locator(".message .attachment-image").last().click();
        assertThat(page.locator("vaadin-dialog-overlay .image-full, .image-dialog .image-full")
                        .first())
                .isVisible();
        page.keyboard().press("Escape");
        page.locator("vaadin-button.invite-button").click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close")))
                .isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close"))
                .click();
        page.navigate(url("/"));
        assertThat(page.locator("[data-slug='" + room.slug() + "']")).isVisible();
        page.navigate(url("/profile"));
        page.locator("vaadin-app-layout").waitFor();
        page.waitForTimeout(500);

        assertThat(violations).isEmpty();
        assertThat(console).isEmpty();
    }
}
