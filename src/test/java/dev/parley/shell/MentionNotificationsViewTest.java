package dev.parley.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.notification.Notification;
import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.MessageService;
import dev.parley.messages.ui.RoomView;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.ui.LobbyView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Mentions in the layout: the room's mention badge, the notifications button and list, and the toast. */
class MentionNotificationsViewTest extends ViewTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    MessageService messages;

    @Test
    void a_mention_elsewhere_raises_the_badges_lists_it_and_pops_up_a_toast_until_the_room_is_read() {
        UserSummary me = signIn("mentioned");
        UserSummary other = Fixtures.user(accounts, "mentioner");
        RoomSummary quiet = rooms.create(me.id(), "Quiet " + Fixtures.username("q"), null, false);
        RoomSummary busy = rooms.create(other.id(), "Busy " + Fixtures.username("b"), null, false);
        members.join(me.id(), busy.slug());
        navigate("rooms/" + quiet.slug(), RoomView.class);
        assertThat(layout().mentionBadges.get(busy.id()).isVisible()).isFalse();
        assertThat(layout().notifications.count.isVisible()).isFalse();

        messages.post(other.id(), busy.id(), "lunch?");
        messages.post(other.id(), busy.id(), "@" + me.username() + " **can you** review the release notes?");

        awaitUi(() -> layout().mentionBadges.get(busy.id()).isVisible());
        assertThat(layout().mentionBadges.get(busy.id()).getText()).isEqualTo("@1");
        assertThat(layout().mentionBadges.get(busy.id()).getElement().getAttribute("aria-label"))
                .isEqualTo("1 mention");
        assertThat(layout().badges.get(busy.id()).getText()).isEqualTo("2");
        assertThat(layout().notifications.count.getText()).isEqualTo("@1");
        assertThat(layout().notifications.button.getAriaLabel()).contains("Notifications, 1 unread");

        List<Notification> toasts = $(Notification.class).all();
        assertThat(toasts).singleElement().satisfies(toast -> {
            assertThat(toast.getClassNames()).contains("mention-toast");
            assertThat(toast.getElement().getTextRecursively())
                    .contains(other.displayName() + " mentioned you in #" + busy.name())
                    .contains("@" + me.username() + " can you review the release notes?");
        });

        test(layout().notifications.button).click();
        List<Anchor> entries = entries();
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.getHref()).isEqualTo("rooms/" + busy.slug());
            assertThat(entry.getClassNames()).contains("unread");
            assertThat(entry.getElement().getTextRecursively())
                    .contains(other.displayName())
                    .contains("#" + busy.name())
                    .contains("can you review");
        });
        layout().notifications.panel().popover.close();

        // Opening the room reads the mention: the badges clear, and the list keeps it, read.
        navigate("rooms/" + busy.slug(), RoomView.class);
        navigate("rooms/" + quiet.slug(), RoomView.class);
        awaitUi(() -> !layout().mentionBadges.get(busy.id()).isVisible());
        assertThat(layout().notifications.count.isVisible()).isFalse();
        layout().notifications.panel().popover.open();
        assertThat(entries()).singleElement().satisfies(entry -> assertThat(entry.getClassNames())
                .doesNotContain("unread"));
    }

    @Test
    void a_mention_in_the_room_on_screen_needs_no_badge_and_no_toast() {
        UserSummary me = signIn("reading");
        UserSummary other = Fixtures.user(accounts, "talking");
        RoomSummary shown = rooms.create(other.id(), "Here " + Fixtures.username("h"), null, false);
        RoomSummary elsewhere = rooms.create(other.id(), "There " + Fixtures.username("t"), null, false);
        members.join(me.id(), shown.slug());
        members.join(me.id(), elsewhere.slug());
        navigate("rooms/" + shown.slug(), RoomView.class);

        messages.post(other.id(), shown.id(), "@" + me.username() + " look at this");
        // A fence: mentions reach the layout in order, so once this one's toast is up, the first was handled.
        messages.post(other.id(), elsewhere.id(), "@" + me.username() + " and at that");

        awaitUi(() -> !$(Notification.class).all().isEmpty());
        assertThat($(Notification.class).all()).singleElement().satisfies(toast -> assertThat(
                        toast.getElement().getTextRecursively())
                .contains("#" + elsewhere.name()));
        awaitUi(() -> layout().mentionBadges.get(elsewhere.id()).isVisible());
        assertThat(layout().mentionBadges.get(shown.id()).isVisible()).isFalse();
        assertThat(layout().notifications.count.getText()).isEqualTo("@1");
    }

    @Test
    void an_empty_list_says_how_mentions_get_there() {
        UserSummary me = signIn("nobody");
        navigate("", LobbyView.class);

        test(layout().notifications.button).click();

        assertThat(layout().notifications.panel().list.getElement().getTextRecursively())
                .isEqualTo("No mentions yet. When someone writes @" + me.username() + ", it shows here.");
    }

    private List<Anchor> entries() {
        return layout().notifications
                .panel()
                .list
                .getChildren()
                .filter(Anchor.class::isInstance)
                .map(Anchor.class::cast)
                .toList();
    }

    private MainLayout layout() {
        return $(MainLayout.class).single();
    }
}
