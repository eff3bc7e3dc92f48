package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.notification.Notification;
import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.Reaction;
import dev.parley.messages.Reactions;
import dev.parley.rooms.RoomSummary;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

/** Reacting to messages in the room view: the palette, the chips, taking a reaction back, and others' live. */
class MessageReactionsViewTest extends RoomViewTestSupport {

    @Test
    void clicking_a_palette_emoji_shows_a_chip_with_count_one_and_the_users_name() {
        UserSummary me = signIn("alice");
        UserSummary author = Fixtures.user(accounts, "writer");
        RoomSummary room = rooms.create(author.id(), "Reactions " + Fixtures.username("r"), null, false);
        members.join(me.id(), room.slug());
        ChatMessage posted = messages.post(author.id(), room.id(), "lunch at noon?");
        RoomPanel panel = open(room);
        assertThat(panel.stream.messageList.hasClassName("can-react")).isTrue();
        assertThat(palette(item(panel, posted))).containsExactlyElementsOf(Reactions.PALETTE);
        assertThat(chips(item(panel, posted))).isEmpty();

        clickReaction(panel, posted, "🎉");

        Elements chips = chips(item(panel, posted));
        assertThat(chips).hasSize(1);
        assertThat(chips.attr("data-emoji")).isEqualTo("🎉");
        assertThat(chips.select("span").text()).isEqualTo("1");
        assertThat(chips.attr("title")).isEqualTo(me.displayName());
        assertThat(chips.attr("aria-label")).isEqualTo("🎉 1, " + me.displayName());
        assertThat(item(panel, posted).getElement().getAttribute("data-reacted"))
                .isEqualTo("🎉");
        assertThat(messages.latest(me.id(), room.id(), 50).getFirst().reactions())
                .extracting(Reaction::emoji)
                .containsExactly("🎉");
    }

    @Test
    void another_members_reaction_appears_live_and_clicking_ones_own_chip_takes_it_back() {
        UserSummary me = signIn("alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(me.id(), "Live reactions " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        ChatMessage posted = messages.post(me.id(), room.id(), "release is out");
        RoomPanel panel = open(room);

        messages.react(bob.id(), posted.id(), "👍");

        awaitUi(() -> chips(item(panel, posted)).size() == 1);
        assertThat(chips(item(panel, posted)).attr("title")).isEqualTo(bob.displayName());
        assertThat(item(panel, posted).getElement().hasAttribute("data-reacted"))
                .isFalse();

        // The same thumb, clicked on the chip: it joins Bob's.
        clickReaction(panel, posted, "👍");
        Elements chips = chips(item(panel, posted));
        assertThat(chips.select("span").text()).isEqualTo("2");
        assertThat(chips.attr("title")).isEqualTo(bob.displayName() + ", " + me.displayName());
        assertThat(chips.attr("aria-label")).isEqualTo("👍 2, " + bob.displayName() + " and " + me.displayName());
        assertThat(item(panel, posted).getElement().getAttribute("data-reacted"))
                .isEqualTo("👍");

        // Clicking one's own reaction again takes back only one's own.
        clickReaction(panel, posted, "👍");
        chips = chips(item(panel, posted));
        assertThat(chips.select("span").text()).isEqualTo("1");
        assertThat(chips.attr("title")).isEqualTo(bob.displayName());
        assertThat(item(panel, posted).getElement().hasAttribute("data-reacted"))
                .isFalse();

        messages.unreact(bob.id(), posted.id(), "👍");
        awaitUi(() -> chips(item(panel, posted)).isEmpty());
        assertThat(messages.latest(me.id(), room.id(), 50).getFirst().reactions())
                .isEmpty();
    }

    @Test
    void a_reader_who_has_not_joined_sees_the_chips_but_no_palette_and_a_forged_click_is_refused() {
        UserSummary author = Fixtures.user(accounts, "writer");
        RoomSummary room = rooms.create(author.id(), "Preview " + Fixtures.username("r"), null, false);
        ChatMessage posted = messages.post(author.id(), room.id(), "welcome");
        messages.react(author.id(), posted.id(), "❤️");
        UserSummary reader = signIn("reader");
        RoomPanel panel = open(room);

        assertThat(panel.stream.messageList.hasClassName("can-react")).isFalse();
        assertThat(chips(item(panel, posted)).attr("title")).isEqualTo(author.displayName());

        // A click the CSS would not offer (the palette is hidden, the chip inert).
        clickReaction(panel, posted, "❤️");

        assertThat(test($(Notification.class).last()).getText()).isEqualTo("Join the room to react");
        assertThat(chips(item(panel, posted)).select("span").text()).isEqualTo("1");
        assertThat(messages.latest(reader.id(), room.id(), 50).getFirst().reactions())
                .singleElement()
                .satisfies(r -> assertThat(r.count()).isEqualTo(1));

        test(panel.header.joinButton).click();
        assertThat(panel.stream.messageList.hasClassName("can-react")).isTrue();
        clickReaction(panel, posted, "❤️");
        assertThat(chips(item(panel, posted)).select("span").text()).isEqualTo("2");
    }

    @Test
    void an_emoji_outside_the_palette_is_refused_with_the_reason() {
        UserSummary me = signIn("alice");
        RoomSummary room = rooms.create(me.id(), "Forged " + Fixtures.username("r"), null, false);
        ChatMessage posted = messages.post(me.id(), room.id(), "hi");
        RoomPanel panel = open(room);

        clickReaction(panel, posted, "💩");

        assertThat(test($(Notification.class).last()).getText()).isEqualTo("Pick a reaction from the palette");
        assertThat(chips(item(panel, posted))).isEmpty();
        assertThat(messages.latest(me.id(), room.id(), 50).getFirst().reactions())
                .isEmpty();
    }

    /** What the browser sends when a reaction chip or palette button is clicked. */
    private static void clickReaction(RoomPanel panel, ChatMessage message, String emoji) {
        MessageClicks.click(panel, message, "react", emoji);
    }

    private static MessageItem item(RoomPanel panel, ChatMessage message) {
        return MessageClicks.item(panel, message);
    }

    private static Elements chips(MessageItem item) {
        return Jsoup.parseBodyFragment(item.getElement().getProperty("innerHTML"))
                .select(".reactions button.reaction");
    }

    private static List<String> palette(MessageItem item) {
        return Jsoup.parseBodyFragment(item.getElement().getProperty("innerHTML"))
                .select(".message-actions .reaction-palette button")
                .eachAttr("data-emoji");
    }
}
