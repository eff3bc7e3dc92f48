package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PageAssertions;
import dev.parley.accounts.AccountTestData;
import dev.parley.accounts.ApiTokenService;
import dev.parley.accounts.UserSummary;
import dev.parley.accounts.internal.UserRepository;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.ObjectMapper;

/** An instance admin disables an account: its open tab goes to sign-in at once and its token stops; then enables it. */
class InstanceAdministrationE2eTest extends BrowserTestSupport {

    @Autowired
    UserRepository users;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    ObjectMapper json;

    @LocalServerPort
    int serverPort;

    @Test
    void disabling_an_account_signs_it_out_everywhere_at_once_and_enabling_lets_it_back() throws Exception {
        UserSummary admin = register("admin");
        AccountTestData.makeInstanceAdmin(users, transactions, admin.id());
        UserSummary bob = register("bob");
        String token = tokens.create(bob.id(), "bot").token();
        ApiClient api = new ApiClient(serverPort, json);
        Page adminPage = signIn(admin, "/admin");
        Page bobsPage = signIn(bob, "/");
        Assertions.assertThat(api.call("GET", "/api/rooms", token, null).status())
                .isEqualTo(200);

        Locator disable = adminPage.locator(".account-action[data-username='" + bob.username() + "']");
        assertThat(disable).hasText("Disable");
        disable.click();

        assertThat(bobsPage).hasURL(Pattern.compile(".*/login.*"), new PageAssertions.HasURLOptions().setTimeout(6000));
        Assertions.assertThat(api.call("GET", "/api/rooms", token, null).status())
                .isEqualTo(401);
        fillLoginForm(bobsPage, bob);
        assertThat(bobsPage.locator("vaadin-login-form")).containsText("Incorrect username or password");

        Locator enable = adminPage.locator(".account-action[data-username='" + bob.username() + "']");
        assertThat(enable).hasText("Enable");
        enable.click();
        assertThat(enable).hasText("Disable");
        Assertions.assertThat(api.call("GET", "/api/rooms", token, null).status())
                .isEqualTo(200);
        signIn(bob, "/");
    }
}
