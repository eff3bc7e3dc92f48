package dev.parley.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Span;
import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.MessageService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.reading.ReadPositionRecorder;
import dev.parley.rooms.reading.ReadPositions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The unread badges of the room navigation. */
class RoomNavUnreadTest extends ViewTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    ReadPositions reading;

    @Autowired
    Memberships members;

    @Autowired
    MessageService messages;

    @Autowired
    ReadPositionRecorder recorder;

    @Test
    void a_room_with_unread_messages_shows_its_count_until_it_is_opened() {
        UserSummary me = signIn("reader");
        UserSummary other = Fixtures.user(accounts, "writer");
        RoomSummary room = rooms.create(other.id(), "Busy " + Fixtures.username("b"), null, false);
        members.join(me.id(), room.slug());
        for (int i = 1; i <= 3; i++) {
            messages.post(other.id(), room.id(), "news " + i);
        }

        navigate("", dev.parley.rooms.ui.LobbyView.class);
        Span badge = layout().badges.get(room.id());
        assertThat(badge.isVisible()).isTrue();
        assertThat(badge.getText()).isEqualTo("3");
        assertThat(badge.getElement().getAttribute("aria-label")).isEqualTo("3 unread messages");

        navigate("rooms/" + room.slug(), dev.parley.messages.ui.RoomView.class);
        assertThat(layout().badges.get(room.id()).isVisible()).isFalse();

        // Leaving the room writes what it showed: back in the lobby, the room stays read.
        navigate("", dev.parley.rooms.ui.LobbyView.class);
        assertThat(layout().badges.get(room.id()).isVisible()).isFalse();
        assertThat(reading.readPositions(me.id()).get(room.id()).unread()).isZero();
    }

    @Test
    void a_message_in_a_room_not_shown_raises_its_badge_live() {
        UserSummary me = signIn("watcher");
        UserSummary other = Fixtures.user(accounts, "poster");
        RoomSummary quiet = rooms.create(me.id(), "Quiet " + Fixtures.username("q"), null, false);
        RoomSummary loud = rooms.create(other.id(), "Loud " + Fixtures.username("l"), null, false);
        members.join(me.id(), loud.slug());
        navigate("rooms/" + quiet.slug(), dev.parley.messages.ui.RoomView.class);
        assertThat(layout().badges.get(loud.id()).isVisible()).isFalse();

        messages.post(other.id(), loud.id(), "hello?");
        messages.post(other.id(), loud.id(), "anyone?");
        // Own messages elsewhere are never unread.
        messages.post(me.id(), quiet.id(), "just me");

        awaitUi(() -> "2".equals(layout().badges.get(loud.id()).getText())
                && layout().badges.get(loud.id()).isVisible());
        assertThat(layout().badges.get(quiet.id()).isVisible()).isFalse();

        // Read in another tab: this one's badge clears.
        recorder.record(me.id(), loud.id(), 2);
        recorder.flush(me.id(), loud.id());
        awaitUi(() -> !layout().badges.get(loud.id()).isVisible());
    }

    @Test
    void more_than_ninety_nine_shows_as_99_plus() {
        Span badge = new Span();
        dev.parley.base.ui.UnreadBadge.show(badge, 120);
        assertThat(badge.getText()).isEqualTo("99+");
        assertThat(badge.getElement().getAttribute("aria-label")).isEqualTo("120 unread messages");
        dev.parley.base.ui.UnreadBadge.show(badge, 0);
        assertThat(badge.isVisible()).isFalse();
    }

    @Test
    void a_room_renamed_or_deleted_by_its_admin_changes_in_the_navigation_live() {
        UserSummary me = signIn("member");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Named " + Fixtures.username("n"), null, false);
        members.join(me.id(), room.slug());
        navigate("", dev.parley.rooms.ui.LobbyView.class);
        assertThat(layout().navItems.get(room.id()).getLabel()).isEqualTo(room.name());

        rooms.updateSettings(owner.id(), room.slug(), new RoomService.RoomChanges("Renamed room", null, null, null));

        awaitUi(() -> "Renamed room".equals(layout().navItems.get(room.id()).getLabel()));
        assertThat(layout().navItems.get(room.id()).getPath()).isEqualTo("rooms/" + room.slug());

        rooms.delete(owner.id(), room.slug());

        awaitUi(() -> !layout().navItems.containsKey(room.id()));
        assertThat(layout().roomNav.getItems()).noneMatch(item -> "Renamed room".equals(item.getLabel()));
    }

    private MainLayout layout() {
        return $(MainLayout.class).single();
    }
}
