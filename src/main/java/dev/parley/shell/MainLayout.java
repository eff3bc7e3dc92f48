package dev.parley.shell;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ui.Avatars;
import dev.parley.base.ui.UnreadBadge;
import dev.parley.presence.PresenceService;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.UiBatcher;
import dev.parley.realtime.UiSubscriptions;
import dev.parley.rooms.MembershipChanged;
import dev.parley.rooms.RoomCreated;
import dev.parley.rooms.RoomId;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.UnreadTracker;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The layout of every signed-in view. It registers the browser tab with presence while it is open, and keeps the
 * list of the user's rooms in the drawer up to date, each with its unread count. The drawer becomes an overlay on
 * narrow screens.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    /** Unread badges change at most this often, however busy the rooms. */
    private static final Duration BADGE_BATCH_INTERVAL = Duration.ofSeconds(1);

    private static final String ROOM_ROUTE = "rooms/";

    final SideNav roomNav = new SideNav("Your rooms");
    /** The unread badge of each room in the navigation. */
    final Map<RoomId, Span> badges = new HashMap<>();

    private final Map<String, RoomId> roomsBySlug = new HashMap<>();
    private final Broadcaster broadcaster;
    private @Nullable UnreadTracker unread;
    private @Nullable String shownSlug;

    private final ParleyUser user;
    private final RoomService rooms;
    private final PresenceService presence;
    private PresenceService.@Nullable Connection presenceConnection;

    MainLayout(CurrentUser currentUser, RoomService rooms, PresenceService presence, Broadcaster broadcaster) {
        this.user = currentUser.require();
        this.rooms = rooms;
        this.presence = presence;
        this.broadcaster = broadcaster;
        addClassName("main-layout");
        setPrimarySection(Section.DRAWER);

        H2 title = new H2("Parley");
        title.addClassName("app-title");
        addToNavbar(new DrawerToggle(), title, new Div(), userMenu(currentUser));

        SideNav main = new SideNav();
        main.addItem(new SideNavItem("Lobby", "", VaadinIcon.HOME.create()));
        main.addItem(new SideNavItem("People", "people", VaadinIcon.USERS.create()));
        main.addItem(new SideNavItem("Profile", "profile", VaadinIcon.USER.create()));
        roomNav.setCollapsible(true);
        roomNav.setId("room-nav");
        Div drawer = new Div(main, roomNav);
        drawer.addClassName("drawer-content");
        addToDrawer(new Scroller(drawer));
        refreshRooms();

        UiSubscriptions.whileAttached(
                this,
                listener -> broadcaster.subscribe(user.id().topic(), listener),
                event -> event instanceof RoomCreated || event instanceof MembershipChanged,
                event -> refreshRooms());
    }

    private MenuBar userMenu(CurrentUser currentUser) {
        Avatar avatar = Avatars.of(
                user.displayName(),
                UserSummary.initialsOf(user.displayName(), user.getUsername()),
                user.id().value());
        Span name = new Span(user.displayName());
        name.addClassName("user-name");
        Div who = new Div(avatar, name);
        who.addClassName("user-menu-button");
        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        var item = menu.addItem(who);
        item.getSubMenu().addItem("Profile", e -> UI.getCurrent().navigate("profile"));
        item.getSubMenu().addItem("Sign out", e -> currentUser.signOut());
        menu.setId("user-menu");
        return menu;
    }

    private void refreshRooms() {
        roomNav.removeAll();
        badges.clear();
        roomsBySlug.clear();
        for (RoomSummary room : rooms.memberRooms(user.id())) {
            SideNavItem item = new SideNavItem(
                    room.name(),
                    ROOM_ROUTE + room.slug(),
                    (room.isPrivate() ? VaadinIcon.LOCK : VaadinIcon.HASH).create());
            Span badge = UnreadBadge.create();
            item.setSuffixComponent(badge);
            badges.put(room.id(), badge);
            roomsBySlug.put(room.slug(), room.id());
            roomNav.addItem(item);
        }
        if (unread != null) {
            unread.follow(shownRoom());
            unread.reload();
            badges.keySet().forEach(this::updateBadge);
        }
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        String path = event.getLocation().getPath();
        shownSlug = path.startsWith(ROOM_ROUTE) ? path.substring(ROOM_ROUTE.length()) : null;
        if (unread != null) {
            unread.follow(shownRoom());
            badges.keySet().forEach(this::updateBadge);
        }
    }

    private @Nullable RoomId shownRoom() {
        return shownSlug == null ? null : roomsBySlug.get(shownSlug);
    }

    private void updateBadge(RoomId room) {
        Span badge = badges.get(room);
        if (badge != null && unread != null) {
            UnreadBadge.show(badge, unread.unread(room));
        }
    }

    /** Shows a count in a badge: hidden at 0, "99+" above 99, and read out in full. */
    public static void showUnread(Span badge, long count) {
        badge.setVisible(count > 0);
        badge.setText(count > 99 ? "99+" : Long.toString(count));
        badge.getElement().setAttribute("aria-label", count + (count == 1 ? " unread message" : " unread messages"));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        PresenceService.Connection connection = presence.connect(user.id(), () -> ui.access(ui::close));
        presenceConnection = connection;
        ui.addHeartbeatListener(heartbeat -> connection.touch());
        UiBatcher<RoomId> batcher =
                new UiBatcher<>(ui, BADGE_BATCH_INTERVAL, changed -> new HashSet<>(changed).forEach(this::updateBadge));
        UnreadTracker tracker = new UnreadTracker(rooms, broadcaster, user.id(), batcher::add);
        unread = tracker;
        tracker.follow(shownRoom());
        badges.keySet().forEach(this::updateBadge);
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
