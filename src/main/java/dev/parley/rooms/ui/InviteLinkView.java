package dev.parley.rooms.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.parley.accounts.CurrentUser;
import dev.parley.base.ParleyException;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.RoomSummary;
import jakarta.annotation.security.PermitAll;

/**
 * {@code /invite/{token}}: a valid invite link shows its room (name, description, public or private, member count) and
 * a "Join" button; only the click joins (private rooms too) and opens the room. Opening the link alone changes nothing,
 * so a link on another site cannot make a signed-in visitor join a room: the click is a request of this page, which
 * Vaadin checks against its own token. A member already goes straight into the room. An expired, used-up, revoked or
 * unknown link says which, plainly. Someone signed out signs in first and comes back here.
 */
@Route("invite/:token")
@PermitAll
public class InviteLinkView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private static final String CANNOT_BE_USED = "This invite link cannot be used";

    final H2 heading = new H2(CANNOT_BE_USED);
    final Paragraph description = new Paragraph();
    final Paragraph details = new Paragraph();
    final Paragraph reason = new Paragraph();
    final Button join = new Button();

    private final InviteService invites;
    private final CurrentUser currentUser;
    private String token = "";

    InviteLinkView(InviteService invites, CurrentUser currentUser) {
        this.invites = invites;
        this.currentUser = currentUser;
        addClassName("page");
        setId("invite-link");
        description.addClassName("invite-link-description");
        description.setVisible(false);
        details.addClassName("invite-link-details");
        details.setVisible(false);
        reason.addClassName("invite-link-reason");
        join.setId("invite-link-join");
        join.addThemeVariants(ButtonVariant.PRIMARY);
        join.setVisible(false);
        join.addClickListener(click -> join());
        add(heading, description, details, reason, join, new RouterLink("Back to the lobby", LobbyView.class));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getRouteParameters().get("token").orElse("");
        try {
            RoomSummary room = invites.linkedRoom(currentUser.require().id(), token);
            if (room.member()) {
                event.forwardTo(LobbyView.ROOM_ROUTE + room.slug());
                return;
            }
            show(room);
        } catch (ParleyException e) {
            refuse(e.getMessage());
        }
    }

    private void show(RoomSummary room) {
        heading.setText("You are invited to #" + room.name());
        if (!room.description().isBlank()) {
            description.setText(room.description());
            description.setVisible(true);
        }
        details.setText((room.isPrivate() ? "Private room" : "Public room") + " · " + room.memberCount()
                + (room.memberCount() == 1 ? " member" : " members"));
        details.setVisible(true);
        join.setText("Join #" + room.name());
        join.setVisible(true);
    }

    private void join() {
        try {
            RoomSummary room = invites.joinByLink(currentUser.require().id(), token);
            getUI().ifPresent(ui -> ui.navigate(LobbyView.ROOM_ROUTE + room.slug()));
        } catch (ParleyException e) {
            // Used up, revoked or expired between opening the link and the click, or the user was banned meanwhile.
            heading.setText(CANNOT_BE_USED);
            description.setVisible(false);
            details.setVisible(false);
            refuse(e.getMessage());
        }
    }

    private void refuse(String text) {
        reason.setText(text);
        join.setVisible(false);
    }

    @Override
    public String getPageTitle() {
        return "Invite link · Parley";
    }
}
