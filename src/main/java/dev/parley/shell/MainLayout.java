package dev.parley.shell;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.VaadinSession;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.GuestAccess;
import dev.parley.accounts.InstanceAdministration;
import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.SessionsEnded;
import dev.parley.accounts.UserProfileChanged;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.Avatars;
import dev.parley.base.ui.GuestBadge;
import dev.parley.base.ui.UnreadBadge;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageMarkdown;
import dev.parley.messages.MessageMentioned;
import dev.parley.messages.MessageService;
import dev.parley.presence.PresenceService;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.UiBatcher;
import dev.parley.realtime.UiSubscriptions;
import dev.parley.rooms.DirectConversations;
import dev.parley.rooms.Invitation;
import dev.parley.rooms.InvitationReceived;
import dev.parley.rooms.InvitationsChanged;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.MembershipChanged;
import dev.parley.rooms.RoomCreated;
import dev.parley.rooms.RoomDeleted;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomId;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.RoomUpdated;
import dev.parley.rooms.reading.ReadPositions;
import dev.parley.rooms.reading.UnreadTracker;
import dev.parley.search.SearchService;
import dev.parley.search.ui.SearchBox;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The layout of every signed-in view. It registers the browser tab with presence while it is open, and keeps the list
 * of the user's rooms in the drawer up to date, each with its unread and mention counts. The header's notifications
 * button lists the user's invitations and mentions; a mention in a room other than the one shown pops up a short toast,
 * and so does an invitation to a room, with a button to accept it. The header's search field finds messages in every
 * room the user may read. The user menu shows the user's picture and name, following changes made on the Profile page
 * in any tab. The drawer becomes an overlay on narrow screens.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    /** Unread badges change at most this often, however busy the rooms. */
    private static final Duration BADGE_BATCH_INTERVAL = Duration.ofSeconds(1);

    private static final String ROOM_ROUTE = "rooms/";

    /** How long a mention's toast stays up. */
    private static final int TOAST_MILLIS = 6000;

    private static final int TOAST_SNIPPET = 100;

    final SideNav roomNav = new SideNav("Your rooms");
    /** Direct conversations, apart from the rooms, with the same badges. */
    final SideNav directNav = new SideNav("Direct messages");

    final Button newConversation = new Button(VaadinIcon.PLUS.create());
    /** The unread badge of each room in the navigation. */
    final Map<RoomId, Span> badges = new HashMap<>();
    /** The mention badge of each room in the navigation. */
    final Map<RoomId, Span> mentionBadges = new HashMap<>();

    final NotificationBell notifications;
    /** The header's picture and name of the signed-in user; they follow changes made on the Profile page. */
    final Avatar userAvatar;

    final Span userName = new Span();

    final SearchBox searchBox;

    private final Map<String, RoomId> roomsBySlug = new HashMap<>();
    /** The navigation's item of each room, renamed or removed in place when its admins change or delete it. */
    final Map<RoomId, SideNavItem> navItems = new HashMap<>();

    private final Map<RoomId, RoomSummary> roomsById = new HashMap<>();
    private final Broadcaster broadcaster;
    private @Nullable UnreadTracker unread;
    private @Nullable String shownSlug;

    private final ParleyUser user;
    private final RoomService rooms;
    private final ReadPositions reading;
    private final PresenceService presence;
    private PresenceService.@Nullable Connection presenceConnection;
    private final GuestAccess guests;
    /** Set when this tab's guest leaves: it goes to the sign-in page with its own notice. */
    private boolean leaving;

    MainLayout(
            CurrentUser currentUser,
            AccountService accounts,
            InstanceAdministration administration,
            RoomService rooms,
            RoomGuard guard,
            DirectConversations directs,
            ReadPositions reading,
            MessageService messages,
            SearchService search,
            InviteService invites,
            PresenceService presence,
            GuestAccess guests,
            Broadcaster broadcaster,
            Clock clock) {
        this.user = currentUser.require();
        this.guests = guests;
        this.rooms = rooms;
        this.reading = reading;
        this.presence = presence;
        this.broadcaster = broadcaster;
        addClassName("main-layout");
        setPrimarySection(Section.DRAWER);

        H2 title = new H2("Parley");
        title.addClassName("app-title");
        notifications =
                new NotificationBell(messages, invites, user.id(), user.getUsername(), clock, room -> UI.getCurrent()
                        .navigate(ROOM_ROUTE + room.slug()));
        // From the database, not the sign-in: the name may have changed since.
        UserSummary me = accounts.summary(user.id());
        userAvatar = Avatars.of(me.displayName(), me.initials(), me.id().value(), me.avatarUrl());
        userAvatar.setId("user-avatar");
        userName.setText(me.displayName());
        searchBox = new SearchBox(search, guard, user.id());
        addToNavbar(new DrawerToggle(), title, searchBox, new Div(), notifications, userMenu(currentUser));

        SideNav main = new SideNav();
        main.addItem(new SideNavItem("Lobby", "", VaadinIcon.HOME.create()));
        main.addItem(new SideNavItem("People", "people", VaadinIcon.USERS.create()));
        main.addItem(new SideNavItem("Profile", "profile", VaadinIcon.USER.create()));
        if (administration.isAdmin(user.id())) {
            main.addItem(new SideNavItem("Administration", "admin", VaadinIcon.COG.create()));
        }
        roomNav.setCollapsible(true);
        roomNav.setId("room-nav");
        directNav.setCollapsible(true);
        directNav.setId("direct-nav");
        newConversation.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        newConversation.setText("New conversation");
        newConversation.setId("new-conversation");
        newConversation.addClickListener(click -> new NewConversationDialog(accounts, directs, user.id()).open());
        // Guests take part in public rooms only: no direct conversations (the service refuses them too).
        newConversation.setVisible(!user.guest());
        Div drawer = new Div(main, roomNav, directNav, newConversation);
        drawer.addClassName("drawer-content");
        addToDrawer(new Scroller(drawer));
        refreshRooms();

        // One subscription to the user's topic for all that the layout follows, dispatched by the event's type: each
        // subscription is held by every open page (docs/benchmarks.md, heap per session).
        String sessionId = VaadinSession.getCurrent().getSession().getId();
        UiSubscriptions.whileAttached(
                this,
                listener -> broadcaster.subscribe(user.id().topic(), listener),
                event -> switch (event) {
                    case RoomCreated created -> true;
                    case MembershipChanged changed -> true;
                    case RoomUpdated updated -> true;
                    case RoomDeleted deleted -> true;
                    // Signed out from another browser (or by a password change there).
                    case SessionsEnded ended -> ended.sessionIds().contains(sessionId) && !leaving;
                    case MessageMentioned mentioned -> true;
                    case UserProfileChanged changed -> true;
                    case InvitationReceived received -> true;
                    case InvitationsChanged changed -> true;
                    default -> false;
                },
                this::onUserEvent);
    }

    /** An event on the user's own topic that the layout follows. */
    private void onUserEvent(Object event) {
        switch (event) {
            case RoomCreated created -> refreshRooms();
            case MembershipChanged changed -> refreshRooms();
            // Settings and deletion come to every member's topic; the item changes from what the event carries.
            case RoomUpdated updated -> onRoomChanged(updated);
            case RoomDeleted deleted -> onRoomChanged(deleted);
            // This tab goes to the sign-in page.
            case SessionsEnded ended -> UI.getCurrent().getPage().setLocation("login");
            case MessageMentioned mentioned -> onMentioned(mentioned);
            case UserProfileChanged changed -> showProfile(changed.user());
            case InvitationReceived received -> onInvitations(received);
            case InvitationsChanged changed -> onInvitations(changed);
            default -> {}
        }
    }

    /** An invitation came (a toast says so, with Accept), or the user's invitations changed otherwise. */
    private void onInvitations(Object event) {
        notifications.invitationsChanged();
        if (!(event instanceof InvitationReceived received)) {
            return;
        }
        Invitation invitation = received.invitation();
        Notification toast = new Notification();
        toast.addClassName("invite-toast");
        toast.setDuration(TOAST_MILLIS);
        toast.setPosition(Notification.Position.TOP_END);
        Span text = new Span(invitation.invitedBy().displayName() + " invited you to "
                + (invitation.roomPrivate() ? "🔒 " : "#") + invitation.roomName());
        Button accept = new Button("Accept", click -> {
            toast.close();
            notifications.accept(invitation);
        });
        accept.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.SMALL);
        Button later = new Button("Later", click -> toast.close());
        later.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        toast.add(text, accept, later);
        toast.open();
    }

    private MenuBar userMenu(CurrentUser currentUser) {
        userName.addClassName("user-name");
        Div who = new Div(userAvatar, userName);
        if (user.guest()) {
            who.add(GuestBadge.create());
        }
        who.addClassName("user-menu-button");
        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        var item = menu.addItem(who);
        item.getSubMenu().addItem("Profile", e -> UI.getCurrent().navigate("profile"));
        if (user.guest()) {
            item.getSubMenu().addItem("Leave", e -> leave()).setId("leave");
        } else {
            item.getSubMenu().addItem("Sign out", e -> currentUser.signOut());
        }
        menu.setId("user-menu");
        return menu;
    }

    /**
     * The guest leaves: every browser of theirs is signed out (other tabs go to the sign-in page), they are offline at
     * once and their name is free. This tab says goodbye on the sign-in page.
     */
    void leave() {
        try {
            leaving = true;
            guests.leave(user.id());
            UI.getCurrent().getPage().setLocation("login?left");
        } catch (ParleyException e) {
            leaving = false;
            Notification.show(e.getMessage());
        }
    }

    /** The user changed their name or picture, in this tab or another. */
    private void showProfile(UserSummary me) {
        Avatars.show(userAvatar, me.displayName(), me.initials(), me.avatarUrl());
        userName.setText(me.displayName());
    }

    private void refreshRooms() {
        roomNav.removeAll();
        directNav.removeAll();
        badges.clear();
        mentionBadges.clear();
        roomsBySlug.clear();
        roomsById.clear();
        navItems.clear();
        for (RoomSummary room : rooms.memberRooms(user.id())) {
            SideNavItem item = new SideNavItem(
                    room.name(), ROOM_ROUTE + room.slug(), iconOf(room).create());
            navItems.put(room.id(), item);
            Span mentions = UnreadBadge.createMentions();
            Span badge = UnreadBadge.create();
            Span counts = new Span(mentions, badge);
            counts.addClassName("room-badges");
            item.setSuffixComponent(counts);
            badges.put(room.id(), badge);
            mentionBadges.put(room.id(), mentions);
            roomsBySlug.put(room.slug(), room.id());
            roomsById.put(room.id(), room);
            (room.direct() ? directNav : roomNav).addItem(item);
        }
        if (unread != null) {
            unread.follow(shownRoom());
            unread.reload();
            updateBadges();
        }
    }

    private static VaadinIcon iconOf(RoomSummary room) {
        if (room.direct()) {
            return VaadinIcon.COMMENT_O;
        }
        if (room.archived()) {
            return VaadinIcon.ARCHIVE;
        }
        return room.isPrivate() ? VaadinIcon.LOCK : VaadinIcon.HASH;
    }

    /** One of the user's rooms was renamed, made private or public, archived or deleted. */
    private void onRoomChanged(Object event) {
        switch (event) {
            case RoomUpdated updated -> {
                RoomSummary known = roomsById.get(updated.id());
                SideNavItem item = navItems.get(updated.id());
                if (known == null || item == null) {
                    return;
                }
                RoomSummary now = known.withSettings(
                        updated.name(), updated.description(), updated.isPrivate(), updated.archived());
                roomsById.put(now.id(), now);
                item.setLabel(now.name());
                item.setPrefixComponent(iconOf(now).create());
            }
            case RoomDeleted deleted -> {
                SideNavItem item = navItems.remove(deleted.id());
                if (item != null) {
                    roomNav.remove(item);
                }
                roomsById.remove(deleted.id());
                roomsBySlug.remove(deleted.slug());
                badges.remove(deleted.id());
                mentionBadges.remove(deleted.id());
            }
            default -> {}
        }
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        String path = event.getLocation().getPath();
        shownSlug = path.startsWith(ROOM_ROUTE) ? path.substring(ROOM_ROUTE.length()) : null;
        searchBox.setRoom(shownSlug);
        if (unread != null) {
            unread.follow(shownRoom());
            updateBadges();
        }
    }

    private @Nullable RoomId shownRoom() {
        return shownSlug == null ? null : roomsBySlug.get(shownSlug);
    }

    private void updateBadges() {
        updateBadges(badges.keySet());
    }

    private void updateBadges(Collection<RoomId> changed) {
        if (unread == null) {
            return;
        }
        for (RoomId room : changed) {
            Span badge = badges.get(room);
            if (badge != null) {
                UnreadBadge.show(badge, unread.unread(room));
                UnreadBadge.showMentions(mentionBadges.get(room), unread.unreadMentions(room));
            }
        }
        notifications.setUnread(unread.unreadMentions());
    }

    /**
     * A message mentioned the user: the open notifications list shows it, and unless it is in the room on screen, a
     * toast says so. The badges follow through the unread tracker.
     */
    private void onMentioned(MessageMentioned mentioned) {
        notifications.mentioned();
        RoomSummary room = roomsById.get(mentioned.roomId());
        if (room == null || room.id().equals(shownRoom())) {
            return;
        }
        ChatMessage message = mentioned.message();
        Notification toast = new Notification();
        toast.addClassName("mention-toast");
        toast.setDuration(TOAST_MILLIS);
        toast.setPosition(Notification.Position.TOP_END);
        Div text = new Div(
                new Span(message.author().displayName() + " mentioned you in "
                        + (room.direct() ? "your conversation with " : "#") + room.name()),
                new Div(MessageMarkdown.toSnippet(message.body(), TOAST_SNIPPET)));
        Button open = new Button("Open", click -> {
            toast.close();
            UI.getCurrent().navigate(ROOM_ROUTE + room.slug());
        });
        open.addThemeVariants(ButtonVariant.TERTIARY);
        toast.add(text, open);
        toast.open();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        PresenceService.Connection connection = presence.connect(user.id(), () -> ui.access(ui::close));
        presenceConnection = connection;
        ui.addHeartbeatListener(heartbeat -> connection.touch());
        UiBatcher<RoomId> batcher =
                new UiBatcher<>(ui, BADGE_BATCH_INTERVAL, changed -> updateBadges(new HashSet<>(changed)));
        UnreadTracker tracker = new UnreadTracker(reading, broadcaster, user.id(), batcher::add);
        unread = tracker;
        tracker.follow(shownRoom());
        updateBadges();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unread != null) {
            unread.close();
            unread = null;
        }
        if (presenceConnection != null) {
            presenceConnection.close();
            presenceConnection = null;
        }
        super.onDetach(event);
    }
}
