package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The composer over the posting limit: 10 messages as by default, refilled over an hour so that the test cannot earn
 * one back on a slow machine.
 */
@TestPropertySource(properties = {"parley.messages.rate-limit.capacity=10", "parley.messages.rate-limit.period=1h"})
class RoomRateLimitViewTest extends ViewTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    MessageService messages;

    @Test
    void over_the_limit_the_composer_keeps_the_text_and_says_when_to_send_again() {
        UserSummary me = signIn("chatty");
        RoomSummary room = rooms.create(me.id(), "Busy " + Fixtures.username("b"), null, false);
        RoomPanel panel = navigate("rooms/" + room.slug(), RoomView.class).panel();
        for (int i = 1; i <= 10; i++) {
            test(panel.composer.input).setValue("message " + i);
            test(panel.composer.send).click();
            assertThat(panel.composer.input.getValue()).isEmpty();
        }

        test(panel.composer.input).setValue("one too many");
        test(panel.composer.send).click();

        assertThat(panel.composer.input.getValue()).isEqualTo("one too many");
        assertThat(panel.composer.input.isInvalid()).isTrue();
        assertThat(panel.composer.input.getErrorMessage()).matches("You can send again in \\d+ s");
        assertThat(panel.stream.messageList.size()).isEqualTo(10);
        assertThat(messages.latest(me.id(), room.id(), 50)).hasSize(10);
    }
}
