package dev.parley.messages.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ui.Avatars;
import dev.parley.base.ui.TimeFormat;
import dev.parley.presence.PresenceChanged;
import dev.parley.rooms.MembershipChanged;
import dev.parley.rooms.RoomMember;
import dev.parley.rooms.RoomRole;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The members sidebar: online members first, then the others with when they were last seen. It follows presence
 * and membership events from what they carry, without querying, and changes only the row concerned: in a large
 * room every view receives every member's presence changes.
 */
class MembersPanel extends Div {

    final H3 title = new H3();
    final Div online = new Div();
    final Div offline = new Div();

    private final Map<UserId, MemberRow> rows = new HashMap<>();
    private ZoneId zone;

    MembersPanel(List<RoomMember> initial, ZoneId zone) {
        this.zone = zone;
        addClassName("members-panel");
        setId("members");
        online.addClassName("members-online");
        offline.addClassName("members-offline");
        add(title, online, offline);
        Instant now = Instant.now();
        initial.stream().sorted(Comparator.comparing(m -> sortKey(m.user()))).forEach(m -> {
            MemberRow row = new MemberRow(m.user(), m.role(), m.online(), now);
            rows.put(m.user().id(), row);
            (m.online() ? online : offline).add(row);
        });
        updateTitle();
    }

    void setZone(ZoneId zone) {
        this.zone = zone;
        refreshTimes(Instant.now());
    }

    void onPresence(PresenceChanged change) {
        MemberRow row = rows.get(change.user());
        if (row == null) {
            return;
        }
        row.setOnline(change.online(), change.lastSeen(), Instant.now());
        place(row);
        updateTitle();
    }

    void onMembership(MembershipChanged change, boolean isOnline) {
        UserId id = change.user().id();
        if (change.joined() && !rows.containsKey(id)) {
            MemberRow row = new MemberRow(change.user(), RoomRole.MEMBER, isOnline, Instant.now());
            rows.put(id, row);
            place(row);
        } else if (!change.joined()) {
            MemberRow row = rows.remove(id);
            if (row != null) {
                row.removeFromParent();
            }
        }
        updateTitle();
    }

    /** Updates the "last seen …" times. */
    void refreshTimes(Instant now) {
        rows.values().stream().filter(row -> !row.online).forEach(row -> row.showStatus(now));
    }

    private void place(MemberRow row) {
        Div section = row.online ? online : offline;
        row.removeFromParent();
        int index = 0;
        for (var child : section.getChildren().toList()) {
            if (((MemberRow) child).key.compareTo(row.key) > 0) {
                break;
            }
            index++;
        }
        section.addComponentAtIndex(index, row);
    }

    private void updateTitle() {
        long onlineCount = rows.values().stream().filter(r -> r.online).count();
        title.setText("Members · " + rows.size() + " (" + onlineCount + " online)");
    }

    private static String sortKey(UserSummary user) {
        return user.displayName().toLowerCase(Locale.ROOT) + "\u0000" + user.username();
    }

    /** One member: avatar, name, online or last seen, and role. */
    private final class MemberRow extends Div {

        private final String key;
        private final Span status = new Span();
        private boolean online;
        private @Nullable Instant lastSeen;

        MemberRow(UserSummary user, RoomRole role, boolean online, Instant now) {
            this.key = sortKey(user);
            this.online = online;
            this.lastSeen = user.lastSeenAt();
            Span name = new Span(user.displayName());
            name.addClassName("member-name");
            status.addClassName("member-status");
            Div text = new Div(name, status);
            if (role == RoomRole.ADMIN) {
                Span badge = new Span("admin");
                badge.addClassName("member-role");
                text.add(badge);
            }
            add(Avatars.of(user.displayName(), user.initials(), user.id().value()), text);
            addClassName("member");
            getElement().setAttribute("data-username", user.username());
            showStatus(now);
        }

        void setOnline(boolean online, @Nullable Instant lastSeen, Instant now) {
            this.online = online;
            if (lastSeen != null) {
                this.lastSeen = lastSeen;
            }
            showStatus(now);
        }

        void showStatus(Instant now) {
            setClassName("is-online", online);
            setClassName("is-offline", !online);
            status.setText(
                    online
                            ? "online"
                            : lastSeen == null ? "offline" : "last seen " + TimeFormat.relative(lastSeen, now, zone));
        }
    }
}
