package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import dev.parley.Fixtures;
import dev.parley.accounts.BrowserCookie;
import dev.parley.accounts.UserSummary;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One person in two browsers: the Profile page lists both, signs the other out, and a new password does too. A browser
 * whose session is gone (its node died) is still signed in by its own cookie; one that signed out is not.
 */
class SignedInSessionsE2eTest extends BrowserTestSupport {

    private static final Pattern SIGN_IN_PAGE = Pattern.compile(".*/login.*");

    /** The other browser's tab is sent to sign in at once, not at its next click. */
    private static final PageAssertions.HasURLOptions AT_ONCE = new PageAssertions.HasURLOptions().setTimeout(6000);

    @Test
    void signing_out_the_other_browser_from_the_profile_page_sends_its_open_tab_to_sign_in() {
        UserSummary ada = register("ada");
        Page laptop = signIn(ada, "/profile");
        Page phone = signIn(ada, "/");
        laptop.reload();

        Locator sessions = laptop.locator("#sessions .session");
        // The page has loaded once a browser is listed (within the page's timeout, not the assertion's 5 s).
        sessions.first().waitFor();
        assertThat(sessions).hasCount(2);
        assertThat(laptop.locator("#sessions .session-current")).hasCount(1);

        laptop.locator("#sessions .session-sign-out").click();

        assertThat(phone).hasURL(SIGN_IN_PAGE, AT_ONCE);
        assertThat(sessions).hasCount(1);
        phone.navigate(url("/"));
        assertThat(phone).hasURL(SIGN_IN_PAGE);
        assertThat(laptop.locator("#sessions .session-current")).hasCount(1);
    }

    @Test
    void a_new_password_signs_out_the_other_browser_and_the_old_password_stops_working() {
        UserSummary ada = register("ada");
        Page laptop = signIn(ada, "/profile");
        Page phone = signIn(ada, "/");

        laptop.locator("#current-password input").fill(Fixtures.PASSWORD);
        laptop.locator("#new-password input").fill("a-brand-new-secret");
        laptop.locator("#change-password").click();

        assertThat(laptop.locator("#password-result")).hasText("Password changed. Your other browsers are signed out.");
        assertThat(phone).hasURL(SIGN_IN_PAGE, AT_ONCE);
        // The laptop, where the change was made, stays signed in.
        laptop.reload();
        assertThat(laptop.locator("#current-password")).isVisible();
        fillLoginForm(phone, ada);
        assertThat(phone.locator("vaadin-login-form")).containsText("Incorrect username or password");
    }

    @Test
    void a_browser_whose_session_is_gone_comes_back_to_its_page_signed_in_by_itself() {
        UserSummary ada = register("ada");
        Page page = signIn(ada, "/profile");
        assertThat(page.locator("#sessions .session-current")).hasCount(1);

        // The browser's session is one the server does not know, as when the node that held it died and the load
        // balancer sent the browser to another. The page, told its UI is gone, loads again by itself, signed in.
        page.context()
                .addCookies(List.of(new Cookie("JSESSIONID", "0123456789ABCDEF0123456789ABCDEF").setUrl(url("/"))));
        Response reloaded = page.waitForResponse(
                response -> response.url().startsWith(url("/profile")),
                () -> page.locator("#change-password").click());

        assertThat(reloaded.status()).isEqualTo(200);
        assertThat(page).hasURL(Pattern.compile(".*/profile(\\?.*)?$"));
        page.locator("#sessions .session").first().waitFor();
        assertThat(page.locator("#sessions .session")).hasCount(1);
        assertThat(page.locator("#sessions .session-current")).hasCount(1);
        assertThat(page.context().cookies(url("/")))
                .as("a new session")
                .anyMatch(cookie -> cookie.name.equals("JSESSIONID"));
    }

    @Test
    void a_browser_that_signed_out_is_not_signed_in_again_by_its_cookie() {
        UserSummary ada = register("ada");
        Page page = signIn(ada, "/");
        Cookie browserCookie = page.context().cookies(url("/")).stream()
                .filter(cookie -> cookie.name.equals(BrowserCookie.NAME))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + BrowserCookie.NAME + " cookie after sign-in"));
        assertThat(browserCookie.httpOnly).isTrue();
        assertThat(browserCookie.sameSite).isEqualTo(SameSiteAttribute.LAX);

        page.locator("#user-menu").click();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        assertThat(page).hasURL(SIGN_IN_PAGE, AT_ONCE);

        // Even a copy of the cookie taken before signing out signs nobody in.
        page.context().clearCookies();
        page.context().addCookies(List.of(browserCookie));
        page.navigate(url("/profile"));
        assertThat(page).hasURL(SIGN_IN_PAGE);
        assertThat(page.locator("vaadin-login-form")).isVisible();
    }
}
