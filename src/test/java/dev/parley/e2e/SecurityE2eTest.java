package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sign-in, redirects, sessions, and private rooms through every door a browser has. */
class SecurityE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    MessageService messages;

    @Test
    void anonymous_requests_are_sent_to_sign_in() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/", "/rooms/general", "/people", "/profile"}) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).hasValueSatisfying(l -> assertThat(l)
                    .endsWith("/login"));
        }
    }

    @Test
    void after_signing_in_the_user_lands_where_they_were_going_with_a_new_session() {
        UserSummary user = register("returning");
        Page page = newPage();
        page.navigate(url("/people"));
        assertThat(page).hasURL(url("/login"));
        String before = sessionId(page);

        fillLoginForm(page, user);

        page.waitForURL(u -> u.startsWith(url("/people")));
        assertThat(page.locator("#people-counts")).containsText("online");
        assertThat(sessionId(page)).isNotEqualTo(before);
    }

    @Test
    void wrong_password_and_unknown_user_get_the_same_message() {
        UserSummary user = register("forgetful");
        Page page = newPage();
        page.navigate(url("/login"));

        page.locator("vaadin-login-form input[name=username]").fill(user.username());
        page.locator("vaadin-login-form input[name=password]").fill("wrong-password");
        page.locator("vaadin-login-form vaadin-button").first().click();
        assertThat(page).hasURL(url("/login?error"));
        String wrongPassword = page.locator("vaadin-login-form").innerText();

        page.locator("vaadin-login-form input[name=username]").fill("nobody-" + user.username());
        page.locator("vaadin-login-form input[name=password]").fill("wrong-password");
        page.locator("vaadin-login-form vaadin-button").first().click();
        page.waitForLoadState();
        assertThat(page.locator("vaadin-login-form")).containsText("Incorrect username or password");
        assertThat(page.locator("vaadin-login-form").innerText()).isEqualTo(wrongPassword);
    }

    @Test
    void a_non_member_can_neither_open_a_private_room_nor_receive_its_pushes() {
        UserSummary owner = register("owner");
        UserSummary outsider = register("outsider");
        RoomSummary secret = rooms.create(owner.id(), "Acquisition " + owner.username(), "Top secret", true);

        Page outsiderPage = signIn(outsider, "/");
        Page ownerPage = signIn(owner, "/rooms/" + secret.slug());
        ownerPage.locator("vaadin-text-area.composer-input textarea").fill("We buy them on Monday");
        ownerPage.locator("vaadin-text-area.composer-input textarea").press("Enter");
        assertThat(ownerPage.locator(".message-body").last()).hasText("We buy them on Monday");
        RoomSummary visible = rooms.create(owner.id(), "Town hall " + owner.username(), null, false);

        // The public room created after the private one reaches the outsider's lobby live; the private one never.
        assertThat(outsiderPage.locator("[data-slug='" + visible.slug() + "']")).isVisible();
        assertThat(outsiderPage.locator("[data-slug='" + secret.slug() + "']")).hasCount(0);
        assertThat(outsiderPage.locator("body")).not().containsText("Acquisition");

        outsiderPage.navigate(url("/rooms/" + secret.slug()));
        assertThat(outsiderPage.locator("#not-found")).isVisible();
        String privateAnswer = outsiderPage.locator("#not-found").innerText();
        outsiderPage.navigate(url("/rooms/no-such-room-at-all"));
        assertThat(outsiderPage.locator("#not-found")).isVisible();
        assertThat(outsiderPage.locator("#not-found").innerText()).isEqualTo(privateAnswer);
        assertThat(outsiderPage.locator("body")).not().containsText("We buy them");
    }

    @Test
    void a_message_posted_through_the_api_appears_live_in_an_open_browser() {
        UserSummary alice = register("alice");
        RoomSummary room = rooms.create(alice.id(), "Deploys " + alice.username(), null, false);
        Page page = signIn(alice, "/rooms/" + room.slug());

        messages.post(alice.id(), room.id(), "Deployed build 42");

        assertThat(page.locator(".message-body").last()).hasText("Deployed build 42");
    }

    private static String sessionId(Page page) {
        return page.context().cookies().stream()
                .filter(c -> c.name.equals("JSESSIONID"))
                .map(c -> c.value)
                .findFirst()
                .orElse("");
    }
}
