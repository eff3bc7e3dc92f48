package dev.parley.rooms.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.contextmenu.MenuItem;
import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.ui.RoomView;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * View tests of the room management on a room's page (the members sidebar, its menus and the dialogs): opening the page
 * as its route does, and finding what they act on.
 */
abstract class RoomPageTestSupport extends ViewTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships memberships;

    /** Navigates to the room and returns its members sidebar. */
    MembersPanel open(RoomSummary room) {
        navigate("rooms/" + room.slug(), RoomView.class);
        return $(MembersPanel.class).single();
    }

    /** A public room of the owner's with a moderator and a member in it: what moderators are tested on. */
    RoomSummary moderatedRoom(UserSummary owner, UserSummary moderator, UserSummary member) {
        RoomSummary room = rooms.create(owner.id(), "Modded " + Fixtures.username("m"), null, false);
        memberships.join(moderator.id(), room.slug());
        memberships.join(member.id(), room.slug());
        memberships.changeRole(owner.id(), room.slug(), moderator.username(), RoomRole.MODERATOR);
        return room;
    }

    /** A button of the room's header, found by its class name ({@code invite-button}, {@code settings-button}). */
    Button headerButton(String className) {
        return $(Button.class).withClassName(className).single();
    }

    /** The member's menu, opened as a click on their row opens it (an overlay is added to the page only then). */
    ContextMenu menu(MembersPanel members, UserSummary member) {
        ContextMenu menu = members.menuOf(member.username());
        assertThat(menu).as("menu of " + member.username()).isNotNull();
        if (menu.isOpened()) {
            menu.close();
        }
        test(menu).open();
        return menu;
    }

    static List<String> labels(@Nullable ContextMenu menu) {
        return menu == null
                ? List.of()
                : menu.getItems().stream().map(MenuItem::getText).toList();
    }

    /** The first button of the first row of a list of rows (a link's Revoke, a banned user's Unban). */
    static Button firstRowButton(Component rows) {
        return rows.getChildren()
                .findFirst()
                .orElseThrow()
                .getChildren()
                .filter(Button.class::isInstance)
                .map(Button.class::cast)
                .findFirst()
                .orElseThrow();
    }
}
