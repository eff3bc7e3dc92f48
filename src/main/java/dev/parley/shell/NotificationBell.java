package dev.parley.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.popover.PopoverPosition;
import com.vaadin.flow.shared.Registration;
import dev.parley.accounts.UserId;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.TimeFormat;
import dev.parley.base.ui.UnreadBadge;
import dev.parley.messages.MentionNotification;
import dev.parley.messages.MessageService;
import dev.parley.rooms.Invitation;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.RoomSummary;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The header's notifications button: the number of unread mentions of the user in all their rooms and of their pending
 * invitations, and a popover listing the invitations (each with Accept and Decline) above their newest mentions (unread
 * ones marked), each a link to its room. The mentions are read when the popover opens, and again when a mention arrives
 * while it is open; opening a room marks its mentions read. The invitations are read when the page opens and whenever
 * they change.
 *
 * <p>The popover and its lists are made on the first click: every open page would hold them otherwise, and most pages
 * are never asked for them (see docs/benchmarks.md, heap per session).
 */
class NotificationBell extends Div {

    /** How many mentions the list shows. */
    static final int LIST_SIZE = 20;

    static final int SNIPPET_LENGTH = 140;

    final Button button = new Button(VaadinIcon.BELL.create());
    final Span count = UnreadBadge.createMentions();
    final Span inviteCount = new Span();
    /** Made on first use. */
    private @Nullable Panel panel;
    /** Until the popover exists, a click on the button makes and opens it; from then on the popover opens itself. */
    private @Nullable Registration firstClick;
    /** The pending invitations as last read: what the list shows, when it exists. */
    private List<Invitation> pending = List.of();

    private final MessageService messages;
    private final InviteService invites;
    private final Consumer<RoomSummary> onAccepted;
    private int unreadMentions;
    private int pendingInvitations;
    private final UserId user;
    private final String username;
    private final Clock clock;

    /** @param onAccepted opens the room of an invitation the user accepted here */
    NotificationBell(
            MessageService messages,
            InviteService invites,
            UserId user,
            String username,
            Clock clock,
            Consumer<RoomSummary> onAccepted) {
        this.messages = messages;
        this.invites = invites;
        this.onAccepted = onAccepted;
        this.user = user;
        this.username = username;
        this.clock = clock;
        addClassName("notification-bell");
        button.addThemeVariants(ButtonVariant.TERTIARY);
        button.setAriaLabel("Notifications");
        button.setId("notifications-button");
        count.addClassName("notification-count");
        inviteCount.addClassName("invite-count");
        inviteCount.setVisible(false);
        add(button, count, inviteCount);
        firstClick = button.addClickListener(click -> open());
        invitationsChanged();
    }

    /** The popover with the invitations and mentions, and the lists in it. */
    final class Panel {

        final Popover popover = new Popover();
        final Div list = new Div();
        final H3 invitationsTitle = new H3("Invitations");
        final Div invitations = new Div();

        private Panel() {
            H3 title = new H3("Mentions");
            list.addClassName("notification-list");
            list.getElement().setAttribute("role", "list");
            popover.addClassName("notifications");
            popover.setTarget(button);
            popover.setPosition(PopoverPosition.BOTTOM_END);
            popover.setAriaLabel("Notifications");
            invitations.addClassName("invitation-list");
            invitations.getElement().setAttribute("role", "list");
            popover.add(invitationsTitle, invitations, title, list);
            popover.addOpenedChangeListener(opened -> {
                if (opened.isOpened()) {
                    refresh();
                }
            });
        }

        /** Lists the invitations as last read. */
        void showInvitations() {
            invitations.removeAll();
            pending.forEach(invitation -> invitations.add(entry(invitation)));
            invitationsTitle.setVisible(!pending.isEmpty());
            invitations.setVisible(!pending.isEmpty());
        }
    }

    /** The popover, made (with its lists) when first asked for. */
    Panel panel() {
        Panel made = panel;
        if (made == null) {
            made = new Panel();
            made.showInvitations();
            add(made.popover);
            panel = made;
            if (firstClick != null) {
                firstClick.remove();
                firstClick = null;
            }
        }
        return made;
    }

    /** Opens the list, as the button does. */
    void open() {
        panel().popover.open();
    }

