package dev.parley.messages.ui;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ui.GuestBadge;
import dev.parley.base.ui.TimeFormat;
import dev.parley.presence.PresenceChanged;
import dev.parley.rooms.MemberRoleChanged;
import dev.parley.rooms.MembershipChanged;
import dev.parley.rooms.RoomAccess;
import dev.parley.rooms.RoomMember;
import dev.parley.rooms.RoomRole;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * The members sidebar: online members first, then the others with when they were last seen, at most
 * {@value #MAX_SHOWN} rows and a count of the rest. It follows presence and membership events from what they carry,
 * without querying: in a large room every view receives every member's presence changes.
 *
 * <p>For most viewers the rows are one element whose HTML is the rows' HTML in order, shared by every view that
 * shows the same rows (a room's views mostly do): an element per row cost every open view fifty of Flow's state
 * nodes (docs/benchmarks.md, heap per session). A presence change moves rows anyway, since online members come first,
 * so the element's HTML changes as a whole as often as the rows did one by one.
 *
 * <p>A viewer who moderates the room gets an element per row instead, since each row they may act on opens a menu
 * when clicked: change the member's role (admins), and mute or unmute, remove and ban them (admins; moderators for
 * everyone but admins). The menus' items are made again only when the row shows someone else, their role changes or
 * they are muted or unmuted.
 */
class MembersPanel extends Div {

    static final int MAX_SHOWN = 50;

    /** What the member rows' menus do; the room view asks the service, which checks again. */
    interface Actions {

        void remove(UserSummary member);

        void changeRole(UserSummary member, RoomRole role);

        void mute(UserSummary member);

        void unmute(UserSummary member);

        void ban(UserSummary member);
    }

    private static final Comparator<Member> ORDER = Comparator.comparing((Member m) -> !m.online)
            .thenComparing(m -> m.user.displayName(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(m -> m.user.username());

    final H3 title = new H3();
    /** The rows: one element with their HTML, or (for a viewer who moderates) an element per row with its menu. */
    Div list = newList();

    final Paragraph more = new Paragraph();

    private final Map<UserId, Member> members = new HashMap<>();
    /** The members muted now, as far as this view knows: only kept for a viewer who moderates. */
    private final Set<UserId> muted = new HashSet<>();
    /**
     * The ids of everyone who was a member while this view was open, sorted; read on the broadcaster's threads, and
     * replaced (not changed) when someone joins. An array rather than a set: every open view holds one entry per
     * member of a large room (docs/benchmarks.md, heap per session).
     */
    private volatile long[] everShown;

    /** The HTML of the rows as one element, when the viewer does not moderate. */
    private String listHtml = "";
    /** Whether {@link #list} holds an element per row (the viewer moderates). */
    private boolean withMenus;

    private final List<Div> rows = new ArrayList<>();
    private final List<String> shown = new ArrayList<>();
    private final List<UserId> rowMembers = new ArrayList<>();
    /** The menu of each shown row, for a viewer who moderates; and whose row (and role) its items are for. */
    private final List<ContextMenu> menus = new ArrayList<>();

    private final List<String> menuFor = new ArrayList<>();
    private final UserId viewer;
    private final Actions actions;
    private @Nullable RoomRole viewerRole;
    private ZoneId zone;

    MembersPanel(List<RoomMember> initial, ZoneId zone, UserId viewer, @Nullable RoomRole viewerRole, Actions actions) {
        this.zone = zone;
        this.viewer = viewer;
        this.viewerRole = viewerRole;
        this.actions = actions;
        addClassName("members-panel");
        setId("members");
        more.addClassName("members-more");
        add(title, list, more);
        everShown =
                initial.stream().mapToLong(m -> m.user().id().value()).sorted().toArray();
        initial.forEach(m -> put(new Member(m.user(), m.role(), m.online())));
        render(Instant.now());
    }

    void setZone(ZoneId zone) {
        this.zone = zone;
        render(Instant.now());
    }

    /** Applies a batch of presence changes, in order, and renders once. */
    void onPresence(List<PresenceChanged> changes) {
        boolean changed = false;
        for (PresenceChanged change : changes) {
            Member member = members.get(change.user());
            if (member == null) {
                continue;
            }
            member.online = change.online();
            if (change.lastSeen() != null) {
                member.lastSeen = change.lastSeen();
            }
            changed = true;
        }
        if (changed) {
            render(Instant.now());
        }
    }

    void onMembership(MembershipChanged change, boolean isOnline) {
        UserId id = change.user().id();
        if (change.joined() && !members.containsKey(id)) {
            put(new Member(change.user(), RoomRole.MEMBER, isOnline));
        } else if (!change.joined()) {
            members.remove(id);
        }
        render(Instant.now());
    }

    /** An admin changed a member's role: their row shows it (and, for a viewer who moderates, its menu follows). */
    void onRoleChanged(MemberRoleChanged change) {
        Member member = members.get(change.user().id());
        if (member == null || member.role == change.role()) {
            return;
        }
        Member changed = new Member(member.user, change.role(), member.online);
        changed.lastSeen = member.lastSeen;
        put(changed);
        render(Instant.now());
    }

    /** The members muted when the view opened; for a viewer who moderates (others never see who is muted). */
    void setMuted(Set<UserId> mutedNow) {
        muted.clear();
        muted.addAll(mutedNow);
        render(Instant.now());
    }

    /** A member was muted or unmuted: their menu offers the other. */
    void onMuted(UserId user, boolean isMuted) {
        if (isMuted ? muted.add(user) : muted.remove(user)) {
            render(Instant.now());
        }
    }

    /** The viewer's own role changed (or they left): the menus offer what the new role allows. */
    void setViewerRole(@Nullable RoomRole role) {
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
            Member member = members.get(rowMembers.get(i));
            if (member != null && username.equals(member.user.username())) {
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
     * A member changed their name or picture: their row shows it (and moves, when the name changes the order). Does
     * nothing for someone who is not a member.
     */
    void onProfileChanged(UserSummary user) {
        Member member = members.get(user.id());
        if (member == null) {
            return;
        }
        Member changed = new Member(user, member.role, member.online);
        changed.lastSeen = member.lastSeen;
        put(changed);
        render(Instant.now());
    }

    /**
     * Whether the user is a member as this view knows them, or was one while it was open: safe on any thread, for
     * deciding cheaply whether an event concerns this view (a few members too many only cost a look).
     */
    boolean mayShow(UserId user) {
        return Arrays.binarySearch(everShown, user.value()) >= 0;
    }

    /** The members as this view knows them, with whether they are online: what mentions are suggested from. */
    List<MentionSuggestions.Candidate> mentionCandidates() {
        return ordered().stream()
                .map(m -> new MentionSuggestions.Candidate(m.user, m.online))
                .toList();
    }

    /** Updates the "last seen …" times. */
    void refreshTimes(Instant now) {
        render(now);
    }

    private void put(Member member) {
        long id = member.user.id().value();
        long[] known = everShown;
        int at = Arrays.binarySearch(known, id);
        if (at < 0) {
            int insert = -at - 1;
            long[] more = new long[known.length + 1];
            System.arraycopy(known, 0, more, 0, insert);
            more[insert] = id;
            System.arraycopy(known, insert, more, insert + 1, known.length - insert);
            everShown = more;
        }
        members.put(member.user.id(), member);
    }

    /**
     * All members in the order shown, for the mention suggestions: sorted when asked rather than kept in a sorted set,
     * which would cost every open view an entry per member (docs/benchmarks.md, heap per session).
     */
    private List<Member> ordered() {
        List<Member> sorted = new ArrayList<>(members.values());
        sorted.sort(ORDER);
        return sorted;
    }

    /**
     * The first {@value #MAX_SHOWN} members in the order shown, found without sorting them all: a presence batch in a
     * large room renders every open view of it, and sorting each view's whole member list was a quarter of that work
     * (Flight Recorder, a room of 1,000).
     */
    private List<Member> firstShown() {
        // The worst of those kept so far on top, so that a member who comes after it costs one comparison.
        PriorityQueue<Member> kept = new PriorityQueue<>(MAX_SHOWN + 1, ORDER.reversed());
        for (Member member : members.values()) {
            if (kept.size() < MAX_SHOWN) {
                kept.add(member);
            } else if (ORDER.compare(member, kept.peek()) < 0) {
                kept.poll();
                kept.add(member);
            }
        }
        List<Member> first = new ArrayList<>(kept);
        first.sort(ORDER);
        return first;
    }

    /** Shows the first rows in order: as one element, or changing only the rows whose content changed. */
    private void render(Instant now) {
        List<Member> first = firstShown();
        List<String> html = new ArrayList<>(first.size());
        for (Member member : first) {
            html.add(member.html(status(member, now)));
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
            renderRows(first, html);
        } else {
            String joined = MemberListHtml.of(html);
            if (!joined.equals(listHtml)) {
                listHtml = joined;
                list.getElement().setProperty("innerHTML", joined);
            }
        }
        long online = members.values().stream().filter(m -> m.online).count();
        int hidden = members.size() - first.size();
        more.setText("and " + hidden + " more");
        more.setVisible(hidden > 0);
        title.setText("Members · " + members.size() + " (" + online + " online)");
    }

    private static Div newList() {
        Div list = new Div();
        list.addClassName("members-list");
        return list;
    }

    /** An element per row, for a viewer who moderates: each row they may act on gets its menu. */
    private void renderRows(List<Member> first, List<String> html) {
        int index = 0;
        for (Member member : first) {
            if (index == rows.size()) {
                Div row = new Div();
                row.addClassName("member-slot");
                rows.add(row);
                shown.add("");
                rowMembers.add(member.user.id());
                list.add(row);
            }
            if (!html.get(index).equals(shown.get(index))) {
                rows.get(index).getElement().setProperty("innerHTML", html.get(index));
                shown.set(index, html.get(index));
            }
            rowMembers.set(index, member.user.id());
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
    private void updateMenu(int index, Member member) {
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
        String key = member.user.id().value() + ":" + member.role + ":" + viewerRole + ":"
                + muted.contains(member.user.id());
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
        UserSummary user = member.user;
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

    private List<MenuAction> allowedActions(Member member) {
        List<MenuAction> allowed = new ArrayList<>();
        boolean self = member.user.id().equals(viewer);
        if (viewerRole == RoomRole.ADMIN) {
            if (member.role != RoomRole.ADMIN) {
                allowed.add(new MenuAction("Make admin", Kind.ROLE, RoomRole.ADMIN));
            }
            if (member.role != RoomRole.MODERATOR) {
                allowed.add(new MenuAction("Make moderator", Kind.ROLE, RoomRole.MODERATOR));
            }
            if (member.role != RoomRole.MEMBER) {
                allowed.add(new MenuAction("Make member", Kind.ROLE, RoomRole.MEMBER));
            }
        }
        boolean mayRemove =
                viewerRole == RoomRole.ADMIN || (viewerRole == RoomRole.MODERATOR && member.role != RoomRole.ADMIN);
        if (mayRemove && !self) {
            allowed.add(
                    muted.contains(member.user.id())
                            ? new MenuAction("Unmute", Kind.UNMUTE)
                            : new MenuAction("Mute…", Kind.MUTE));
            allowed.add(new MenuAction("Remove from room", Kind.REMOVE));
            allowed.add(new MenuAction("Ban…", Kind.BAN));
        }
        return allowed;
    }

    private String status(Member member, Instant now) {
        if (member.online) {
            return "online";
        }
        return member.lastSeen == null ? "offline" : "last seen " + TimeFormat.relative(member.lastSeen, now, zone);
    }

    /** A member as this view knows them; only the view's thread touches it. */
    private static final class Member {

        final UserSummary user;
        final RoomRole role;
        boolean online;

        @Nullable
        Instant lastSeen;

        private String status = "";
        private String html = "";

        Member(UserSummary user, RoomRole role, boolean online) {
            this.user = user;
            this.role = role;
            this.online = online;
            this.lastSeen = user.lastSeenAt();
        }

        /** The row's HTML for a status, looked up again only when the status changed (and with it, being online). */
        String html(String newStatus) {
            if (!newStatus.equals(status)) {
                // Interned: few distinct labels ("online", "last seen 5 min ago"), held by many views.
                status = newStatus.intern();
                html = MemberHtml.of(user, role, online, status);
            }
            return html;
        }
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
            MessageHtml.appendAvatar(row, key.id().value(), key.initials(), key.avatarUrl());
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
