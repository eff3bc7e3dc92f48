package dev.parley.people.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserProfileChanged;
import dev.parley.accounts.UserRegistered;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.Avatars;
import dev.parley.base.ui.GuestBadge;
import dev.parley.base.ui.TimeFormat;
import dev.parley.presence.PresenceChanged;
import dev.parley.presence.PresenceService;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.UiSubscriptions;
import dev.parley.rooms.DirectConversations;
import dev.parley.rooms.RoomSummary;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everyone with an account, and the guests, online first, with the total and online counts; live, names and pictures
 * too. Guests are marked as such. Each person but oneself has a Message button that opens the direct conversation with
 * them (starting it if needed), except for guests and when the viewer is a guest: direct conversations are for account
 * holders.
 */
@Route("people")
@PageTitle("People · Parley")
@PermitAll
public class PeopleView extends VerticalLayout {

    /** Clicks on a row's Message button reach the server, with the row's username. */
    static final String MESSAGE_FILTER = "event.target.closest('.message-person') != null";

    static final String MESSAGE_USERNAME = "event.target.closest('[data-username]')?.dataset.username";

    final Paragraph counts = new Paragraph();
    final Div list = new Div();

    private final Map<UserId, UserSummary> users = new LinkedHashMap<>();
    private final Set<UserId> online = new HashSet<>();
    private final ZoneId zone;
    private final UserId me;
    private final boolean meGuest;
    private final DirectConversations directs;

    PeopleView(
            AccountService accounts,
            PresenceService presence,
            DirectConversations directs,
            Broadcaster broadcaster,
            CurrentUser currentUser) {
        this.me = currentUser.require().id();
        this.meGuest = currentUser.require().guest();
        this.directs = directs;
        addClassName("page");
        zone = TimeFormat.zoneOf(UI.getCurrent());
        counts.setId("people-counts");
        list.addClassName("people-list");
        list.getElement()
                .addEventListener("click", click -> {
                    String username =
                            click.getEventData().path(MESSAGE_USERNAME).stringValue("");
                    if (!username.isEmpty()) {
                        message(username);
                    }
                })
                .addEventData(MESSAGE_USERNAME)
                .setFilter(MESSAGE_FILTER);
        add(new H2("People"), counts, list);

        UiSubscriptions.whileAttached(this, l -> broadcaster.subscribe(PresenceChanged.TOPIC, l), event -> {
            if (event instanceof PresenceChanged change) {
                if (change.online()) {
                    online.add(change.user());
                } else {
                    online.remove(change.user());
                    users.computeIfPresent(change.user(), (id, u) -> u.withLastSeenAt(change.lastSeen()));
                }
                render();
            }
        });
        UiSubscriptions.whileAttached(this, l -> broadcaster.subscribe(UserRegistered.TOPIC, l), event -> {
            switch (event) {
                case UserRegistered registered -> {
                    users.put(registered.user().id(), registered.user());
                    render();
                }
                case UserProfileChanged changed -> {
                    // A new name or picture; when they were last seen is presence's to say, as above.
                    UserSummary user = changed.user();
                    UserSummary known = users.get(user.id());
                    users.put(user.id(), known == null ? user : user.withLastSeenAt(known.lastSeenAt()));
                    render();
                }
                default -> {}
            }
        });
        // Loaded after subscribing (attach listeners run in order), so no change falls between the two.
        addAttachListener(attach -> {
            users.clear();
            online.clear();
            accounts.allUsers().forEach(u -> users.put(u.id(), u));
            online.addAll(presence.onlineUsers());
            render();
        });
    }

    private void render() {
        list.removeAll();
        Instant now = Instant.now();
        users.values().stream()
                .sorted(Comparator.comparing((UserSummary u) -> !online.contains(u.id()))
                        .thenComparing(u -> u.displayName().toLowerCase()))
                .forEach(u -> list.add(row(u, now)));
        long onlineCount = users.keySet().stream().filter(online::contains).count();
        counts.setText(users.size() + (users.size() == 1 ? " person" : " people") + " · " + onlineCount + " online");
    }

    private Div row(UserSummary user, Instant now) {
        boolean isOnline = online.contains(user.id());
        Avatar avatar =
                Avatars.of(user.displayName(), user.initials(), user.id().value(), user.avatarUrl());
        Span name = new Span(user.displayName());
        name.addClassName("member-name");
        if (user.guest()) {
            name.add(GuestBadge.create());
        }
        Span handle = new Span("@" + user.username());
        handle.addClassName("member-handle");
        String status = isOnline
                ? "online"
                : user.lastSeenAt() == null
                        ? "offline"
                        : "last seen " + TimeFormat.relative(user.lastSeenAt(), now, zone);
        Span state = new Span(status);
        state.addClassName("member-status");
        Div row = new Div(avatar, new Div(name, handle, state));
        // Direct conversations are for account holders: none with a guest, none started by one.
        if (!user.id().equals(me) && !user.guest() && !meGuest) {
            // No listener of its own: the list's one listener survives the list being drawn anew under the click.
            Button message = new Button("Message", VaadinIcon.COMMENT_O.create());
            message.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            message.addClassName("message-person");
            message.setAriaLabel("Message " + user.displayName());
            row.add(message);
        }
        row.addClassName("member");
        row.addClassName(isOnline ? "is-online" : "is-offline");
        row.getElement().setAttribute("data-username", user.username());
        return row;
    }

    /** Opens the direct conversation with this person, starting it if there is none yet. */
    void message(String username) {
        try {
            RoomSummary conversation = directs.start(me, List.of(username));
            UI.getCurrent().navigate("rooms/" + conversation.slug());
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
    }
}
