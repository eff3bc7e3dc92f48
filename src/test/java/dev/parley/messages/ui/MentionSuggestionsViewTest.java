package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import com.vaadin.flow.shared.JsonConstants;
import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageMarkdown;
import dev.parley.rooms.RoomSummary;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Typing {@code @} and a name in the composer: the members it may mean are listed, and one is written in. */
class MentionSuggestionsViewTest extends RoomViewTestSupport {

    @Test
    void typing_a_name_lists_the_member_and_a_click_writes_the_mention_in() {
        UserSummary me = signIn("writer");
        RoomSummary room = rooms.create(me.id(), "Mentions " + Fixtures.username("m"), null, false);
        UserSummary bob = member(room, "bob");
        member(room, "alice");
        RoomPanel panel = open(room);
        assertThat(panel.composer.mentions.isVisible()).isFalse();
        assertThat(panel.composer.mentions.getElement().getAttribute("role")).isEqualTo("listbox");

        type(panel, "hi @bo");

        assertThat(panel.composer.mentions.isVisible()).isTrue();
        assertThat(panel.composer.mentions.shownUsernames()).containsExactly(bob.username());
        assertThat(panel.composer.input.getElement().hasAttribute(MentionPicker.OPEN_ATTRIBUTE))
                .isTrue();
        Element option = panel.composer.mentions.getElement().getChild(0);
        assertThat(option.getAttribute("role")).isEqualTo("option");
        assertThat(option.getAttribute("aria-selected")).isEqualTo("true");
        assertThat(option.getTextRecursively()).contains("Bob Tester", "@" + bob.username());
        // The composer's own label is left alone.
        assertThat(panel.composer.input.getAriaLabel()).contains("Message");

        clickOption(panel, bob.username());

        assertThat(panel.composer.input.getValue()).isEqualTo("hi @" + bob.username() + " ");
        assertThat(panel.composer.mentions.isVisible()).isFalse();
        assertThat(panel.composer.mentions.shownUsernames()).isEmpty();
        assertThat(panel.composer.input.getElement().hasAttribute(MentionPicker.OPEN_ATTRIBUTE))
                .isFalse();
    }

    @Test
    void at_alone_lists_everyone_but_the_viewer_and_the_keys_move_complete_and_close() {
        UserSummary me = signIn("writer");
        RoomSummary room = rooms.create(me.id(), "Mentions " + Fixtures.username("m"), null, false);
        UserSummary alice = member(room, "alice");
        UserSummary bob = member(room, "bob");
        RoomPanel panel = open(room);

        type(panel, "@");
        assertThat(panel.composer.mentions.shownUsernames()).containsExactly(alice.username(), bob.username());
        assertThat(panel.composer.mentions.highlightedUsername()).isEqualTo(alice.username());

        press(panel, "ArrowDown", "@");
        assertThat(panel.composer.mentions.highlightedUsername()).isEqualTo(bob.username());
        press(panel, "Tab", "@");
        String completed = "@" + bob.username() + " ";
        assertThat(panel.composer.input.getValue()).isEqualTo(completed);
        assertThat(panel.composer.mentions.isVisible()).isFalse();

        type(panel, completed + "@A");
        assertThat(panel.composer.mentions.shownUsernames()).containsExactly(alice.username());
        press(panel, "Escape", completed + "@A");
        assertThat(panel.composer.mentions.isVisible()).isFalse();
        assertThat(panel.composer.input.getElement().hasAttribute(MentionPicker.OPEN_ATTRIBUTE))
                .isFalse();

        type(panel, completed + "@al");
        assertThat(panel.composer.mentions.isVisible()).isTrue();
        type(panel, completed + "@al ");
        assertThat(panel.composer.mentions.isVisible()).isFalse();
        type(panel, completed + "@zz");
        assertThat(panel.composer.mentions.isVisible()).as("no member matches").isFalse();
    }

    @Test
    void enter_sends_the_message_as_typed_and_closes_the_list() {
        UserSummary me = signIn("writer");
        RoomSummary room = rooms.create(me.id(), "Mentions " + Fixtures.username("m"), null, false);
        member(room, "bob");
        RoomPanel panel = open(room);

        type(panel, "see @bo");
        assertThat(panel.composer.mentions.isVisible()).isTrue();
        test(panel.composer.input).setValue("see @bo");
        test(panel.composer.send).click();

        List<ChatMessage> sent = messages.latest(me.id(), room.id(), 10);
        assertThat(sent).extracting(ChatMessage::body).containsExactly("see @bo");
        assertThat(panel.composer.input.getValue()).isEmpty();
        assertThat(panel.composer.mentions.isVisible()).isFalse();
    }

    @Test
    void the_browser_side_filter_uses_the_same_pattern() {
        // As a single-quoted JavaScript string, read as a Unicode-aware RegExp.
        assertThat(MentionPicker.INPUT_FILTER)
                .contains("new RegExp('" + MessageMarkdown.MENTION_BEING_TYPED.replace("\\", "\\\\") + "', 'u')");
    }

    private UserSummary member(RoomSummary room, String word) {
        UserSummary user = Fixtures.user(accounts, word);
        members.join(user.id(), room.slug());
        return user;
    }

    /** What the browser sends after a burst of typing that passed the filter, with the caret at the end. */
    private static void type(RoomPanel panel, String value) {
        ObjectNode data = composerData(value);
        data.put(MentionPicker.INPUT_FILTER, true);
        data.put(JsonConstants.EVENT_DATA_PHASE, JsonConstants.EVENT_PHASE_TRAILING);
        fire(panel.composer.input.getElement(), "input", data);
    }

    /** A key pressed in the composer while the list is open. */
    private static void press(RoomPanel panel, String key, String value) {
        ObjectNode data = composerData(value);
        data.put(MentionPicker.KEY_FILTER, true);
        data.put(MentionPicker.KEY_DATA, key);
        fire(panel.composer.input.getElement(), "keydown", data);
    }

    private static void clickOption(RoomPanel panel, String username) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put(MentionPicker.OPTION_FILTER, true);
        data.put(MentionPicker.OPTION_DATA, username);
        fire(panel.composer.mentions.getElement(), "click", data);
    }

    private static ObjectNode composerData(String value) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put(MentionPicker.VALUE_DATA, value);
        data.put(MentionPicker.CARET_DATA, value.length());
        return data;
    }

    private static void fire(Element element, String type, ObjectNode data) {
        element.getNode().getFeature(ElementListenerMap.class).fireEvent(new DomEvent(element, type, data));
    }
}
