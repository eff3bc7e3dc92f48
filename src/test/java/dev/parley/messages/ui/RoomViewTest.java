package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.Message;
import dev.parley.realtime.LocalBroadcaster;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.reading.ReadPositionRecorder;
import dev.parley.rooms.reading.ReadPositions;
import dev.parley.rooms.ui.LobbyView;
import dev.parley.shell.NotFoundView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RoomViewTest extends RoomViewTestSupport {

    @Autowired
    LocalBroadcaster broadcaster;

    @Autowired
    ReadPositions reading;

    @Autowired
    ReadPositionRecorder recorder;

    @Test
    void member_sends_a_message_and_sees_it_in_the_list() {
        UserSummary me = signIn("sender");
        RoomSummary room = rooms.create(me.id(), "Chat " + Fixtures.username("c"), null, false);
        RoomPanel panel = open(room);
        assertThat(panel.stream.messageList.empty.isVisible()).isTrue();

        test(panel.composer.input).setValue("Hello, <b>world</b>!");
        test(panel.composer.send).click();

        assertThat(panel.composer.input.getValue()).isEmpty();
        assertThat(bodies(panel)).containsExactly("Hello, <b>world</b>!");
        assertThat(panel.stream.messageList.empty.isVisible()).isFalse();
        assertThat(messages.latest(me.id(), room.id(), 50)).hasSize(1);
    }

    @Test
    void scrolling_to_the_top_loads_one_older_page_and_a_scroll_sent_before_it_arrived_loads_none() {
        UserSummary me = signIn("reader");
        RoomSummary room = rooms.create(me.id(), "History " + Fixtures.username("h"), null, false);
        for (int i = 1; i <= 120; i++) {
            messages.post(me.id(), room.id(), "history " + i);
        }
        RoomPanel panel = open(room);
        assertThat(panel.stream.messageList.oldestSeq()).isEqualTo(71);

        MessageClicks.scrollToTop(panel, 71);
        assertThat(panel.stream.messageList.oldestSeq()).isEqualTo(21);

        // Sent while the browser still showed 71 first: the page it asks for has already come.
        MessageClicks.scrollToTop(panel, 71);
        assertThat(panel.stream.messageList.oldestSeq()).isEqualTo(21);

        MessageClicks.scrollToTop(panel, 21);
        assertThat(panel.stream.messageList.oldestSeq()).isEqualTo(1);
        assertThat(panel.stream.messageList.size()).isEqualTo(120);
    }

    @Test
    void whitespace_only_does_nothing() {
        UserSummary me = signIn("sender");
        RoomSummary room = rooms.create(me.id(), "Chat " + Fixtures.username("c"), null, false);
        RoomPanel panel = open(room);

        test(panel.composer.input).setValue("   \n  ");
        test(panel.composer.send).click();

        assertThat(panel.stream.messageList.size()).isZero();
        assertThat(panel.composer.input.isInvalid()).isFalse();
        assertThat(messages.latest(me.id(), room.id(), 50)).isEmpty();
    }

    @Test
    void too_long_a_message_stays_in_the_composer_with_the_reason() {
        UserSummary me = signIn("sender");
        RoomSummary room = rooms.create(me.id(), "Chat " + Fixtures.username("c"), null, false);
        RoomPanel panel = open(room);
        String text = "x".repeat(Message.BODY_MAX_LENGTH + 10);

        test(panel.composer.input).setValue(text);
        test(panel.composer.send).click();

        assertThat(panel.composer.input.getValue()).isEqualTo(text);
        assertThat(panel.composer.input.isInvalid()).isTrue();
        assertThat(panel.composer.input.getErrorMessage()).contains("Message is too long", "at most 4000");
        assertThat(panel.stream.messageList.size()).isZero();
    }

    @Test
    void opening_a_room_shows_the_latest_fifty_and_older_pages_load_until_the_first() {
        UserSummary me = signIn("reader");
        RoomSummary room = rooms.create(me.id(), "History " + Fixtures.username("h"), null, false);
        for (int i = 1; i <= 120; i++) {
            messages.post(me.id(), room.id(), "message " + i);
        }
        RoomPanel panel = open(room);

        assertThat(panel.stream.messageList.size()).isEqualTo(50);
        assertThat(panel.stream.messageList.oldestSeq()).isEqualTo(71);
        assertThat(panel.stream.messageList.loadOlder.isVisible()).isTrue();

        test(panel.stream.messageList.loadOlder).click();
        assertThat(panel.stream.messageList.size()).isEqualTo(100);
        assertThat(panel.stream.messageList.oldestSeq()).isEqualTo(21);

        test(panel.stream.messageList.loadOlder).click();
        assertThat(panel.stream.messageList.size()).isEqualTo(120);
        assertThat(bodies(panel).getFirst()).isEqualTo("message 1");
        assertThat(bodies(panel).getLast()).isEqualTo("message 120");
        assertThat(panel.stream.messageList.loadOlder.isVisible()).isFalse();
        assertThat(panel.stream.messageList.beginning.isVisible()).isTrue();
    }

    @Test
    void a_message_from_another_member_appears_without_reload() {
        UserSummary me = signIn("listener");
        RoomSummary room = rooms.create(me.id(), "Live " + Fixtures.username("l"), null, false);
        UserSummary other = Fixtures.user(accounts, "talker");
        members.join(other.id(), room.slug());
        RoomPanel panel = open(room);

        messages.post(other.id(), room.id(), "ping");
        messages.post(other.id(), room.id(), "pong");

        awaitUi(() -> panel.stream.messageList.size() == 2);
        assertThat(bodies(panel)).containsExactly("ping", "pong");
    }

    @Test
    void opening_a_room_shows_a_divider_above_the_first_unread_message_and_marks_it_read() {
        UserSummary me = signIn("returner");
        UserSummary other = Fixtures.user(accounts, "chatter");
        RoomSummary room = rooms.create(other.id(), "Catch-up " + Fixtures.username("c"), null, false);
        messages.post(other.id(), room.id(), "before I joined");
        members.join(me.id(), room.slug());
        messages.post(me.id(), room.id(), "I was here");
        messages.post(other.id(), room.id(), "first unread");
        messages.post(other.id(), room.id(), "second unread");

        RoomPanel panel = open(room);

        List<String> shown = panel.stream
                .messageList
                .items
                .getChildren()
                .map(c -> c instanceof MessageItem item ? item.message().body() : "|divider|")
                .toList();
        assertThat(shown)
                .containsExactly("before I joined", "I was here", "|divider|", "first unread", "second unread");
        assertThat(panel.stream.messageList.newMessagesDivider.getElement().getAttribute("role"))
                .isEqualTo("separator");

        // The divider stays while the view is open, however many messages arrive.
        messages.post(other.id(), room.id(), "live");
        awaitUi(() -> panel.stream.messageList.size() == 5);
        assertThat(panel.stream.messageList.newMessagesDivider.getParent()).isPresent();

        recorder.flush();
        assertThat(reading.readPositions(me.id()).get(room.id()).unread()).isZero();
        RoomPanel reopened = open(room);
        assertThat(reopened.stream.messageList.newMessagesDivider == null
                        || reopened.stream
                                .messageList
                                .newMessagesDivider
                                .getParent()
                                .isEmpty())
                .isTrue();
    }

    @Test
    void non_member_reads_a_public_room_and_joins_to_post() {
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Open " + Fixtures.username("o"), null, false);
        signIn("visitor");
        RoomPanel panel = open(room);

        assertThat(panel.composer.isVisible()).isFalse();
        assertThat(shown(panel.joinPrompt)).isTrue();

        test(panel.header.joinButton).click();

        assertThat(panel.composer.isVisible()).isTrue();
        assertThat(panel.header.leaveButton.isVisible()).isTrue();
    }

    @Test
    void a_private_room_answers_like_a_missing_one() {
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary secret = rooms.create(owner.id(), "Secret " + Fixtures.username("s"), null, true);
        signIn("snoop");

        navigate("rooms/" + secret.slug(), NotFoundView.class);
        assertThat(getCurrentView()).isInstanceOf(NotFoundView.class);
        navigate("rooms/no-such-room", NotFoundView.class);
        assertThat(getCurrentView()).isInstanceOf(NotFoundView.class);
    }

    @Test
    void leaving_a_room_returns_to_the_lobby() {
        UserSummary me = signIn("leaver");
        // Not the creator: a room's last admin cannot leave it (InvitesViewTest).
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Brief " + Fixtures.username("b"), null, false);
        members.join(me.id(), room.slug());
        RoomPanel panel = open(room);

        test(panel.header.leaveButton).click();

        assertThat(getCurrentView()).isInstanceOf(LobbyView.class);
        assertThat(rooms.open(me.id(), room.slug()).member()).isFalse();
    }

    @Test
    void leaving_in_another_tab_closes_this_view_of_the_room() {
        UserSummary me = signIn("twotabs");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Shared " + Fixtures.username("s"), null, false);
        members.join(me.id(), room.slug());
        int before = broadcaster.subscriberCount(room.id().topic());
        open(room);
        // The view's own subscription, and the room's roster's while a view of the room is open.
        assertThat(broadcaster.subscriberCount(room.id().topic())).isEqualTo(before + 2);

        members.leave(me.id(), room.slug());

        awaitUi(() -> getCurrentView() instanceof LobbyView);
        assertThat(broadcaster.subscriberCount(room.id().topic())).isEqualTo(before);
    }

    @Test
    void a_guest_posts_without_a_paperclip_and_is_marked_as_a_guest_in_messages() {
        UserSummary owner = Fixtures.user(accounts, "hostess");
        RoomSummary room = rooms.create(owner.id(), "Welcome " + Fixtures.username("w"), null, false);
        UserSummary guest = signInAsGuest("Newcomer");
        members.join(guest.id(), room.slug());

        RoomPanel panel = open(room);
        test(panel.composer.input).setValue("Hi, just visiting");
        test(panel.composer.send).click();

        assertThat(bodies(panel)).containsExactly("Hi, just visiting");
        assertThat(panel.composer.files.button.isVisible()).isFalse();
        MessageItem item = (MessageItem) panel.stream
                .messageList
                .items
                .getChildren()
                .filter(MessageItem.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(item.getElement().getProperty("innerHTML"))
                .contains(guest.displayName() + "<span class=\"guest-badge\">guest</span>");
    }
}