    /** Shows the number of unread mentions on the button. */
    void setUnread(int unread) {
        UnreadBadge.showMentions(count, unread);
        unreadMentions = unread;
        updateLabel();
    }

    /** The user's invitations changed (one came, or was answered or withdrawn): reads them again (one query). */
    void invitationsChanged() {
        pending = invites.invitations(user);
        pendingInvitations = pending.size();
        inviteCount.setText(Integer.toString(pendingInvitations));
        inviteCount.getElement().setAttribute("aria-label", pendingInvitations + " invitations");
        inviteCount.setVisible(pendingInvitations > 0);
        if (panel != null) {
            panel.showInvitations();
        }
        updateLabel();
    }

    /** Accepts an invitation here or from its toast: the room opens. */
    void accept(Invitation invitation) {
        try {
            RoomSummary room = invites.accept(user, invitation.id());
            if (panel != null) {
                panel.popover.close();
            }
            onAccepted.accept(room);
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
        invitationsChanged();
    }

    void decline(Invitation invitation) {
        try {
            invites.decline(user, invitation.id());
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
        invitationsChanged();
    }

    private void updateLabel() {
        StringBuilder label = new StringBuilder("Notifications");
        if (unreadMentions > 0) {
            label.append(", ").append(unreadMentions).append(" unread");
        }
        if (pendingInvitations > 0) {
            label.append(", ")
                    .append(pendingInvitations)
                    .append(pendingInvitations == 1 ? " invitation" : " invitations");
        }
        button.setAriaLabel(label.toString());
    }

    private Div entry(Invitation invitation) {
        Span who = new Span(invitation.invitedBy().displayName());
        who.addClassName("notification-author");
        Span where = new Span(" invited you to " + (invitation.roomPrivate() ? "🔒 " : "#") + invitation.roomName());
        Div heading = new Div(who, where);
        heading.addClassName("notification-heading");
        Button accept = new Button("Accept", click -> accept(invitation));
        accept.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.SMALL);
        accept.addClassName("invitation-accept");
        Button decline = new Button("Decline", click -> decline(invitation));
        decline.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        decline.addClassName("invitation-decline");
        Div entry = new Div(heading, new Div(accept, decline));
        entry.addClassName("invitation-entry");
        entry.getElement().setAttribute("role", "listitem");
        entry.getElement().setAttribute("data-room", invitation.roomSlug());
        return entry;
    }

    /** A new mention arrived: the list, if open, shows it at once. */
    void mentioned() {
        if (panel != null && panel.popover.isOpened()) {
            refresh();
        }
    }

    /** Reads the newest mentions again (one service call) and shows them. */
    void refresh() {
        Div list = panel().list;
        list.removeAll();
        ZoneId zone = TimeFormat.zoneOf(UI.getCurrent());
        var mentions = messages.mentions(user, LIST_SIZE);
        if (mentions.isEmpty()) {
            Span empty = new Span("No mentions yet. When someone writes @" + username + ", it shows here.");
            empty.addClassName("notification-empty");
            list.add(empty);
            return;
        }
        for (MentionNotification mention : mentions) {
            list.add(entry(mention, zone));
        }
    }

    private Anchor entry(MentionNotification mention, ZoneId zone) {
        Span who = new Span(mention.author().displayName());
        who.addClassName("notification-author");
        Span where = new Span(" in #" + mention.roomName());
        Span when = new Span(TimeFormat.relative(mention.at(), clock.instant(), zone));
        when.addClassName("notification-time");
        when.getElement().setAttribute("title", TimeFormat.full(mention.at(), zone));
        Div heading = new Div(who, where, when);
        heading.addClassName("notification-heading");
        Div text = new Div(mention.deleted() ? "message deleted" : mention.snippet(SNIPPET_LENGTH));
        text.addClassName(mention.deleted() ? "notification-deleted" : "notification-text");
        Anchor link = new Anchor("rooms/" + mention.roomSlug(), heading, text);
        link.addClassName("notification-entry");
        link.getElement().setAttribute("role", "listitem");
        if (mention.unread()) {
            link.addClassName("unread");
        }
        link.getElement().addEventListener("click", click -> panel().popover.close());
        return link;
    }
}
