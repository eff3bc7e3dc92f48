package dev.parley.rooms.ui;

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
 * {@code /invite/{token}}: a signed-in user who opens a valid invite link joins its room (private ones too) and lands
 * in it; an expired, used-up, revoked or unknown link says which, plainly. Someone signed out signs in first and comes
 * back here.
 */
@Route("invite/:token")
@PermitAll
public class InviteLinkView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    final H2 heading = new H2("This invite link cannot be used");
    final Paragraph reason = new Paragraph();

    private final InviteService invites;
    private final CurrentUser currentUser;

    InviteLinkView(InviteService invites, CurrentUser currentUser) {
        this.invites = invites;
        this.currentUser = currentUser;
        addClassName("page");
        setId("invite-link");
        reason.addClassName("invite-link-reason");
        add(heading, reason, new RouterLink("Back to the lobby", LobbyView.class));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String token = event.getRouteParameters().get("token").orElse("");
        try {
            RoomSummary room = invites.joinByLink(currentUser.require().id(), token);
            event.forwardTo(LobbyView.ROOM_ROUTE + room.slug());
        } catch (ParleyException e) {
            reason.setText(e.getMessage());
        }
    }

    @Override
    public String getPageTitle() {
        return "Invite link · Parley";
    }
}
