package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.data.value.ValueChangeMode;
import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.TypingChanged;
import dev.parley.messages.TypingService;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.ui.LobbyView;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Typing in the room view: what the composer tells the room, and what the line under the list shows. */
class RoomTypingViewTest extends RoomViewTestSupport {

    @Autowired
    TypingService typing;

    /** What another member's open view of the room receives. */
    private final BlockingQueue<Object> othersSee = new LinkedBlockingQueue<>();

    private @Nullable Subscription othersView;

    @AfterEach
    void closeOthersView() {
        if (othersView != null) {
            othersView.close();
        }
    }

    @Test
    void typing_in_the_composer_tells_the_room_and_sending_ends_it_at_once() throws Exception {
        UserSummary me = signIn("typist");
        RoomSummary room = roomWithOtherMember(me);
        RoomPanel panel = open(room);
        // At most one value round trip a second while typing, so at most one "typing" a second reaches the server.
        assertThat(panel.composer.input.getValueChangeMode()).isEqualTo(ValueChangeMode.TIMEOUT);
        assertThat(panel.composer.input.getValueChangeTimeout()).isEqualTo(1000);

        test(panel.composer.input).setValue("Hel");
        TypingChanged started = nextTyping();
        assertThat(started.user().id()).isEqualTo(me.id());
        assertThat(started.typing()).isTrue();

        test(panel.composer.input).setValue("Hello");
        test(panel.composer.send).click();

        TypingChanged stopped = nextTyping();
        assertThat(stopped.user().id()).isEqualTo(me.id());
        assertThat(stopped.typing()).isFalse();
        // Clearing the composer after sending is not typing.
        assertThat(nextTypingOrNull()).isNull();
        assertThat(messages.latest(me.id(), room.id(), 50)).hasSize(1);
    }

    @Test
    void leaving_the_room_view_ends_typing_at_once() throws Exception {
        UserSummary me = signIn("leaver");
        RoomSummary room = roomWithOtherMember(me);
        RoomPanel panel = open(room);
        test(panel.composer.input).setValue("I was about to say");
        assertThat(nextTyping().typing()).isTrue();

        navigate("", LobbyView.class);

        TypingChanged stopped = nextTyping();
        assertThat(stopped.user().id()).isEqualTo(me.id());
        assertThat(stopped.typing()).isFalse();
    }

    @Test
    void others_typing_shows_under_the_list_until_their_message_arrives_and_never_the_viewer() {
        UserSummary me = signIn("reader");
        RoomSummary room = rooms.create(me.id(), "Typing " + Fixtures.username("t"), null, false);
        UserSummary talker = member(room, "talker");
        UserSummary quiet = member(room, "quiet");
        RoomPanel panel = open(room);
        assertThat(panel.stream.typingIndicator.getText()).isEmpty();

        typing.typing(talker.id(), room.id());
        awaitUi(() -> panel.stream.typingIndicator.getText().equals("Talker Tester is typing…"));

        // The viewer's own typing reaches their view too, before the next person's, and is left out.
        test(panel.composer.input).setValue("me too");
        typing.typing(talker.id(), room.id()); // a keystroke more, so that a slow machine's sweep keeps them
        typing.typing(quiet.id(), room.id());
        awaitUi(() -> panel.stream.typingIndicator.getText().equals("Talker Tester and Quiet Tester are typing…"));

        typing.typing(quiet.id(), room.id());
        messages.post(talker.id(), room.id(), "Done typing");
        awaitUi(() -> panel.stream.messageList.size() == 1);
        // Cleared by the message itself, in the same update that shows it.
        assertThat(panel.stream.typingIndicator.getText()).isEqualTo("Quiet Tester is typing…");

        typing.stopped(quiet.id(), room.id());
        awaitUi(() -> panel.stream.typingIndicator.getText().isEmpty());
    }

    private RoomSummary roomWithOtherMember(UserSummary me) {
        RoomSummary room = rooms.create(me.id(), "Typing " + Fixtures.username("t"), null, false);
        UserSummary other = member(room, "other");
        othersView = messages.subscribe(other.id(), room.id(), othersSee::add);
        return room;
    }

    private UserSummary member(RoomSummary room, String word) {
        UserSummary user = Fixtures.user(accounts, word);
        members.join(user.id(), room.slug());
        return user;
    }

    private TypingChanged nextTyping() throws InterruptedException {
        TypingChanged next = nextTypingOrNull(5000);
        assertThat(next).as("a typing event within 5 s").isNotNull();
        return next;
    }

    private @Nullable TypingChanged nextTypingOrNull() throws InterruptedException {
        return nextTypingOrNull(300);
    }

    /** The next typing event the other member's view receives, skipping messages and presence. */
    private @Nullable TypingChanged nextTypingOrNull(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            Object event = othersSee.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null || event instanceof TypingChanged) {
                return (TypingChanged) event;
            }
        }
    }
}
