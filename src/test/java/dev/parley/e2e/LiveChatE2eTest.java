package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.MessageService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What only a browser shows: two people seeing each other live, presence, and recovery after going offline. */
class LiveChatE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    MessageService messages;

    @Test
    void two_users_see_each_others_messages_and_presence_live() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Standup " + alice.username(), "Daily", false);
        members.join(bob.id(), room.slug());

        Page a = signIn(alice, "/rooms/" + room.slug());
        Page b = signIn(bob, "/rooms/" + room.slug());

        // Each sees the other online.
        assertThat(a.locator(".member.is-online[data-username='" + bob.username() + "']"))
                .isVisible();
        assertThat(b.locator(".member.is-online[data-username='" + alice.username() + "']"))
                .isVisible();

        // A posts with Enter; B sees it without reloading.
        Locator composer = a.locator("vaadin-text-area.composer-input textarea");
        composer.fill("Good morning, <i>Bob</i>!");
        composer.press("Enter");
        assertThat(b.locator(".message-body").last()).hasText("Good morning, <i>Bob</i>!");
        assertThat(b.locator(".message-body i")).hasCount(0);
        assertThat(a.locator(".message-body").last()).hasText("Good morning, <i>Bob</i>!");
        assertThat(composer).hasValue("");

        // Shift+Enter makes a new line instead of sending.
        composer.fill("line one");
        composer.press("Shift+Enter");
        composer.pressSequentially("line two");
        composer.press("Enter");
        // Messages are Markdown, where a single newline is a line break.
        assertThat(b.locator(".message-body").last())
                .hasText("line one\nline two", new LocatorAssertions.HasTextOptions().setUseInnerText(true));
        assertThat(b.locator(".message-body").last().locator("br")).hasCount(1);

        // B closes the page; A sees B go offline.
        b.close();
        assertThat(a.locator(".member.is-offline[data-username='" + bob.username() + "']"))
                .isVisible();
        assertThat(a.locator(".member.is-offline[data-username='" + bob.username() + "'] .member-status"))
                .containsText("last seen");
    }

    /**
     * Behind a proxy that lets no WebSocket through, Vaadin's client falls back to long polling: push is then written
     * into a held HTTP response, on the thread that pushes, as it is into a WebSocket (PushConfiguration).
     */
    @Test
    void a_browser_without_websockets_gets_messages_live_by_long_polling() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Proxy " + alice.username(), null, false);
        members.join(bob.id(), room.slug());

        Page b = newPage();
        // The page's scripts find no WebSocket, as behind such a proxy.
        b.addInitScript("window.WebSocket = undefined; window.MozWebSocket = undefined;");
        List<String> webSockets = new CopyOnWriteArrayList<>();
        List<String> longPolls = new CopyOnWriteArrayList<>();
        b.onWebSocket(ws -> webSockets.add(ws.url()));
        b.onRequest(request -> {
            if (request.url().contains("X-Atmosphere-Transport=long-polling")) {
                longPolls.add(request.url());
            }
        });
        signIn(b, bob, "/rooms/" + room.slug());
        Page a = signIn(alice, "/rooms/" + room.slug());

        for (String text : List.of("first by push", "second by push")) {
            Locator composer = a.locator("vaadin-text-area.composer-input textarea");
            composer.fill(text);
            composer.press("Enter");
            assertThat(b.locator(".message-body").last()).hasText(text);
        }
        // And the other way round: what B sends reaches A's open view.
        Locator composer = b.locator("vaadin-text-area.composer-input textarea");
        composer.fill("answered over plain HTTP");
        composer.press("Enter");
        assertThat(a.locator(".message-body").last()).hasText("answered over plain HTTP");

        assertThat(webSockets).isEmpty();
        assertThat(longPolls).isNotEmpty();
    }

    @Test
    void a_client_that_was_offline_gets_every_missed_message_once_and_in_order() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Outage " + alice.username(), null, false);
        members.join(bob.id(), room.slug());
        Page b = signIn(bob, "/rooms/" + room.slug());
        assertThat(b.locator(".empty-state")).isVisible();

        b.context().setOffline(true);
        for (int i = 1; i <= 20; i++) {
            messages.post(alice.id(), room.id(), "missed " + i);
        }
        b.context().setOffline(false);

        Locator bodies = b.locator(".message-body");
        assertThat(bodies).hasCount(20);
        List<String> expected =
                IntStream.rangeClosed(1, 20).mapToObj(i -> "missed " + i).toList();
        assertThat(bodies.allInnerTexts()).containsExactlyElementsOf(expected);
        List<String> seqs = b.locator(".message").all().stream()
                .map(m -> m.getAttribute("data-seq"))
                .toList();
        assertThat(seqs)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 20).mapToObj(String::valueOf).toList());
    }
}
