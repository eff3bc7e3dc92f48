package dev.parley.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.sidenav.SideNavItem;
import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.MessageService;
import dev.parley.messages.ui.RoomView;
import dev.parley.rooms.DirectConversations;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.ui.LobbyView;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Direct conversations in the navigation: listed apart from rooms, live, with unread counts; started from it. */
class DirectConversationNavTest extends ViewTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    DirectConversations directs;

    @Autowired
    MessageService messages;

    @Test
    void a_conversation_someone_starts_with_me_appears_under_direct_messages_with_its_unread_count() {
        UserSummary me = signIn("listener");
        UserSummary other = Fixtures.user(accounts, "caller");
        navigate("", LobbyView.class);
        MainLayout layout = $(MainLayout.class).single();
        assertThat(layout.directNav.getItems()).isEmpty();

        RoomSummary conversation = directs.start(other.id(), List.of(me.username()));
        messages.post(other.id(), conversation.id(), "got a minute?");

        awaitUi(() -> layout.directNav.getItems().size() == 1
                && "1".equals(layout.badges.get(conversation.id()).getText()));
        assertThat(layout.directNav.getItems().getFirst().getLabel()).isEqualTo(other.displayName());
        assertThat(layout.directNav.getItems().getFirst().getPath()).isEqualTo("rooms/" + conversation.slug());
        assertThat(layout.roomNav.getItems()).extracting(SideNavItem::getLabel).doesNotContain(other.displayName());
    }

    @Test
    void the_new_conversation_dialog_starts_a_group_and_opens_it() {
        UserSummary me = signIn("organizer");
        UserSummary ada = Fixtures.user(accounts, "ada");
        UserSummary grace = Fixtures.user(accounts, "grace");
        navigate("", LobbyView.class);

        test($(MainLayout.class).single().newConversation).click();
        NewConversationDialog dialog = $(NewConversationDialog.class).single();
        dialog.people.setValue(Set.of(ada, grace));
        test(dialog.start).click();

        assertThat(getCurrentView()).isInstanceOf(RoomView.class);
        RoomSummary group = rooms.memberRooms(me.id()).stream()
                .filter(RoomSummary::direct)
                .findFirst()
                .orElseThrow();
        assertThat(group.memberCount()).isEqualTo(3);
        assertThat(group.name()).contains(ada.displayName()).contains(grace.displayName());
        assertThat(dialog.isOpened()).isFalse();
    }

    @Test
    void choosing_nobody_says_so_in_the_dialog() {
        signIn("hesitant");
        navigate("", LobbyView.class);

        test($(MainLayout.class).single().newConversation).click();
        NewConversationDialog dialog = $(NewConversationDialog.class).single();
        test(dialog.start).click();

        assertThat(dialog.people.isInvalid()).isTrue();
        assertThat(dialog.people.getErrorMessage()).isEqualTo("Choose at least one person other than yourself");
    }
}
