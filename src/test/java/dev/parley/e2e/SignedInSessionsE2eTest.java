package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PageAssertions;
import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One person in two browsers: the Profile page lists both, signs the other out, and a new password does too. */
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
}
