package dev.parley.rooms.ui;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ui.Avatars;
import dev.parley.base.ui.GuestBadge;
import dev.parley.base.ui.TimeFormat;
import dev.parley.realtime.UiBatcher;
import dev.parley.rooms.RoomAccess;
import dev.parley.rooms.RoomId;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomRoster;
import dev.parley.rooms.RoomRosters;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * The members sidebar: online members first, then the others with when they were last seen, at most
 * {@value RoomRoster#MAX_SHOWN} rows and a count of the rest. What it shows is the room's {@link RoomRoster}, shared by
 * every open view of the room and kept up to date once for all of them: a view holds no member of its own, and renders
 * when the roster tells it of a change (presence at most once a second).
 *
 * <p>For most viewers the rows are one element whose HTML is the rows' HTML in order, shared by every view that shows
 * the same rows (a room's views mostly do): an element per row cost every open view fifty of Flow's state nodes
 * (docs/benchmarks.md, heap per session). A presence change moves rows anyway, since online members come first, so the
 * element's HTML changes as a whole as often as the rows did one by one.
 *
 * <p>A viewer who moderates the room gets an element per row instead, since each row they may act on opens a menu when
 * clicked: change the member's role (admins), and mute or unmute, remove and ban them (admins; moderators for everyone
 * but admins). The menus' items are made again only when the row shows someone else, their role changes or they are
 * muted or unmuted.
 */
public class MembersPanel extends Div {

    static final int MAX_SHOWN = RoomRoster.MAX_SHOWN;

    final H3 title = new H3();
    /** The rows: one element with their HTML, or (for a viewer who moderates) an element per row with its menu. */
    Div list = newList();

    final Paragraph more = new Paragraph();

    /** The members muted now, as far as this view knows: only kept for a viewer who moderates. */
    private final Set<UserId> muted = new HashSet<>();
    /** The HTML of the rows as one element, when the viewer does not moderate. */
    private String listHtml = "";
    /** Whether {@link #list} holds an element per row (the viewer moderates). */
    private boolean withMenus;

    private final List<Div> rows = new ArrayList<>();
    private final List<String> shown = new ArrayList<>();
    private final List<RoomRoster.Member> rowMembers = new ArrayList<>();
    /** The menu of each shown row, for a viewer who moderates; and whose row (and role) its items are for. */
    private final List<ContextMenu> menus = new ArrayList<>();

    private final List<String> menuFor = new ArrayList<>();
    private final UserId viewer;
    private final MemberActions actions;
    private @Nullable RoomRole viewerRole;
    private ZoneId zone;
    /** The room's roster while the panel is attached. */
    private RoomRosters.@Nullable Handle roster;

    public MembersPanel(
            RoomRosters rosters,
            RoomId room,
            ZoneId zone,
            UserId viewer,
            @Nullable RoomRole viewerRole,
            MemberActions actions) {
        this.zone = zone;
        this.viewer = viewer;
        this.viewerRole = viewerRole;
        this.actions = actions;
        muted.addAll(actions.mutedNow());
        addClassName("members-panel");
        setId("members");
        more.addClassName("members-more");
        add(title, list, more);
        addAttachListener(attach -> {
            // The roster tells every view on one thread: each renders on a thread of its own, and changes that come
            // while a render waits are one render (the roster already holds presence back to once a second).
            UiBatcher<Boolean> changes = new UiBatcher<>(attach.getUI(), Duration.ZERO, batch -> render(Instant.now()));
            roster = rosters.open(viewer, room, () -> changes.add(Boolean.TRUE));
            render(Instant.now());
        });
        addDetachListener(detach -> {
            RoomRosters.Handle open = roster;
            if (open != null) {
                open.close();
                roster = null;
            }
        });
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
        render(Instant.now());
    }

    /** A member was muted or unmuted: their menu offers the other. */
    public void onMuted(UserId user, boolean isMuted) {
        if (isMuted ? muted.add(user) : muted.remove(user)) {
            render(Instant.now());
        }
    }

    /** The viewer's own role changed (or they left): the menus offer what the new role allows. */
    public void setViewerRole(@Nullable RoomRole role) {
        if (role == viewerRole) {
            return;
        }
        viewerRole = role;
        render(Instant.now());
    }

    /** The menu of the row showing the member, if the viewer may act on them: for tests. */
    @Nullable
    ContextMenu menuOf(String username) {
        for (int i = 0; i < rows.size(); i++) {
            if (username.equals(rowMembers.get(i).user().username())) {
                ContextMenu menu = i < menus.size() ? menus.get(i) : null;
                return menu != null && menu.getTarget() != null ? menu : null;
            }
        }
        return null;
    }

    /** The usernames of the rows shown, in order, read from the HTML the browser gets: for tests. */
    List<String> shownUsernames() {
        return shownRows().select(".member").eachAttr("data-username");
    }

    /** The HTML of the member's row as the browser gets it, or "" if it is not shown: for tests. */
    String rowHtml(String username) {
        return shownRows().select(".member").stream()
                .filter(row -> username.equals(row.attr("data-username")))
                .map(Element::outerHtml)
                .findFirst()
                .orElse("");
    }

    private Document shownRows() {
        String html = withMenus
                ? rows.stream()
                        .map(row -> row.getElement().getProperty("innerHTML", ""))
                        .collect(Collectors.joining())
                : listHtml;
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        return document;
    }

    /**
     * Every member, online first, then by name (the sidebar shows the first of them), or nobody while the panel is
     * detached: what the composer suggests mentions from.
     */
    public List<RoomRoster.Member> ordered() {
        RoomRosters.Handle open = roster;
        return open == null ? List.of() : open.roster().snapshot().ordered();
    }

    /** Updates the "last seen …" times. */
    public void refreshTimes(Instant now) {
        render(now);
    }

    /** Shows the first rows in order: as one element, or changing only the rows whose content changed. */
    private void render(Instant now) {
        RoomRosters.Handle open = roster;
        if (open == null) {
            return;
        }
        RoomRoster.Snapshot snapshot = open.roster().snapshot();
        List<String> html = new ArrayList<>(snapshot.first().size());
        for (RoomRoster.Member member : snapshot.first()) {
            html.add(MemberHtml.of(member.user(), member.role(), member.online(), status(member, now)));
        }
        boolean menusNow = RoomAccess.canModerate(viewerRole);
        if (menusNow != withMenus) {
            Div replacement = newList();
            replace(list, replacement);
            list = replacement;
            withMenus = menusNow;
            listHtml = "";
            rows.clear();
            shown.clear();
            rowMembers.clear();
            menus.forEach(menu -> menu.setTarget(null));
            menus.clear();
            menuFor.clear();
        }
        if (withMenus) {
            renderRows(snapshot.first(), html);
        } else {
            String joined = MemberListHtml.of(html);
            if (!joined.equals(listHtml)) {
                listHtml = joined;
                list.getElement().setProperty("innerHTML", joined);
            }
        }
        int hidden = snapshot.size() - snapshot.first().size();
        more.setText("and " + hidden + " more");
        more.setVisible(hidden > 0);
        title.setText("Members · " + snapshot.size() + " (" + snapshot.online() + " online)");
    }

    private static Div newList() {
        Div list = new Div();
        list.addClassName("members-list");
        return list;
    }

    /** An element per row, for a viewer who moderates: each row they may act on gets its menu. */
    private void renderRows(List<RoomRoster.Member> first, List<String> html) {
        int index = 0;
        for (RoomRoster.Member member : first) {
            if (index == rows.size()) {
                Div row = new Div();
                row.addClassName("member-slot");
                rows.add(row);
                shown.add("");
                rowMembers.add(member);
                list.add(row);
            }
            if (!html.get(index).equals(shown.get(index))) {
                rows.get(index).getElement().setProperty("innerHTML", html.get(index));
                shown.set(index, html.get(index));
            }
            rowMembers.set(index, member);
            updateMenu(index, member);
            index++;
        }
        while (rows.size() > index) {
            list.remove(rows.removeLast());
            shown.removeLast();
            rowMembers.removeLast();
            if (menus.size() > rows.size()) {
                menus.removeLast().setTarget(null);
                menuFor.removeLast();
            }
        }
    }

    /**
     * Gives the row at {@code index} the menu of what the viewer may do to its member, or none. Made again only when
     * the row shows another member, role or viewer role than before, so presence storms leave menus alone.
     */
    private void updateMenu(int index, RoomRoster.Member member) {
        List<MenuAction> allowed = allowedActions(member);
        if (allowed.isEmpty() && menus.size() <= index) {
            return;
        }
        while (menus.size() <= index) {
            ContextMenu menu = new ContextMenu();
            menu.setOpenOnClick(true);
            menu.addClassName("member-menu");
            menus.add(menu);
            menuFor.add("");
        }
        String key = member.user().id().value() + ":" + member.role() + ":" + viewerRole + ":"
                + muted.contains(member.user().id());
        if (key.equals(menuFor.get(index))) {
            return;
        }
        menuFor.set(index, key);
        ContextMenu menu = menus.get(index);
        menu.removeAll();
        if (allowed.isEmpty()) {
            menu.setTarget(null);
            rows.get(index).removeClassName("has-menu");
            return;
        }
        UserSummary user = member.user();
        for (MenuAction action : allowed) {
            menu.addItem(action.label, click -> {
                switch (action.kind) {
                    case ROLE -> actions.changeRole(user, java.util.Objects.requireNonNull(action.role));
                    case REMOVE -> actions.remove(user);
                    case MUTE -> actions.mute(user);
                    case UNMUTE -> actions.unmute(user);
                    case BAN -> actions.ban(user);
                }
            });
        }
        menu.setTarget(rows.get(index));
        rows.get(index).addClassName("has-menu");
    }

    private enum Kind {
        ROLE,
        MUTE,
        UNMUTE,
        REMOVE,
        BAN
    }

    /** One entry of a member's menu: a role to give (with the role), or another action. */
    private record MenuAction(
            String label, Kind kind, @Nullable RoomRole role) {

        MenuAction(String label, Kind kind) {
            this(label, kind, null);
        }
    }

    private List<MenuAction> allowedActions(RoomRoster.Member member) {
        List<MenuAction> allowed = new ArrayList<>();
        boolean self = member.user().id().equals(viewer);
        if (viewerRole == RoomRole.ADMIN) {
            if (member.role() != RoomRole.ADMIN) {
                allowed.add(new MenuAction("Make admin", Kind.ROLE, RoomRole.ADMIN));
            }
            if (member.role() != RoomRole.MODERATOR) {
                allowed.add(new MenuAction("Make moderator", Kind.ROLE, RoomRole.MODERATOR));
            }
            if (member.role() != RoomRole.MEMBER) {
                allowed.add(new MenuAction("Make member", Kind.ROLE, RoomRole.MEMBER));
            }
        }
        boolean mayRemove =
                viewerRole == RoomRole.ADMIN || (viewerRole == RoomRole.MODERATOR && member.role() != RoomRole.ADMIN);
        if (mayRemove && !self) {
            allowed.add(
                    muted.contains(member.user().id())
                            ? new MenuAction("Unmute", Kind.UNMUTE)
                            : new MenuAction("Mute…", Kind.MUTE));
            allowed.add(new MenuAction("Remove from room", Kind.REMOVE));
            allowed.add(new MenuAction("Ban…", Kind.BAN));
        }
        return allowed;
    }

    private String status(RoomRoster.Member member, Instant now) {
        if (member.online()) {
            return "online";
        }
        return member.lastSeen() == null ? "offline" : "last seen " + TimeFormat.relative(member.lastSeen(), now, zone);
    }

    /** A member row as HTML, shared by every view that shows the same member in the same state. */
    static final class MemberHtml {

        private record Key(
                UserId id,
                String username,
                String displayName,
                String initials,
                @Nullable String avatarUrl,
                boolean guest,
                RoomRole role,
                boolean online,
                String status) {}

        /** Caffeine, not a synchronized map: presence storms render rows in every view at once (see MessageHtml). */
        private static final Cache<Key, String> cache =
                Caffeine.newBuilder().maximumSize(20_000).build();

        private MemberHtml() {}

        static String of(UserSummary user, RoomRole role, boolean online, String status) {
            return cache.get(
                    new Key(
                            user.id(),
                            user.username(),
                            user.displayName(),
                            user.initials(),
                            user.avatarUrl(),
                            user.guest(),
                            role,
                            online,
                            status),
                    MemberHtml::render);
        }

        private static String render(Key key) {
            Element row = new Element("div")
                    .addClass("member")
                    .addClass(key.online() ? "is-online" : "is-offline")
                    .attr("data-username", key.username());
            Avatars.appendHtml(row, key.id().value(), key.initials(), key.avatarUrl());
            Element text = row.appendElement("div").addClass("member-text");
            Element name = text.appendElement("span").addClass("member-name").text(key.displayName());
            if (key.guest()) {
                name.appendElement("span").addClass(GuestBadge.CLASS_NAME).text(GuestBadge.TEXT);
            }
            text.appendElement("span").addClass("member-status").text(key.status());
            if (key.role() != RoomRole.MEMBER) {
                text.appendElement("span")
                        .addClass("member-role")
                        .text(key.role() == RoomRole.ADMIN ? "admin" : "moderator");
            }
            return row.outerHtml();
        }
    }

    /** The rows shown, in order, as one piece of HTML: shared by every view showing the same rows. */
    static final class MemberListHtml {

        /**
         * Keyed by the rows' shared HTML; an entry lives while some view shows it (weak values: the views' elements
         * hold the string).
         */
        private static final Cache<List<String>, String> cache =
                Caffeine.newBuilder().weakValues().maximumSize(10_000).build();

        private MemberListHtml() {}

        static String of(List<String> rows) {
            return cache.get(List.copyOf(rows), key -> String.join("", key));
        }
    }
}
