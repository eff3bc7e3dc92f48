package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a person sees on the sign-in page once their account is locked ({@link SignInLimits}: after 3 failures, for an
 * hour): when to try again, even for the right password, and no way in. The browser comes from an address of its own
 * ({@code X-Forwarded-For}).
 */
@SignInLimits
class SignInLimitE2eTest extends BrowserTestSupport {

    @Test
    void after_too_many_wrong_passwords_the_sign_in_page_says_when_to_try_again() {
        UserSummary ada = register("ada");
        try (BrowserContext context = browser.newContext(
                new Browser.NewContextOptions().setExtraHTTPHeaders(Map.of("X-Forwarded-For", "10.9.0.1")))) {
            Page page = context.newPage();
            for (int i = 0; i < 3; i++) {
                submit(page, ada.username(), "guess-number-" + i);
                // The view marks the form once it has rendered, a round trip after the page loaded.
                page.waitForFunction("() => document.querySelector('vaadin-login-form')?.error === true");
                assertThat(page.locator("vaadin-login-form")).containsText("Incorrect username or password");
                assertThat(page.locator("#sign-in-problem")).isHidden();
            }

            submit(page, ada.username(), Fixtures.PASSWORD);

            assertThat(page.locator("#sign-in-problem")).hasText("Too many failed sign-ins. Try again in 60 min.");
            // Rendered by now, in the same round trip: the form's own error is not raised.
            assertThat(formError(page)).isFalse();
            assertThat(page).hasURL(url("/login?error"));
            page.navigate(url("/"));
            assertThat(page).hasURL(url("/login"));
        }
    }

    /** Whether the form shows its own error, "Incorrect username or password" (its text is there either way). */
    private static boolean formError(Page page) {
        return Boolean.TRUE.equals(page.locator("vaadin-login-form").evaluate("form => form.error"));
    }

    /** Opens the sign-in page afresh, so that the error page after the POST is a new one, and signs in. */
    private void submit(Page page, String username, String password) {
        page.navigate(url("/login"));
        page.locator("vaadin-login-form input[name=username]").fill(username);
        page.locator("vaadin-login-form input[name=password]").fill(password);
        page.locator("vaadin-login-form vaadin-button").first().click();
        page.waitForURL(u -> u.endsWith("/login?error"));
        page.locator("vaadin-login-form").waitFor();
    }
}
