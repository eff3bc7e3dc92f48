package dev.parley.messages.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import dev.parley.accounts.UserId;
import dev.parley.base.ParleyException;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomAccess;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.ui.MemberActions;
import org.jspecify.annotations.Nullable;

/**
 * The top of a room's page: the room's name and description, and buttons for what the viewer may do there (join,
 * invite, settings, webhooks, leave) with the one that shows the members on a narrow screen.
 */
class RoomHeader extends Div {

    final H2 title = new H2();
    final Span description = new Span();
    /*
     * The components below that are null at first are made when the room's state first calls for them (see update),
     * and from then on shown or hidden: most viewers never see them, and every open view would hold them otherwise
     * (docs/benchmarks.md, heap per session).
     */
    @Nullable
    Button joinButton;

    final Button leaveButton = new Button("Leave");

    @Nullable
    Button inviteButton;
    /** To the room's Webhooks page (the webhooks feature's, reached by its route so that messages need not know it). */
    @Nullable
    Button webhooksButton;

    final Button membersToggle = new Button(VaadinIcon.USERS.create());

    @Nullable
    Button settingsButton;

    @Nullable
    Span archivedBadge;

    private final Div heading = new Div();
    private final Div actions = new Div();
    private final UserId user;
    private final String slug;
    private final Memberships members;
    private final MemberActions memberActions;
    private final Runnable join;

    /**
     * @param join joins the room, for the whole page
     * @param toggleMembers shows or hides the members sidebar on a narrow screen
     */
    RoomHeader(
            RoomSummary room,
            UserId user,
            Memberships members,
            MemberActions memberActions,
            Runnable join,
            Runnable toggleMembers) {
        this.user = user;
        this.slug = room.slug();
        this.members = members;
        this.memberActions = memberActions;
        this.join = join;
        title.addClassName("room-title");
        description.addClassName("room-description");
        showRoom(room);
        leaveButton.addThemeVariants(ButtonVariant.TERTIARY);
        leaveButton.addClickListener(e -> leave());
        membersToggle.addThemeVariants(ButtonVariant.TERTIARY);
        membersToggle.setAriaLabel("Show members");
        membersToggle.addClassName("members-toggle");
        membersToggle.addClickListener(e -> toggleMembers.run());
        heading.add(title, description);
        heading.addClassName("room-heading");
        actions.add(leaveButton, membersToggle);
        actions.addClassName("room-actions");
        add(heading, actions);
        addClassName("room-header");
    }

    /** The room's name and description as its settings are now. */
    void showRoom(RoomSummary room) {
        title.setText(titleOf(room));
        description.setText(room.description());
    }

    /** The header's title: "🔒 design" or "#design", or for a direct conversation the people in it. */
    static String titleOf(RoomSummary room) {
        return room.direct() ? room.name() : (room.isPrivate() ? "🔒 " : "#") + room.name();
    }

    /**
     * The buttons for what the viewer may do now, from their membership and role, and the archived badge. The services
     * check every action again; this only keeps the header from offering what would be refused.
     */
    void update(RoomSummary room) {
        boolean archived = room.archived();
        boolean admin = room.role() == RoomRole.ADMIN;
        boolean moderates = !room.direct() && RoomAccess.canModerate(room.role());
        boolean mayJoin = !room.member() && !room.isPrivate();
        if (mayJoin && joinButton == null) {
            Button button = new Button("Join room", e -> join.run());
            button.addThemeVariants(ButtonVariant.PRIMARY);
            joinButton = addAction(button, 0);
        }
        if (admin && inviteButton == null) {
            Button button = new Button("Invite", VaadinIcon.USER_CHECK.create(), e -> memberActions.invite());
            button.addThemeVariants(ButtonVariant.TERTIARY);
            button.addClassName("invite-button");
            inviteButton = addAction(button, 1);
        }
        if (moderates && settingsButton == null) {
            Button button = new Button(VaadinIcon.COG.create(), e -> memberActions.openSettings());
            button.addThemeVariants(ButtonVariant.TERTIARY);
            button.setAriaLabel("Room settings");
            button.setTooltipText("Room settings and moderation");
            button.addClassName("settings-button");
            settingsButton = addAction(button, 2);
        }
        if (admin && webhooksButton == null) {
            Button button = new Button("Webhooks", VaadinIcon.CONNECT.create(), e -> getUI().ifPresent(
                            ui -> ui.navigate("rooms/" + slug + "/webhooks")));
            button.addThemeVariants(ButtonVariant.TERTIARY);
            button.addClassName("webhooks-button");
            webhooksButton = addAction(button, 3);
        }
        if (archived && archivedBadge == null) {
            Span badge = new Span("Archived");
            badge.addClassName("archived-badge");
            heading.addComponentAtIndex(heading.indexOf(title) + 1, badge);
            archivedBadge = badge;
        }
        setVisible(inviteButton, admin);
        setVisible(settingsButton, moderates);
        setVisible(archivedBadge, archived);
        setVisible(webhooksButton, admin);
        setVisible(joinButton, mayJoin);
        leaveButton.setVisible(room.member());
    }

    private void leave() {
        try {
            members.leave(user, slug);
            getUI().ifPresent(ui -> ui.navigate(""));
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
    }

    /**
     * Adds a button made on first use in its place: join, invite, settings, webhooks (by {@code rank}, 0 to 3), then
     * leave and the members toggle.
     */
    private Button addAction(Button button, int rank) {
        Button[] ranked = {joinButton, inviteButton, settingsButton, webhooksButton};
        int index = 0;
        for (int i = 0; i < rank; i++) {
            if (ranked[i] != null) {
                index++;
            }
        }
        actions.addComponentAtIndex(index, button);
        return button;
    }

    private static void setVisible(@Nullable Component component, boolean visible) {
        if (component != null) {
            component.setVisible(visible);
        }
    }
}
