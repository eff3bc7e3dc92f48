package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.notification.Notification;
import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.Message;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.RoomTestData;
import dev.parley.rooms.internal.MembershipRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Editing and deleting messages in the room view, and seeing others do it live. */
class MessageEditingViewTest extends RoomViewTestSupport {

    @Autowired
    MembershipRepository memberships;

    @Test
    void author_edits_a_message_through_the_dialog_and_the_item_shows_the_new_text() {
        UserSummary me = signIn("author");
        RoomSummary room = rooms.create(me.id(), "Edits " + Fixtures.username("e"), null, false);
        ChatMessage posted = messages.post(me.id(), room.id(), "teh draft");
        RoomPanel panel = open(room);

        clickAction(panel, posted, "edit");
        EditMessageDialog dialog = $(EditMessageDialog.class).single();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.text.getValue()).isEqualTo("teh draft");
        test(dialog.text).setValue("the **final** draft");
        test(dialog.save).click();

        assertThat(dialog.isOpened()).isFalse();
        MessageItem item = item(panel, posted);
        assertThat(item.message().body()).isEqualTo("the **final** draft");
        assertThat(item.message().edited()).isTrue();
        assertThat(html(item)).contains("<strong>final</strong>", "(edited)");
        assertThat(messages.latest(me.id(), room.id(), 50).getFirst().body()).isEqualTo("the **final** draft");
    }

    @Test
    void a_refused_edit_keeps_the_dialog_open_with_the_text_and_the_reason() {
        UserSummary me = signIn("author");
        RoomSummary room = rooms.create(me.id(), "Refused " + Fixtures.username("e"), null, false);
        ChatMessage posted = messages.post(me.id(), room.id(), "short");
        RoomPanel panel = open(room);
        String tooLong = "y".repeat(Message.BODY_MAX_LENGTH + 1);

        clickAction(panel, posted, "edit");
        EditMessageDialog dialog = $(EditMessageDialog.class).single();
        test(dialog.text).setValue(tooLong);
        test(dialog.save).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.text.getValue()).isEqualTo(tooLong);
        assertThat(dialog.text.isInvalid()).isTrue();
        assertThat(dialog.text.getErrorMessage()).contains("Message is too long", "at most 4000");

        // Deleted in another tab meanwhile: saving says so, and the text stays.
        messages.delete(me.id(), posted.id());
        test(dialog.text).setValue("rescued");
        test(dialog.save).click();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.text.getErrorMessage()).isEqualTo("This message was deleted and can no longer be edited");
        assertThat(dialog.text.getValue()).isEqualTo("rescued");

        test(dialog.cancel).click();
        assertThat(dialog.isOpened()).isFalse();
        assertThat(messages.latest(me.id(), room.id(), 50).getFirst().deleted()).isTrue();
    }

    @Test
    void author_deletes_after_confirming_and_the_item_becomes_a_tombstone() {
        UserSummary me = signIn("author");
        RoomSummary room = rooms.create(me.id(), "Deletes " + Fixtures.username("d"), null, false);
        ChatMessage posted = messages.post(me.id(), room.id(), "regrettable");
        RoomPanel panel = open(room);

        clickAction(panel, posted, "delete");
        test($(ConfirmDialog.class).single()).cancel();
        assertThat(item(panel, posted).message().deleted()).isFalse();

        clickAction(panel, posted, "delete");
        ConfirmDialog confirm = $(ConfirmDialog.class).last();
        assertThat(test(confirm).getHeader()).isEqualTo("Delete message?");
        test(confirm).confirm();

        MessageItem item = item(panel, posted);
        assertThat(item.message().deleted()).isTrue();
        assertThat(html(item)).contains("message deleted").doesNotContain("regrettable", "data-action");
        assertThat(messages.latest(me.id(), room.id(), 50).getFirst().body()).isEmpty();
    }

    @Test
    void another_members_view_shows_the_edit_and_then_the_tombstone_live() {
        UserSummary me = signIn("reader");
        UserSummary author = Fixtures.user(accounts, "writer");
        RoomSummary room = rooms.create(author.id(), "Live " + Fixtures.username("l"), null, false);
        members.join(me.id(), room.slug());
        ChatMessage posted = messages.post(author.id(), room.id(), "first take");
        RoomPanel panel = open(room);
        assertThat(item(panel, posted).message().body()).isEqualTo("first take");

        messages.edit(author.id(), posted.id(), "second take with @" + me.username());

        awaitUi(() -> item(panel, posted).message().edited());
        assertThat(item(panel, posted).message().body()).isEqualTo("second take with @" + me.username());
        assertThat(html(item(panel, posted))).contains("<span class=\"mention\">@" + me.username() + "</span>");

        messages.delete(author.id(), posted.id());

        awaitUi(() -> item(panel, posted).message().deleted());
        assertThat(html(item(panel, posted))).contains("message deleted").doesNotContain("second take");
        assertThat(panel.stream.messageList.size()).isEqualTo(1);
    }

    @Test
    void the_actions_shown_depend_on_author_and_role() {
        UserSummary me = signIn("member");
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Roles " + Fixtures.username("r"), null, false);
        members.join(me.id(), room.slug());
        ChatMessage theirs = messages.post(admin.id(), room.id(), "theirs");
        ChatMessage mine = messages.post(me.id(), room.id(), "mine");
        RoomPanel panel = open(room);

        assertThat(item(panel, mine).hasClassName("mine")).isTrue();
        assertThat(item(panel, theirs).hasClassName("mine")).isFalse();
        assertThat(panel.stream.messageList.hasClassName("can-moderate")).isFalse();

        UserSummary moderator = signIn("moderator");
        RoomTestData.addMember(memberships, room.id(), moderator.id(), RoomRole.MODERATOR);
        RoomPanel moderatorPanel = open(room);
        assertThat(moderatorPanel.stream.messageList.hasClassName("can-moderate"))
                .isTrue();
        assertThat(item(moderatorPanel, mine).hasClassName("mine")).isFalse();
    }

    @Test
    void a_moderator_deletes_someone_elses_message() {
        UserSummary author = Fixtures.user(accounts, "author");
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Moderated " + Fixtures.username("m"), null, false);
        members.join(author.id(), room.slug());
        ChatMessage spam = messages.post(author.id(), room.id(), "buy now");
        UserSummary moderator = signIn("moderator");
        RoomTestData.addMember(memberships, room.id(), moderator.id(), RoomRole.MODERATOR);
        RoomPanel panel = open(room);

        clickAction(panel, spam, "delete");
        test($(ConfirmDialog.class).single()).confirm();

        assertThat(item(panel, spam).message().deleted()).isTrue();
        assertThat(messages.latest(author.id(), room.id(), 50).getFirst().deleted())
                .isTrue();
    }

    @Test
    void the_server_refuses_actions_the_buttons_would_not_offer() {
        UserSummary me = signIn("member");
        UserSummary other = Fixtures.user(accounts, "other");
        RoomSummary room = rooms.create(other.id(), "Forged " + Fixtures.username("f"), null, false);
        members.join(me.id(), room.slug());
        ChatMessage theirs = messages.post(other.id(), room.id(), "not yours");
        RoomPanel panel = open(room);

        // A click the CSS would not allow (crafted in the browser's developer tools).
        clickAction(panel, theirs, "delete");
        test($(ConfirmDialog.class).single()).confirm();
        assertThat(test($(Notification.class).last()).getText()).isEqualTo("You can only delete your own messages");

        clickAction(panel, theirs, "edit");
        EditMessageDialog dialog = $(EditMessageDialog.class).single();
        test(dialog.text).setValue("hijacked");
        test(dialog.save).click();
        assertThat(dialog.text.getErrorMessage()).isEqualTo("You can only edit your own messages");

        assertThat(item(panel, theirs).message().body()).isEqualTo("not yours");
        assertThat(messages.latest(me.id(), room.id(), 50).getFirst().body()).isEqualTo("not yours");
    }

    /** What the browser sends when a button in a message is clicked: the list's one delegated listener fires. */
    private static void clickAction(RoomPanel panel, ChatMessage message, String action) {
        MessageClicks.click(panel, message, action, null);
    }

    private static MessageItem item(RoomPanel panel, ChatMessage message) {
        return MessageClicks.item(panel, message);
    }

    private static String html(MessageItem item) {
        return item.getElement().getProperty("innerHTML");
    }
}
