package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.parley.accounts.AccountTestData;
import dev.parley.accounts.InstanceAdministration;
import dev.parley.accounts.UserSummary;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Guest access in real browsers: an instance admin lets guests in on the Administration page; a visitor joins from the
 * sign-in page with a name only, joins a public room and posts; the admin sees the message live, marked as a guest's;
 * the guest leaves and is offline at once, and their name is free again.
 */
class GuestE2eTest extends BrowserTestSupport {

    @Autowired
    UserRepository users;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    RoomService rooms;

    @Autowired
    InstanceAdministration administration;

    @Test
    void a_visitor_joins_as_a_guest_posts_in_a_public_room_and_leaves() {
        UserSummary admin = register("admin");
        AccountTestData.makeInstanceAdmin(users, transactions, admin.id());
        RoomSummary room = rooms.create(admin.id(), "Town hall", null, false);
        // Off, as on a fresh instance, whatever other tests of this application did.
        administration.setGuestsAllowed(admin.id(), false);

        // The admin turns guests on.
        Page adminPage = signIn(admin, "/admin");
        Locator allowed = adminPage.locator("#guests-allowed");
        assertThat(allowed).not().hasAttribute("checked", "");
        allowed.click();
        assertThat(allowed).hasAttribute("checked", "");
        adminPage.navigate(url("/rooms/" + room.slug()));

        // A visitor joins from the sign-in page with a name only; a name that breaks the rule is refused first.
        Page visitor = newPage();
        visitor.navigate(url("/login"));
        visitor.locator("#guest-link").click();
        Locator name = visitor.locator("#guest-name input");
        name.fill("Visitor 1");
        visitor.locator("#guest-join").click();
        assertThat(visitor.locator("#guest-name")).containsText("letters A-Z and a-z, digits, _ and -");
        assertThat(name).hasValue("Visitor 1");
        name.fill("Visitor-1");
        visitor.locator("#guest-join").click();
        awaitLayout(visitor, "visitor");
        assertThat(visitor.locator("#user-menu")).containsText("Visitor-1");
        assertThat(visitor.locator("#user-menu .guest-badge")).hasText("guest");
        assertThat(visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New room")))
                .hasCount(0);

        // The guest joins the public room from the lobby and posts.
        visitor.locator(".room-card[data-slug='" + room.slug() + "'] .join-button")
                .click();
        assertThat(visitor).hasURL(Pattern.compile(".*/rooms/" + room.slug()));
        Locator composer = visitor.locator("vaadin-text-area.composer-input textarea");
        composer.fill("Hello from a visitor");
        composer.press("Enter");
        assertThat(visitor.locator(".attach-button")).isHidden();

        // The admin sees it live, marked as a guest's, and the guest online among the members.
        Locator message = adminPage.locator(".message").last();
        assertThat(message.locator(".message-body")).hasText("Hello from a visitor");
        assertThat(message.locator(".message-author")).hasText("Visitor-1guest");
        assertThat(message.locator(".message-author .guest-badge")).hasText("guest");
        Locator guestRow = adminPage.locator(".member[data-username='visitor-1']");
        assertThat(guestRow).hasClass(Pattern.compile(".*is-online.*"));
        assertThat(guestRow.locator(".guest-badge")).hasText("guest");

        // The guest leaves: the sign-in page says goodbye, and the admin sees them offline at once.
        visitor.locator("#user-menu").click();
        visitor.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Leave"))
                .click();
        assertThat(visitor)
                .hasURL(Pattern.compile(".*/login\\?left"), new PageAssertions.HasURLOptions().setTimeout(6000));
        assertThat(visitor.locator(".auth-notice")).containsText("You have left");
        assertThat(guestRow).hasClass(Pattern.compile(".*is-offline.*"));

        // The name is free again: a new visitor takes it and continues as that guest, in the room.
        Page next = newPage();
        next.navigate(url("/guest"));
        Locator nextName = next.locator("#guest-name input");
        nextName.fill("visitor-1");
        assertThat(nextName).hasValue("visitor-1");
        next.locator("#guest-join").click();
        awaitLayout(next, "next-visitor");
        assertThat(next.locator("#room-nav")).containsText("Town hall");
    }

    /** Waits for the app to load after joining; a failure says where the browser ended and what the page said. */
    private static void awaitLayout(Page page, String who) {
        try {
            // Three page loads (the guest page's answer, the ticket, the lobby): slower than one on a busy machine.
            page.locator("vaadin-app-layout").waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        } catch (PlaywrightException e) {
            throw new AssertionError(
                    who + " did not reach the app: at " + page.url() + ", field error "
                            + page.locator("#guest-name").getAttribute("error-message") + ", problem "
                            + page.locator("#guest-problem").textContent() + "; screenshot: "
                            + screenshot(page, "guest-" + who),
                    e);
        }
    }
}
