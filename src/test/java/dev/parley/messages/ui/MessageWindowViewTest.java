package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.RoomSummary;
import org.junit.jupiter.api.Test;

/**
 * A room view holds a window of {@link MessageList#WINDOW} messages, however long it stays open in a busy room: what
 * falls out loads again when the viewer scrolls to it, and a viewer reading older messages keeps them.
 */
class MessageWindowViewTest extends RoomViewTestSupport {

    private static final int WINDOW = MessageList.WINDOW;

    @Test
    void a_view_left_open_in_a_busy_room_holds_the_newest_window_and_loads_older_ones_again_on_scroll() {
        UserSummary me = signIn("watcher");
        RoomSummary room = rooms.create(me.id(), "Busy " + Fixtures.username("b"), null, false);
        post(me, room, 10);
        RoomPanel panel = open(room);
        MessageList list = panel.stream.messageList;

        post(me, room, WINDOW + 50);
        awaitUi(() -> list.newestSeq() == WINDOW + 60);

        assertThat(list.size()).isEqualTo(WINDOW);
        assertThat(list.oldestSeq()).isEqualTo(61);
        assertThat(list.loadOlder.isVisible()).isTrue();

        MessageClicks.scrollToTop(panel, 61);
        assertThat(list.oldestSeq()).isEqualTo(11);
        assertThat(list.size()).isEqualTo(WINDOW);
        assertThat(list.newestSeq()).isEqualTo(WINDOW + 10);
        assertThat(list.hasNewer()).isTrue();

        MessageClicks.scrollToBottom(panel, WINDOW + 10);
        assertThat(list.newestSeq()).isEqualTo(WINDOW + 60);
        assertThat(list.size()).isEqualTo(WINDOW);
        assertThat(list.hasNewer()).isFalse();
        assertThat(bodies(panel).getLast()).isEqualTo("message " + (WINDOW + 60));
    }

    @Test
    void a_reader_of_older_messages_keeps_them_while_new_ones_wait_below_until_they_scroll_down() {
        UserSummary me = signIn("reader");
        UserSummary other = Fixtures.user(accounts, "poster");
        RoomSummary room = rooms.create(me.id(), "Reading " + Fixtures.username("r"), null, false);
        members.join(other.id(), room.slug());
        post(other, room, WINDOW);
        RoomPanel panel = open(room);
        MessageList list = panel.stream.messageList;
        MessageClicks.scrollToTop(panel, WINDOW - 49);
        MessageClicks.scrollToTop(panel, WINDOW - 99);
        assertThat(list.oldestSeq()).isEqualTo(1);
        assertThat(list.size()).isEqualTo(WINDOW);

        MessageClicks.following(panel, false);
        post(other, room, 3);
        awaitUi(list::hasNewer);

        assertThat(list.oldestSeq()).isEqualTo(1);
        assertThat(list.newestSeq()).isEqualTo(WINDOW);

        MessageClicks.scrollToBottom(panel, WINDOW);
        assertThat(list.newestSeq()).isEqualTo(WINDOW + 3);
        assertThat(list.oldestSeq()).isEqualTo(4);
        assertThat(list.hasNewer()).isFalse();

        // At the bottom again: new messages show at once, the oldest make room.
        post(other, room, 1);
        awaitUi(() -> list.newestSeq() == WINDOW + 4);
        assertThat(list.oldestSeq()).isEqualTo(5);
    }

    @Test
    void sending_while_reading_older_messages_takes_the_viewer_to_the_newest() {
        UserSummary me = signIn("sender");
        RoomSummary room = rooms.create(me.id(), "Sending " + Fixtures.username("s"), null, false);
        post(me, room, WINDOW + 20);
        RoomPanel panel = open(room);
        MessageList list = panel.stream.messageList;
        MessageClicks.scrollToTop(panel, WINDOW - 29);
        MessageClicks.scrollToTop(panel, WINDOW - 79);
        MessageClicks.scrollToTop(panel, WINDOW - 129);
        MessageClicks.following(panel, false);
        assertThat(list.hasNewer()).isTrue();

        test(panel.composer.input).setValue("back to the present");
        test(panel.composer.send).click();

        assertThat(bodies(panel).getLast()).isEqualTo("back to the present");
        assertThat(list.newestSeq()).isEqualTo(WINDOW + 21);
        assertThat(list.hasNewer()).isFalse();
        assertThat(list.following()).isTrue();
    }

    private void post(UserSummary author, RoomSummary room, int count) {
        long first = messages.latest(author.id(), room.id(), 1).stream()
                        .mapToLong(m -> m.seq())
                        .max()
                        .orElse(0)
                + 1;
        for (long seq = first; seq < first + count; seq++) {
            messages.post(author.id(), room.id(), "message " + seq);
        }
    }
}
