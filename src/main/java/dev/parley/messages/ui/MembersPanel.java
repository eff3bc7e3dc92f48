package dev.parley.messages.ui;

import com.vaadin.flow.component.avatar.Avatar;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members sidebar: online members first, then the others with when they were last seen. Follows presence and
 * membership events from what they carry, without querying.
 */
class MembersPanel extends Div {

    final H3 title = new H3();
    final Div online = new Div();
    final Div offline = new Div();

    private final Map<UserId, RoomMember> members = new LinkedHashMap<>();
    private ZoneId zone;

    MembersPanel(List<RoomMember> initial, ZoneId zone) {
        this.zone = zone;
        addClassName("members-panel");
        setId("members");
        online.addClassName("members-online");
        offline.addClassName("members-offline");
        add(title, online, offline);
        initial.forEach(m -> members.put(m.user().id(), m));
        render();
    }

    void setZone(ZoneId zone) {
        this.zone = zone;
        render();
    }

    void onPresence(PresenceChanged change) {
        RoomMember member = members.get(change.user());
        if (member == null) {
            return;
        }
        UserSummary user = member.user();
        if (!change.online()) {
            user = new UserSummary(user.id(), user.username(), user.displayName(), change.lastSeen());
        }
        members.put(change.user(), new RoomMember(user, member.role(), change.online()));
        render();
    }

    void onMembership(MembershipChanged change, boolean online) {
        if (change.joined()) {
            members.putIfAbsent(change.user().id(), new RoomMember(change.user(), RoomRole.MEMBER, online));
        } else {
            members.remove(change.user().id());
        }
        render();
    }

    void render() {
        online.removeAll();
        offline.removeAll();
        Instant now = Instant.now();
        members.values().stream()
                .sorted(Comparator.comparing(m -> m.user().displayName().toLowerCase()))
                .forEach(m -> (m.online() ? online : offline).add(row(m, now)));
        long onlineCount = members.values().stream().filter(RoomMember::online).count();
        title.setText("Members · " + members.size() + " (" + onlineCount + " online)");
    }

    private Div row(RoomMember member, Instant now) {
        UserSummary user = member.user();
        Avatar avatar =
                Avatars.of(user.displayName(), user.initials(), user.id().value());
        Span name = new Span(user.displayName());
        name.addClassName("member-name");
        Span status = new Span(member.online() ? "online" : lastSeen(user, now));
        status.addClassName("member-status");
        Div text = new Div(name, status);
        Div row = new Div(avatar, text);
        row.addClassName("member");
        row.addClassName(member.online() ? "is-online" : "is-offline");
        row.getElement().setAttribute("data-username", user.username());
        if (member.role() == RoomRole.ADMIN) {
            Span role = new Span("admin");
            role.addClassName("member-role");
            text.add(role);
        }
        return row;
    }

    private String lastSeen(UserSummary user, Instant now) {
        return user.lastSeenAt() == null ? "offline" : "last seen " + TimeFormat.relative(user.lastSeenAt(), now, zone);
    }
}
