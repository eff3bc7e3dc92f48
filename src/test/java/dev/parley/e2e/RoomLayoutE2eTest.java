package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Scrolling through history and the narrow-screen layout, as a browser renders them. */
class RoomLayoutE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    MessageService messages;

    @Test
    void scrolling_to_the_top_loads_older_messages_without_moving_the_view() {
        UserSummary alice = register("alice");
        RoomSummary room = rooms.create(alice.id(), "Archive " + alice.username(), null, false);
        for (int i = 1; i <= 120; i++) {
            messages.post(alice.id(), room.id(), "history " + i);
        }
        Page page = signIn(alice, "/rooms/" + room.slug());
        assertThat(page.locator(".message")).hasCount(50);
        assertThat(page.locator(".message-body").last()).hasText("history 120");

        page.locator("[data-seq='71']").scrollIntoViewIfNeeded();
        page.locator(".message-scroller").evaluate("e => e.scrollTop = -(e.scrollHeight - e.clientHeight) + 5");
        double before = page.locator("[data-seq='71']").boundingBox().y;
        assertThat(page.locator(".message")).hasCount(100);
        double after = page.locator("[data-seq='71']").boundingBox().y;

        assertThat(after).isCloseTo(before, within(2.0));
        assertThat(page.locator(".message-body").first()).hasText("history 21");
    }

    @Test
    void a_reader_of_older_messages_keeps_them_while_new_ones_wait_below_until_scrolled_to() {
        UserSummary alice = register("alice");
        RoomSummary room = rooms.create(alice.id(), "Window " + alice.username(), null, false);
        for (int i = 1; i <= 150; i++) {
            messages.post(alice.id(), room.id(), "history " + i);
        }
        Page page = signIn(alice, "/rooms/" + room.slug());
        assertThat(page.locator(".message")).hasCount(50);
        Locator scroller = page.locator(".message-scroller");
        assertThat(scroller).hasAttribute("following", "");

        scroller.evaluate("e => e.scrollTop = -(e.scrollHeight - e.clientHeight) + 5");
        assertThat(page.locator(".message")).hasCount(100);
        scroller.evaluate("e => e.scrollTop = -(e.scrollHeight - e.clientHeight) + 5");
        assertThat(page.locator(".message")).hasCount(150);
        assertThat(page.locator(".message-body").first()).hasText("history 1");
        // The browser has told the server that the viewer left the bottom.
        assertThat(scroller).not().hasAttribute("following", "");

        messages.post(alice.id(), room.id(), "news from below");
        assertThat(page.locator(".load-newer")).isVisible();
        assertThat(page.locator(".message")).hasCount(150);
        assertThat(page.locator(".message-body").first()).hasText("history 1");

        scroller.evaluate("e => e.scrollTop = 0");
        assertThat(page.locator(".message-body").last()).hasText("news from below");
        assertThat(page.locator(".message")).hasCount(150);
        assertThat(page.locator(".message-body").first()).hasText("history 2");
        assertThat(page.locator(".load-newer")).isHidden();
        assertThat(scroller).hasAttribute("following", "");
    }

    @Test
    void on_a_phone_the_room_list_and_members_are_drawers() {
        UserSummary alice = register("alice");
        RoomSummary room = rooms.create(alice.id(), "Mobile " + alice.username(), null, false);
        BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 800));
        try {
            Page page = phone.newPage();
            page.navigate(url("/rooms/" + room.slug()));
            fillLoginForm(page, alice);
            page.waitForURL(u -> u.startsWith(url("/rooms/")));

            assertThat(page.locator("#room-nav")).not().isInViewport();
            assertThat(page.locator(".members-panel")).isHidden();

            page.locator(".members-toggle").click();
            assertThat(page.locator(".members-panel")).isVisible();
            assertThat(page.locator(".member.is-online[data-username='" + alice.username() + "']"))
                    .isVisible();

            page.locator("vaadin-drawer-toggle").click();
            assertThat(page.locator("#room-nav")).isInViewport();
            assertThat(page.locator("#room-nav")).containsText(room.name());
        } finally {
            phone.close();
        }
    }
}
