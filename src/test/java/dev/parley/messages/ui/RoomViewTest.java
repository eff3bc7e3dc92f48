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
import java.util.ArrayList;
import java.util.Comparator;
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
        assertThat(panel.messageList.empty.isVisible()).isTrue();

        test(panel.input).setValue("Hello, <b>world</b>!");
        test(panel.send).click();

        assertThat(panel.input.getValue()).isEmpty();
        assertThat(bodies(panel)).containsExactly("Hello, <b>world</b>!");
        assertThat(panel.messageList.empty.isVisible()).isFalse();
        assertThat(messages.latest(me.id(), room.id(), 50)).hasSize(1);
    }

    @Test
    void whitespace_only_does_nothing() {
        UserSummary me = signIn("sender");
        RoomSummary room = rooms.create(me.id(), "Chat " + Fixtures.username("c"), null, false);
        RoomPanel panel = open(room);

        test(panel.input).setValue("   \n  ");
        test(panel.send).click();

        assertThat(panel.messageList.size()).isZero();
        assertThat(panel.input.isInvalid()).isFalse();
        assertThat(messages.latest(me.id(), room.id(), 50)).isEmpty();
    }

    @Test
    void too_long_a_message_stays_in_the_composer_with_the_reason() {
        UserSummary me = signIn("sender");
        RoomSummary room = rooms.create(me.id(), "Chat " + Fixtures.username("c"), null, false);
        RoomPanel panel = open(room);
        String text = "x".repeat(Message.BODY_MAX_LENGTH + 10);

        test(panel.input).setValue(text);
        test(panel.send).click();

        assertThat(panel.input.getValue()).isEqualTo(text);
        assertThat(panel.input.isInvalid()).isTrue();
        assertThat(panel.input.getErrorMessage()).contains("Message is too long", "at most 4000");
        assertThat(panel.messageList.size()).isZero();
    }

    @Test
    void opening_a_room_shows_the_latest_fifty_and_older_pages_load_until_the_first() {
        UserSummary me = signIn("reader");
        RoomSummary room = rooms.create(me.id(), "History " + Fixtures.username("h"), null, false);
        for (int i = 1; i <= 120; i++) {
            messages.post(me.id(), room.id(), "message " + i);
        }
        RoomPanel panel = open(room);

        assertThat(panel.messageList.size()).isEqualTo(50);
        assertThat(panel.messageList.oldestSeq()).isEqualTo(71);
        assertThat(panel.messageList.loadOlder.isVisible()).isTrue();

        test(panel.messageList.loadOlder).click();
        assertThat(panel.messageList.size()).isEqualTo(100);
        assertThat(panel.messageList.oldestSeq()).isEqualTo(21);

        test(panel.messageList.loadOlder).click();
        assertThat(panel.messageList.size()).isEqualTo(120);
        assertThat(bodies(panel).getFirst()).isEqualTo("message 1");
        assertThat(bodies(panel).getLast()).isEqualTo("message 120");
        assertThat(panel.messageList.loadOlder.isVisible()).isFalse();
        assertThat(panel.messageList.beginning.isVisible()).isTrue();
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

        awaitUi(() -> panel.messageList.size() == 2);
        assertThat(bodies(panel)).containsExactly("ping", "pong");
        awaitUi(() -> panel.members.shownUsernames().contains(other.username()));
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

        List<String> shown = panel.messageList
                .items
                .getChildren()
                .map(c -> c instanceof MessageItem item ? item.message().body() : "|divider|")
                .toList();
        assertThat(shown)
                .containsExactly("before I joined", "I was here", "|divider|", "first unread", "second unread");
        assertThat(panel.messageList.newMessagesDivider.getElement().getAttribute("role"))
                .isEqualTo("separator");

        // The divider stays while the view is open, however many messages arrive.
        messages.post(other.id(), room.id(), "live");
        awaitUi(() -> panel.messageList.size() == 5);
        assertThat(panel.messageList.newMessagesDivider.getParent()).isPresent();

        recorder.flush();
        assertThat(reading.readPositions(me.id()).get(room.id()).unread()).isZero();
        RoomPanel reopened = open(room);
        assertThat(reopened.messageList.newMessagesDivider == null
                        || reopened.messageList.newMessagesDivider.getParent().isEmpty())
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

        test(panel.joinButton).click();

        assertThat(panel.composer.isVisible()).isTrue();
        assertThat(panel.leaveButton.isVisible()).isTrue();
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

        test(panel.leaveButton).click();

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
    void a_large_room_shows_the_first_fifty_members_and_counts_the_rest() {
        UserSummary me = signIn("crowd");
        RoomSummary room = rooms.create(me.id(), "Crowd " + Fixtures.username("c"), null, false);
        List<UserSummary> others = new ArrayList<>();
        for (int i = 0; i < MembersPanel.MAX_SHOWN + 4; i++) {
            UserSummary member = Fixtures.user(accounts, "m" + i);
            members.join(member.id(), room.slug());
            others.add(member);
        }
        RoomPanel panel = open(room);

        // The owner moderates: an element per row, for the rows' menus.
        assertThat(panel.members.list.getChildren().count()).isEqualTo(MembersPanel.MAX_SHOWN);
        assertThat(panel.members.shownUsernames()).hasSize(MembersPanel.MAX_SHOWN);
        assertThat(panel.members.more.getText()).isEqualTo("and 5 more");
        // The viewer's own tab comes online as the page opens; the one online member is listed first.
        awaitUi(() -> panel.members.title.getText().equals("Members · 55 (1 online)"));
        assertThat(panel.members.shownUsernames().getFirst()).isEqualTo(me.username());
        // Then the offline members by name: the first 49 of them, in order.
        List<String> expected = new ArrayList<>(List.of(me.username()));
        others.stream()
                .sorted(Comparator.comparing(UserSummary::displayName, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(UserSummary::username))
                .limit(MembersPanel.MAX_SHOWN - 1)
                .forEach(member -> expected.add(member.username()));
        assertThat(panel.members.shownUsernames()).containsExactlyElementsOf(expected);
    }

    @Test
    void a_member_who_does_not_moderate_gets_the_rows_as_one_element_shared_by_views_showing_the_same() {
        UserSummary owner = Fixtures.user(accounts, "host");
        RoomSummary room = rooms.create(owner.id(), "Plain " + Fixtures.username("p"), null, false);
        List<UserSummary> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UserSummary member = Fixtures.user(accounts, "p" + i);
            members.join(member.id(), room.slug());
            others.add(member);
        }
        UserSummary me = signIn("plain");
        members.join(me.id(), room.slug());
        RoomPanel panel = open(room);
        awaitUi(() -> panel.members.title.getText().equals("Members · 5 (1 online)"));

        assertThat(panel.members.list.getChildren()).isEmpty();
        String html = panel.members.list.getElement().getProperty("innerHTML", "");
        assertThat(html).contains("data-username=\"" + me.username() + "\"", "is-online");
        assertThat(panel.members.shownUsernames().getFirst()).isEqualTo(me.username());
        assertThat(panel.members.shownUsernames())
                .hasSize(5)
                .containsAll(others.stream().map(UserSummary::username).toList());
        assertThat(panel.members.menuOf(owner.username())).isNull();
        // Views showing the same rows hold one string between them, not a copy each.
        List<String> rows = List.of("<div class=\"member\">a</div>", "<div class=\"member\">b</div>");
        assertThat(MembersPanel.MemberListHtml.of(new ArrayList<>(rows)))
                .isSameAs(MembersPanel.MemberListHtml.of(rows));
    }

    private static List<String> bodies(RoomPanel panel) {
        return panel.messageList
                .items
                .getChildren()
                .filter(MessageItem.class::isInstance)
                .map(item -> ((MessageItem) item).message().body())
                .toList();
    }

    @Test
    void a_guest_posts_without_a_paperclip_and_is_marked_as_a_guest_in_messages_and_members() {
        UserSummary owner = Fixtures.user(accounts, "hostess");
        RoomSummary room = rooms.create(owner.id(), "Welcome " + Fixtures.username("w"), null, false);
        UserSummary guest = signInAsGuest("Newcomer");
        members.join(guest.id(), room.slug());

        RoomPanel panel = open(room);
        test(panel.input).setValue("Hi, just visiting");
        test(panel.send).click();

        assertThat(bodies(panel)).containsExactly("Hi, just visiting");
        assertThat(panel.files.button.isVisible()).isFalse();
        MessageItem item = (MessageItem) panel.messageList
                .items
                .getChildren()
                .filter(MessageItem.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(item.getElement().getProperty("innerHTML"))
                .contains(guest.displayName() + "<span class=\"guest-badge\">guest</span>");
        assertThat(panel.members.rowHtml(guest.username())).contains("<span class=\"guest-badge\">guest</span>");
    }
}
