package dev.parley.people.ui;

import static dev.parley.files.TestFiles.png;
import static dev.parley.files.TestFiles.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.files.AvatarService;
import dev.parley.messages.ui.RoomView;
import dev.parley.presence.PresenceService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class PeopleViewTest extends ViewTestSupport {

    @Autowired
    PresenceService presence;

    @Autowired
    AvatarService avatars;

    @Autowired
    RoomService rooms;

    @Test
    void people_list_shows_counts_and_follows_presence_live() {
        UserSummary me = signIn("viewer");
        PeopleView view = navigate(PeopleView.class);
        UserSummary other = Fixtures.user(accounts, "colleague");

        awaitUi(() -> view.list.getElement().getTextRecursively().contains(other.displayName()));
        assertThat(presence.isOnline(me.id())).isTrue();
        assertThat(view.counts.getText()).matches("\\d+ people · \\d+ online");

        PresenceService.Connection connection = presence.connect(other.id(), () -> {});
        awaitUi(() ->
                rowText(view, other).contains("online") && !rowText(view, other).contains("offline"));
        connection.close();
        awaitUi(() -> rowText(view, other).contains("last seen"));
    }

    @Test
    void a_new_name_or_picture_shows_in_its_row_live() {
        signIn("watcher");
        PeopleView view = navigate(PeopleView.class);
        UserSummary other = Fixtures.user(accounts, "changer");
        awaitUi(() -> rowText(view, other).contains(other.displayName()));

        accounts.changeDisplayName(other.id(), "Changed Name");
        UserSummary withPicture = avatars.upload(other.id(), "me.png", stream(png(90, 60)));

        awaitUi(() -> rowText(view, other).contains("Changed Name")
                && withPicture.avatarUrl().equals(rowAvatar(view, other).getImage()));
        assertThat(rowAvatar(view, other).getName()).isEqualTo("Changed Name");
        assertThat(rowText(view, other)).doesNotContain(other.displayName());
    }

    @Test
    void message_opens_a_direct_conversation_with_that_person() {
        UserSummary me = signIn("starter");
        UserSummary other = Fixtures.user(accounts, "partner");
        PeopleView view = navigate(PeopleView.class);
        awaitUi(() -> rowText(view, other).contains(other.displayName()));
        assertThat(messageButton(view, me)).isEmpty();

        assertThat(messageButton(view, other)).isPresent();
        // What the browser sends when the row's Message button is clicked: the list's one listener, with the name.
        ObjectNode click = JsonNodeFactory.instance.objectNode();
        click.put(PeopleView.MESSAGE_FILTER, true);
        click.put(PeopleView.MESSAGE_USERNAME, other.username());
        view.list
                .getElement()
                .getNode()
                .getFeature(ElementListenerMap.class)
                .fireEvent(new DomEvent(view.list.getElement(), "click", click));

        RoomView room = (RoomView) getCurrentView();
        assertThat(room.getPageTitle()).isEqualTo(other.displayName() + " · Parley");
        assertThat(rooms.memberRooms(other.id()))
                .filteredOn(RoomSummary::direct)
                .extracting(RoomSummary::name)
                .containsExactly(me.displayName());
    }

    private static Optional<Button> messageButton(PeopleView view, UserSummary user) {
        return row(view, user)
                .getChildren()
                .filter(Button.class::isInstance)
                .map(Button.class::cast)
                .findFirst();
    }

    private static Component row(PeopleView view, UserSummary user) {
        return view.list
                .getChildren()
                .filter(r -> user.username().equals(r.getElement().getAttribute("data-username")))
                .findFirst()
                .orElseThrow();
    }

    private static Avatar rowAvatar(PeopleView view, UserSummary user) {
        return view.list
                .getChildren()
                .filter(c -> user.username().equals(c.getElement().getAttribute("data-username")))
                .flatMap(Component::getChildren)
                .filter(Avatar.class::isInstance)
                .map(Avatar.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private static String rowText(PeopleView view, UserSummary user) {
        return view.list
                .getChildren()
                .filter(c -> user.username().equals(c.getElement().getAttribute("data-username")))
                .findFirst()
                .map(c -> c.getElement().getTextRecursively())
                .orElse("");
    }

    @Test
    void a_guest_is_marked_and_messages_nobody() {
        UserSummary guest = signInAsGuest("Passer");
        UserSummary member = Fixtures.user(accounts, "resident");
        PeopleView view = navigate(PeopleView.class);
        awaitUi(() -> rowText(view, member).contains(member.displayName()));

        assertThat(rowText(view, guest)).contains(guest.displayName() + "guest");
        assertThat(rowText(view, member)).doesNotContain("guest");
        assertThat(messageButton(view, member)).isEmpty();
    }

    @Test
    void account_holders_see_guests_marked_and_without_a_message_button() {
        allowGuests();
        signIn("resident");
        UserSummary member = Fixtures.user(accounts, "neighbour");
        UserSummary guest = guests.enter(Fixtures.username("Stranger"), "another-browser", "192.0.2.1")
                .guest();
        PeopleView view = navigate(PeopleView.class);
        awaitUi(() -> rowText(view, guest).contains(guest.displayName())
                && rowText(view, member).contains(member.displayName()));

        assertThat(rowText(view, guest)).contains(guest.displayName() + "guest");
        assertThat(messageButton(view, guest)).isEmpty();
        assertThat(messageButton(view, member)).isPresent();
    }
}
