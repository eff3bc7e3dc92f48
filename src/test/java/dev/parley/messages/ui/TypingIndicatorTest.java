package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.TypingChanged;
import dev.parley.rooms.RoomId;
import org.junit.jupiter.api.Test;

class TypingIndicatorTest {

    private static final RoomId ROOM = new RoomId(7);

    private final UserSummary me = user(1, "Me Myself");
    private final UserSummary alice = user(2, "Alice");
    private final UserSummary bob = user(3, "Bob");
    private final UserSummary carol = user(4, "Carol");
    private final TypingIndicator indicator = new TypingIndicator(me.id());

    @Test
    void names_one_or_two_typists_in_the_order_they_started_and_counts_no_more() {
        assertThat(indicator.getText()).isEmpty();
        assertThat(indicator.getElement().getAttribute("aria-live")).isEqualTo("polite");

        indicator.onTyping(typing(alice));
        assertThat(indicator.getText()).isEqualTo("Alice is typing…");

        indicator.onTyping(typing(bob));
        indicator.onTyping(typing(alice));
        assertThat(indicator.getText()).isEqualTo("Alice and Bob are typing…");

        indicator.onTyping(typing(carol));
        assertThat(indicator.getText()).isEqualTo("Several people are typing…");

        indicator.onTyping(stopped(alice));
        assertThat(indicator.getText()).isEqualTo("Bob and Carol are typing…");
        indicator.onTyping(stopped(bob));
        indicator.onTyping(stopped(carol));
        assertThat(indicator.getText()).isEmpty();
    }

    @Test
    void never_shows_the_viewer() {
        indicator.onTyping(typing(me));
        assertThat(indicator.getText()).isEmpty();

        indicator.onTyping(typing(alice));
        indicator.onTyping(typing(me));
        assertThat(indicator.getText()).isEqualTo("Alice is typing…");
    }

    @Test
    void a_message_from_a_typist_ends_their_typing() {
        indicator.onTyping(typing(alice));
        indicator.onTyping(typing(bob));

        indicator.onMessageFrom(alice.id());
        assertThat(indicator.getText()).isEqualTo("Bob is typing…");
        indicator.onMessageFrom(carol.id());
        assertThat(indicator.getText()).isEqualTo("Bob is typing…");
    }

    private static TypingChanged typing(UserSummary user) {
        return new TypingChanged(ROOM, user, true);
    }

    private static TypingChanged stopped(UserSummary user) {
        return new TypingChanged(ROOM, user, false);
    }

    private static UserSummary user(long id, String displayName) {
        return new UserSummary(new UserId(id), "user" + id, displayName, null, 0, false);
    }
}
