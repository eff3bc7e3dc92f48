package dev.parley.rooms.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.TimeFormat;
import dev.parley.rooms.Invitation;
import dev.parley.rooms.InviteExpiry;
import dev.parley.rooms.InviteLinkInfo;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.NewInviteLink;
import dev.parley.rooms.RoomSummary;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The room admins' invitations: invite someone by name (suggested as it is typed, from the start of usernames and
 * display names), see and withdraw the pending invitations, and make, list and revoke invite links. A new link is shown
 * once, as only its hash is kept.
 */
class InviteDialog extends Dialog {

    /** The use limits offered for a link; 0 stands for unlimited. */
    static final List<Integer> USE_LIMITS = List.of(1, 5, 25, 0);

    final ComboBox<UserSummary> username = new ComboBox<>("Username");
    final Button invite = new Button("Invite");
    final Div pending = new Div();
    final Select<InviteExpiry> expiry = new Select<>();
    final Select<Integer> uses = new Select<>();
    final Button createLink = new Button("Create link");
    final TextField newLink = new TextField("New link");
    final Div links = new Div();

    private final RoomSummary room;
    private final UserId actor;
    private final InviteService invites;
    private final ZoneId zone;

    InviteDialog(RoomSummary room, UserId actor, InviteService invites, AccountService accounts) {
        this.room = room;
        this.actor = actor;
        this.invites = invites;
        this.zone = TimeFormat.zoneOf(UI.getCurrent());
        addClassName("invite-dialog");
        setHeaderTitle("Invite to " + (room.isPrivate() ? "🔒 " : "#") + room.name());

        username.setPlaceholder("Start typing a name");
        username.setClearButtonVisible(true);
        username.setWidthFull();
        username.setItemLabelGenerator(user -> user.displayName() + " (@" + user.username() + ")");
        // Lazy: the service is asked for one page of names matching what is typed, never for every user.
        username.setItems(
                query -> accounts.search(query.getFilter().orElse(""), query.getOffset(), query.getLimit()).stream());
        username.addValueChangeListener(change -> username.setInvalid(false));
        invite.addThemeVariants(ButtonVariant.PRIMARY);
        invite.addClassName("invite-send");
        invite.addClickListener(click -> invite());
        Div byName = new Div(username, invite);
        byName.addClassName("invite-by-name");
        pending.addClassName("invite-pending");

        expiry.setLabel("Expires after");
        expiry.setItems(InviteExpiry.values());
        expiry.setItemLabelGenerator(InviteExpiry::text);
        expiry.setValue(InviteExpiry.DAY);
        uses.setLabel("Uses");
        uses.setItems(USE_LIMITS);
        uses.setItemLabelGenerator(limit -> limit == 0 ? "Unlimited" : limit == 1 ? "1 use" : limit + " uses");
        uses.setValue(5);
        createLink.addClickListener(click -> createLink());
        Div linkForm = new Div(expiry, uses, createLink);
        linkForm.addClassName("invite-link-form");
        newLink.setReadOnly(true);
        newLink.setWidthFull();
        newLink.setHelperText("Copy it now: it is shown only this once.");
        newLink.setVisible(false);
        links.addClassName("invite-links");

        add(new H3("Invite by name"), byName, pending, new H3("Invite links"), linkForm, newLink, links);
        Button close = new Button("Close", click -> close());
        getFooter().add(close);
        refresh();
    }

    void invite() {
        UserSummary chosen = username.getValue();
        if (chosen == null) {
            refuse("Choose someone to invite");
            return;
        }
        try {
            Invitation sent = invites.invite(actor, room.slug(), chosen.username());
            Notification.show("Invited " + sent.invitee().displayName() + ".");
            username.clear();
            refresh();
        } catch (ParleyException e) {
            refuse(e.getMessage());
        }
    }

    void createLink() {
        Integer limit = uses.getValue();
        try {
            NewInviteLink link = invites.createLink(
                    actor, room.slug(), expiry.getValue(), limit == null || limit == 0 ? null : limit);
            newLink.setValue(absolute(link.path()));
            newLink.setVisible(true);
            refresh();
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
    }

    /** Reads the pending invitations and the links again (two service calls) and shows them. */
    void refresh() {
        pending.removeAll();
        for (Invitation invitation : invites.roomInvitations(actor, room.slug())) {
            Span who = new Span(invitation.invitee().displayName() + " (@"
                    + invitation.invitee().username() + ") has not answered yet");
            Button withdraw = new Button("Withdraw", click -> act(() -> invites.cancel(actor, invitation.id())));
            withdraw.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            Div row = new Div(who, withdraw);
            row.addClassName("invite-row");
            row.getElement().setAttribute("data-username", invitation.invitee().username());
            pending.add(row);
        }
        links.removeAll();
        List<InviteLinkInfo> list = invites.links(actor, room.slug());
        if (list.isEmpty()) {
            links.add(new Span("No invite links yet."));
        }
        for (InviteLinkInfo link : list) {
            Span what = new Span(describe(link));
            Button revoke = new Button("Revoke", click -> act(() -> invites.revokeLink(actor, room.slug(), link.id())));
            revoke.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.ERROR, ButtonVariant.SMALL);
            Div row = new Div(what, revoke);
            row.addClassName("invite-row");
            row.getElement().setAttribute("data-link", Long.toString(link.id()));
            links.add(row);
        }
    }

    private String describe(InviteLinkInfo link) {
        String made = "Made by " + link.createdBy().displayName() + ", " + TimeFormat.full(link.createdAt(), zone);
        String expires =
                link.expiresAt() == null ? "never expires" : "expires " + TimeFormat.full(link.expiresAt(), zone);
        String used = link.maxUses() == null ? link.uses() + " used" : link.uses() + " of " + link.maxUses() + " used";
        String state = link.refusal() == null ? "" : " · no longer usable";
        return made + " · " + expires + " · " + used + state;
    }

    private void act(Runnable action) {
        try {
            action.run();
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
        refresh();
    }

    private void refuse(String reason) {
        username.setErrorMessage(reason);
        username.setInvalid(true);
    }

    /** The link as the admin will share it: with this server's address, as the browser reached it. */
    private static String absolute(String path) {
        @Nullable VaadinRequest request = VaadinRequest.getCurrent();
        if (request instanceof VaadinServletRequest servlet) {
            return ServletUriComponentsBuilder.fromContextPath(servlet.getHttpServletRequest())
                    .path("/" + path)
                    .toUriString();
        }
        return "/" + path;
    }
}
