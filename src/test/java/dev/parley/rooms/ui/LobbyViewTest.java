package dev.parley.rooms.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.MessageService;
import dev.parley.messages.ui.RoomView;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.RoomTestData;
import dev.parley.rooms.internal.MembershipRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LobbyViewTest extends ViewTestSupport {

    @Autowired
    MessageService messages;

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    MembershipRepository memberships;

    @Test
    void user_creates_a_room_and_lands_in_it() {
        UserSummary me = signIn("creator");
        LobbyView lobby = navigate(LobbyView.class);
        String name = "Design " + Fixtures.username("d");

        test(lobby.newRoom).click();
        CreateRoomDialog dialog = $(CreateRoomDialog.class).single();
        test(dialog.name).setValue(name);
        test(dialog.description).setValue("Pixels and prose");
        test(dialog.create).click();

        assertThat(getCurrentView()).isInstanceOf(RoomView.class);
        assertThat(rooms.memberRooms(me.id())).extracting(RoomSummary::name).contains(name);
        LobbyView again = navigate(LobbyView.class);
        assertThat(cardFor(
                                again,
                                rooms.memberRooms(me.id()).stream()
                                        .filter(r -> r.name().equals(name))
                                        .findFirst()
                                        .orElseThrow()
                                        .slug())
                        .getElement()
                        .getTextRecursively())
                .contains(name, "Pixels and prose", "1 member");
    }

    @Test
    void empty_room_name_is_refused_in_the_dialog() {
        signIn("creator");
        LobbyView lobby = navigate(LobbyView.class);

        test(lobby.newRoom).click();
        CreateRoomDialog dialog = $(CreateRoomDialog.class).single();
        test(dialog.create).click();

        assertThat(dialog.error.getText()).contains("Room name must be 1 to 64 characters");
        assertThat(getCurrentView()).isSameAs(lobby);
    }

    @Test
    void user_joins_a_public_room_with_one_click() {
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Garden " + Fixtures.username("g"), "Plants", false);
        UserSummary me = signIn("joiner");
        LobbyView lobby = navigate(LobbyView.class);

        Div card = cardFor(lobby, room.slug());
        test($(Button.class, card).withText("Join").single()).click();

        assertThat(getCurrentView()).isInstanceOf(RoomView.class);
        assertThat(rooms.open(me.id(), room.slug()).member()).isTrue();
    }

    @Test
    void member_room_cards_show_unread_and_mention_counts_that_follow_new_messages() {
        UserSummary me = signIn("reader");
        UserSummary other = Fixtures.user(accounts, "writer");
        RoomSummary room = rooms.create(other.id(), "Chatty " + Fixtures.username("c"), null, false);
        RoomSummary notMine = rooms.create(other.id(), "Elsewhere " + Fixtures.username("e"), null, false);
        members.join(me.id(), room.slug());
        messages.post(other.id(), room.id(), "one");
        messages.post(other.id(), notMine.id(), "not counted for me");
        LobbyView lobby = navigate(LobbyView.class);

        Span badge = $(Span.class, cardFor(lobby, room.slug()))
                .withClassName("unread-badge")
                .single();
        assertThat(badge.isVisible()).isTrue();
        assertThat(badge.getText()).isEqualTo("1");
        // A room one is not a member of has no count: its badge is hidden (queries see visible components only).
        assertThat($(Span.class, cardFor(lobby, notMine.slug()))
                        .withClassName("unread-badge")
                        .all())
                .isEmpty();

        // No mention yet: the mention badge is hidden.
        assertThat($(Span.class, cardFor(lobby, room.slug()))
                        .withClassName("mention-badge")
                        .all())
                .isEmpty();

        messages.post(other.id(), room.id(), "two, @" + me.username());
        awaitUi(() -> "2".equals(badge.getText()));
        assertThat($(Span.class, cardFor(lobby, room.slug()))
                        .withClassName("mention-badge")
                        .single()
                        .getText())
                .isEqualTo("@1");
    }

    @Test
    void a_new_public_room_appears_in_an_open_lobby_without_reload() {
        signIn("watcher");
        LobbyView lobby = navigate(LobbyView.class);
        UserSummary other = Fixtures.user(accounts, "other");

        RoomSummary room = rooms.create(other.id(), "Fresh " + Fixtures.username("f"), null, false);

        awaitUi(() -> lobby.list.getChildren().anyMatch(c -> room.slug()
                .equals(c.getElement().getAttribute("data-slug"))));
    }

    @Test
    void member_counts_of_a_private_room_follow_its_members_live() {
        UserSummary me = signIn("insider");
        RoomSummary secret = rooms.create(me.id(), "Inner circle " + Fixtures.username("i"), null, true);
        UserSummary other = Fixtures.user(accounts, "other");
        RoomTestData.addMember(memberships, secret.id(), other.id());
        LobbyView lobby = navigate(LobbyView.class);
        assertThat(cardFor(lobby, secret.slug()).getElement().getTextRecursively())
                .contains("2 members");

        members.leave(other.id(), secret.slug());

        awaitUi(() ->
                cardFor(lobby, secret.slug()).getElement().getTextRecursively().contains("1 member ·"));
    }

    @Test
    void a_renamed_archived_room_changes_its_card_live_and_one_made_private_leaves_a_non_members_lobby() {
        signIn("watcher");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Before " + Fixtures.username("b"), null, false);
        LobbyView lobby = navigate(LobbyView.class);
        assertThat(cardFor(lobby, room.slug()).getElement().getTextRecursively())
                .contains(room.name());

        rooms.updateSettings(
                owner.id(), room.slug(), new RoomService.RoomChanges("After the rename", "Renamed", null, true));

        awaitUi(() ->
                cardFor(lobby, room.slug()).getElement().getTextRecursively().contains("After the rename"));
        assertThat(cardFor(lobby, room.slug()).getElement().getTextRecursively())
                .contains("Renamed", "Archived");

        rooms.updateSettings(owner.id(), room.slug(), new RoomService.RoomChanges(null, null, true, null));

        awaitUi(() -> lobby.list.getChildren().noneMatch(c -> room.slug()
                .equals(c.getElement().getAttribute("data-slug"))));

        rooms.updateSettings(owner.id(), room.slug(), new RoomService.RoomChanges(null, null, false, null));

        awaitUi(() -> lobby.list.getChildren().anyMatch(c -> room.slug()
                .equals(c.getElement().getAttribute("data-slug"))));
        assertThat(cardFor(lobby, room.slug()).getElement().getTextRecursively())
                .contains("1 member");

        rooms.delete(owner.id(), room.slug());

        awaitUi(() -> lobby.list.getChildren().noneMatch(c -> room.slug()
                .equals(c.getElement().getAttribute("data-slug"))));
    }

    private Div cardFor(LobbyView lobby, String slug) {
        return lobby.list
                .getChildren()
                .filter(c -> slug.equals(c.getElement().getAttribute("data-slug")))
                .map(Div.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No card for " + slug));
    }

    @Test
    void a_guest_joins_public_rooms_from_the_lobby_and_sees_no_new_room_button() {
        UserSummary guest = signInAsGuest("Lurker");
        UserSummary owner = Fixtures.user(accounts, "host");
        RoomSummary room = rooms.create(owner.id(), "Open house " + Fixtures.username("o"), null, false);

        LobbyView lobby = navigate(LobbyView.class);

        assertThat(lobby.newRoom.isVisible()).isFalse();
        assertThat(rooms.memberRooms(guest.id())).isEmpty();
        members.join(guest.id(), room.slug());
        assertThat(rooms.memberRooms(guest.id())).extracting(RoomSummary::slug).containsExactly(room.slug());
    }
}
