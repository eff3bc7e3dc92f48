package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.internal.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.communication.PushConnection;
import com.vaadin.flow.shared.communication.PushMode;
import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.realtime.EventsMissed;
import dev.parley.realtime.LinkChanged;
import dev.parley.realtime.LocalBroadcaster;
import dev.parley.realtime.UiBacklog;
import dev.parley.rooms.RoomSummary;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A browser that stops taking what Parley sends it makes the events for its page wait for the page's lock: at most
 * {@link UiBacklog#LIMIT} of them wait, and then the page is made again from the database, keeping what was being
 * written.
 */
class FallenBehindViewTest extends RoomViewTestSupport {

    @Autowired
    LocalBroadcaster broadcaster;

    @Test
    void a_page_whose_events_pile_up_drops_the_rest_and_is_made_again_with_everything_and_the_draft() {
        UserSummary me = signIn("stuck");
        UserSummary other = Fixtures.user(accounts, "flooder");
        RoomSummary room = rooms.create(me.id(), "Flood " + Fixtures.username("f"), null, false);
        members.join(other.id(), room.slug());
        messages.post(other.id(), room.id(), "before the flood");
        RoomPanel panel = open(room);
        test(panel.composer.input).setValue("half a thought");
        UI ui = UI.getCurrent();
        UiBacklog backlog = UiBacklog.of(ui);
        ui.getPushConfiguration().setPushMode(PushMode.AUTOMATIC);
        BrowserPush push = new BrowserPush();
        push.connected = true;
        ui.getInternals().setPushConnection(push);
        int subscribers = broadcaster.subscriberCount(room.id().topic());

        // The test thread holds the page's lock, as a push stuck on a socket nobody reads does: every event waits.
        for (int i = 0; i < UiBacklog.LIMIT + 500; i++) {
            broadcaster.publish(room.id().topic(), "noise " + i);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInSameThread()
                .until(() -> backlog.timesFallenBehind() == 1);
        messages.post(other.id(), room.id(), "while it was behind");
        assertThat(backlog.waiting()).isEqualTo(UiBacklog.LIMIT);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !push.connected);
        // The browser reconnects by itself.
        push.connected = true;
        messages.post(other.id(), room.id(), "after it reconnected");

        awaitUi(() -> ((RoomView) getCurrentView()).panel() != panel);

        RoomPanel remade = ((RoomView) getCurrentView()).panel();
        assertThat(backlog.waiting()).isZero();
        assertThat(bodies(remade)).containsExactly("before the flood", "while it was behind", "after it reconnected");
        assertThat(remade.composer.input.getValue()).isEqualTo("half a thought");
        assertThat(broadcaster.subscriberCount(room.id().topic()))
                .as("the old page's subscriptions are closed")
                .isEqualTo(subscribers);

        messages.post(other.id(), room.id(), "after catching up");
        awaitUi(() -> bodies(remade).contains("after catching up"));
        assertThat(backlog.timesFallenBehind()).isEqualTo(1);
    }

    @Test
    void a_page_that_cannot_be_told_keeps_a_bounded_part_of_what_happens_and_is_made_again_when_its_browser_is_back() {
        UserSummary me = signIn("offline");
        UserSummary other = Fixtures.user(accounts, "talker");
        RoomSummary room = rooms.create(me.id(), "Gone " + Fixtures.username("g"), null, false);
        members.join(other.id(), room.slug());
        RoomPanel panel = open(room);
        UI ui = UI.getCurrent();
        UiBacklog backlog = UiBacklog.of(ui);
        // The browser's push connection closed (a network cut, a tab the server cut off) and has not come back.
        ui.getPushConfiguration().setPushMode(PushMode.AUTOMATIC);
        BrowserPush push = new BrowserPush();
        ui.getInternals().setPushConnection(push);

        for (int i = 0; i < UiBacklog.LIMIT + 200; i++) {
            broadcaster.publish(room.id().topic(), "noise " + i);
            if (i % 100 == 0) {
                awaitUi(() -> backlog.waiting() == 0);
            }
        }
        awaitUi(() -> backlog.waiting() == 0 && backlog.timesFallenBehind() == 1);
        messages.post(other.id(), room.id(), "said while the browser was away");
        MockVaadin.clientRoundtrip();
        assertThat(bodies(panel)).isEmpty();
        assertThat(((RoomView) getCurrentView()).panel()).isSameAs(panel);

        push.connected = true;
        messages.post(other.id(), room.id(), "said when it was back");

        awaitUi(() -> ((RoomView) getCurrentView()).panel() != panel);
        RoomPanel remade = ((RoomView) getCurrentView()).panel();
        assertThat(bodies(remade)).containsExactly("said while the browser was away", "said when it was back");
        assertThat(backlog.timesFallenBehind()).isEqualTo(1);
    }

    @Test
    void a_page_that_may_have_missed_events_is_made_again_once_keeping_the_draft() {
        UserSummary me = signIn("missed");
        UserSummary other = Fixtures.user(accounts, "speaker");
        RoomSummary room = rooms.create(me.id(), "Missed " + Fixtures.username("m"), null, false);
        members.join(other.id(), room.slug());
        messages.post(other.id(), room.id(), "seen live");
        RoomPanel panel = open(room);
        test(panel.composer.input).setValue("still typing");
        int subscribers = broadcaster.subscriberCount(room.id().topic());

        // This node lost its connection to the other nodes of a cluster, and has it back: every subscriber is told,
        // the page's several subscriptions included.
        broadcaster.publishToAll(EventsMissed.INSTANCE);

        awaitUi(() -> ((RoomView) getCurrentView()).panel() != panel);
        RoomPanel remade = ((RoomView) getCurrentView()).panel();
        assertThat(bodies(remade)).containsExactly("seen live");
        assertThat(remade.composer.input.getValue()).isEqualTo("still typing");
        MockVaadin.clientRoundtrip();
        assertThat(((RoomView) getCurrentView()).panel()).as("made again once").isSameAs(remade);
        assertThat(broadcaster.subscriberCount(room.id().topic())).isEqualTo(subscribers);
        messages.post(other.id(), room.id(), "live again");
        awaitUi(() -> bodies(remade).contains("live again"));
    }

    @Test
    void a_page_says_while_its_node_cannot_reach_the_other_nodes_and_stops_saying_it_when_it_can() {
        UserSummary me = signIn("linked");
        RoomSummary room = rooms.create(me.id(), "Link " + Fixtures.username("l"), null, false);
        open(room);
        UI ui = UI.getCurrent();

        broadcaster.publishToAll(new LinkChanged(false));

        awaitUi(() -> notice(ui) != null);
        assertThat(notice(ui).getElement().getText()).startsWith("Live updates from other servers are paused.");
        assertThat(notice(ui).getElement().getAttribute("role")).isEqualTo("status");
        broadcaster.publishToAll(new LinkChanged(false));
        MockVaadin.clientRoundtrip();
        assertThat(ui.getChildren().filter(c -> "link-notice".equals(c.getId().orElse(null))))
                .as("one notice, however many subscriptions heard it")
                .hasSize(1);

        broadcaster.publishToAll(new LinkChanged(true));

        awaitUi(() -> notice(ui) == null);
    }

    private static com.vaadin.flow.component.@org.jspecify.annotations.Nullable Component notice(UI ui) {
        return ui.getChildren()
                .filter(c -> "link-notice".equals(c.getId().orElse(null)))
                .findFirst()
                .orElse(null);
    }

    /** A browser's push connection that the test opens and closes. */
    private static final class BrowserPush implements PushConnection {

        volatile boolean connected;

        @Override
        public void push() {}

        @Override
        public void disconnect() {
            connected = false;
        }

        @Override
        public boolean isConnected() {
            return connected;
        }
    }
}
