package dev.parley.rooms.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.UserId;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.UnreadBadge;
import dev.parley.presence.PresenceChanged;
import dev.parley.presence.PresenceService;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.realtime.UiBatcher;
import dev.parley.realtime.UiSubscriptions;
import dev.parley.rooms.MembershipChanged;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomCreated;
import dev.parley.rooms.RoomDeleted;
import dev.parley.rooms.RoomId;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.RoomUpdated;
import dev.parley.rooms.reading.ReadPositions;
import dev.parley.rooms.reading.UnreadTracker;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The lobby: every public room and every room the user belongs to, with member and online counts. It follows rooms
 * being created, people joining and leaving, and people coming online, without a query per event: the events carry what
 * changed and the counts are recomputed from the member lists it already holds.
 */
@Route("")
@PageTitle("Lobby · Parley")
@PermitAll
public class LobbyView extends VerticalLayout {

    /** The room pages' route; the lobby links to them by path because they live in the messages feature. */
    static final String ROOM_ROUTE = "rooms/";

    final Button newRoom = new Button("New room", VaadinIcon.PLUS.create());
    final Div list = new Div();
    final Paragraph emptyState = new Paragraph("No rooms yet. Create the first one.");

    private final RoomService rooms;
    private final Memberships memberships;
    private final ReadPositions reading;
    private final PresenceService presence;
    private final ParleyUser user;
    private final Map<RoomId, RoomSummary> shown = new LinkedHashMap<>();
    private final Map<RoomId, Set<UserId>> members = new LinkedHashMap<>();
    private final Map<RoomId, RoomCard> cards = new LinkedHashMap<>();
    /** Private rooms announce membership changes only on their own topic; the lobby follows the ones it shows. */
    private final Map<RoomId, Subscription> privateRoomSubscriptions = new HashMap<>();

    private final Broadcaster broadcaster;
    private @Nullable UnreadTracker unread;

    LobbyView(
            RoomService rooms,
            Memberships memberships,
            ReadPositions reading,
            PresenceService presence,
            Broadcaster broadcaster,
            CurrentUser currentUser) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.reading = reading;
        this.presence = presence;
        this.broadcaster = broadcaster;
        this.user = currentUser.require();
        addClassName("page");
        addClassName("lobby");

        newRoom.addThemeVariants(ButtonVariant.PRIMARY);
        // Guests join public rooms; creating rooms is for account holders (the service refuses guests too).
        newRoom.setVisible(!user.guest());
        if (user.guest()) {
            emptyState.setText("No public rooms yet.");
        }
        newRoom.addClickListener(e -> new CreateRoomDialog(
                        rooms, user.id(), room -> getUI().ifPresent(ui -> ui.navigate(ROOM_ROUTE + room.slug())))
                .open());
        H2 title = new H2("Rooms");
        HorizontalLayout header = new HorizontalLayout(title, newRoom);
        header.addClassName("page-header");
        list.addClassName("room-cards");
        list.setId("room-cards");
        emptyState.setVisible(false);
        add(header, list, emptyState);

        UiSubscriptions.whileAttached(this, l -> broadcaster.subscribe(RoomCreated.LOBBY_TOPIC, l), this::onEvent);
        UiSubscriptions.whileAttached(
                this,
                l -> broadcaster.subscribe(user.id().topic(), l),
                event -> event instanceof RoomCreated
                        || event instanceof MembershipChanged
                        || event instanceof RoomUpdated
                        || event instanceof RoomDeleted,
                this::onEvent);
        UiSubscriptions.whileAttached(this, l -> broadcaster.subscribe(PresenceChanged.TOPIC, l), this::onEvent);
        // Loaded after subscribing (attach listeners run in order), so no change falls between the two.
        addAttachListener(attach -> {
            // Unread counts follow new messages without taking the UI's lock per message: at most once a second.
            UiBatcher<RoomId> batcher =
                    new UiBatcher<>(attach.getUI(), Duration.ofSeconds(1), changed -> updateUnread());
            unread = new UnreadTracker(reading, broadcaster, user.id(), batcher::add);
            load();
        });
        addDetachListener(detach -> {
            if (unread != null) {
                unread.close();
                unread = null;
            }
        });
    }

    private void updateUnread() {
        cards.values().forEach(card -> card.update(card.room));
    }

    private void load() {
        shown.clear();
        members.clear();
        cards.clear();
        list.removeAll();
        // Subscriptions of an earlier attach were closed by the detach.
        privateRoomSubscriptions.clear();
        RoomService.Lobby lobby = rooms.lobby(user.id());
        lobby.rooms().forEach(room -> shown.put(room.id(), room));
        lobby.members().forEach((room, ids) -> members.put(room, new HashSet<>(ids)));
        if (unread != null) {
            unread.follow(null);
        }
        render();
    }

    private void followPrivateRooms() {
        if (!isAttached()) {
            // An event queued before the lobby closed; its subscriptions are already gone.
            return;
        }
        shown.values().stream()
                .filter(room -> room.isPrivate() && room.member())
                .filter(room -> !privateRoomSubscriptions.containsKey(room.id()))
                .forEach(room -> privateRoomSubscriptions.put(
                        room.id(),
                        // Only membership changes matter here: messages, typing and presence in the room are
                        // dropped before they take this UI's lock.
                        UiSubscriptions.fromNowWhileAttached(
                                this,
                                l -> broadcaster.subscribe(room.id().topic(), l),
                                MembershipChanged.class::isInstance,
                                this::onEvent)));
        privateRoomSubscriptions.keySet().removeIf(id -> {
            RoomSummary room = shown.get(id);
            if (room == null || !room.member()) {
                privateRoomSubscriptions.get(id).close();
                return true;
            }
            return false;
        });
    }

    private void onEvent(Object event) {
        switch (event) {
            case RoomCreated created
            when !shown.containsKey(created.room().id()) -> {
                RoomSummary room = created.room();
                Set<UserId> ids = new HashSet<>();
                ids.add(created.creator());
                members.put(room.id(), ids);
                boolean mine = created.creator().equals(user.id());
                if (mine && unread != null) {
                    unread.reload();
                }
                shown.put(room.id(), room.withMembership(mine, mine ? room.role() : null));
                recount(room.id());
            }
            case MembershipChanged changed
            when changed.joined()
                    && changed.room().isPrivate()
                    && changed.user().id().equals(user.id())
                    && !shown.containsKey(changed.room().id()) -> {
                // Let into a private room (an accepted invitation, an invite link): read again, with its members.
                privateRoomSubscriptions.values().forEach(Subscription::close);
                load();
                return;
            }
            case MembershipChanged changed -> {
                RoomId id = changed.room().id();
                Set<UserId> ids = members.computeIfAbsent(id, k -> new HashSet<>());
                if (changed.joined()) {
                    ids.add(changed.user().id());
                } else {
                    ids.remove(changed.user().id());
                }
                RoomSummary known = shown.get(id);
                boolean mine = changed.user().id().equals(user.id());
                if (known == null && !changed.room().isPrivate()) {
                    known = changed.room().withMembership(false, null);
                }
                if (mine && unread != null) {
                    unread.reload();
                }
                if (known != null) {
                    if (mine) {
                        known = known.withMembership(
                                changed.joined(),
                                changed.joined() ? changed.room().role() : null);
                    }
                    if (known.isPrivate() && !known.member()) {
                        shown.remove(id);
                    } else {
                        shown.put(id, known);
                    }
                }
                recount(id);
            }
            case RoomUpdated updated -> onRoomUpdated(updated);
            case RoomDeleted deleted -> {
                shown.remove(deleted.id());
                members.remove(deleted.id());
            }
            case PresenceChanged ignored -> shown.keySet().forEach(this::recount);
            default -> {
                return;
            }
        }
        render();
    }

    /**
     * A room was renamed, made private or public, or archived: its card is made again (and sorted by its new name); a
     * room made private leaves the lobby of everyone who is not a member, one made public joins every lobby.
     */
    private void onRoomUpdated(RoomUpdated updated) {
        RoomId id = updated.id();
        RoomCard card = cards.remove(id);
        if (card != null) {
            list.remove(card);
        }
        RoomSummary known = shown.get(id);
        if (!updated.readableBy(user.id())) {
            shown.remove(id);
            return;
        }
        members.put(id, new HashSet<>(updated.members()));
        if (known != null) {
            shown.put(
                    id,
                    known.withSettings(updated.name(), updated.description(), updated.isPrivate(), updated.archived()));
        } else {
            // Made public: everyone sees it now, with its members as the event counts them.
            shown.put(
                    id,
                    new RoomSummary(
                            id,
                            updated.slug(),
                            updated.name(),
                            updated.description(),
                            updated.isPrivate(),
                            updated.members().size(),
                            0,
                            false,
                            null,
                            false,
                            updated.archived()));
        }
        recount(id);
    }

    private void recount(RoomId id) {
        RoomSummary room = shown.get(id);
        if (room == null) {
            return;
        }
        Set<UserId> ids = members.getOrDefault(id, Set.of());
        int online = (int) ids.stream().filter(presence::isOnline).count();
        shown.put(id, room.withCounts(ids.size(), online));
    }

    /** Updates the cards in place; only a change in which rooms are shown re-orders them. */
    private void render() {
        followPrivateRooms();
        cards.keySet().removeIf(id -> {
            if (!shown.containsKey(id)) {
                list.remove(cards.get(id));
                return true;
            }
            return false;
        });
        boolean added = false;
        for (RoomSummary room : shown.values()) {
            RoomCard card = cards.get(room.id());
            if (card == null) {
                cards.put(room.id(), new RoomCard(room));
                added = true;
            } else {
                card.update(room);
            }
        }
        if (added) {
            list.removeAll();
            cards.values().stream()
                    .sorted(Comparator.comparing((RoomCard c) -> c.room.name().toLowerCase()))
                    .forEach(list::add);
        }
        emptyState.setVisible(shown.isEmpty());
    }

    /** One room in the lobby: name, description, counts, and Join or "Joined". */
    private final class RoomCard extends Div {

        private RoomSummary room;
        private final Span counts = new Span();
        private final Span unreadBadge = UnreadBadge.create();
        private final Span mentionBadge = UnreadBadge.createMentions();
        private final Span joined = new Span("Joined");
        private final Button join = new Button("Join");

        RoomCard(RoomSummary room) {
            this.room = room;
            addClassName("room-card");
            getElement().setAttribute("data-slug", room.slug());
            Anchor link = new Anchor(ROOM_ROUTE + room.slug(), room.name());
            link.addClassName("room-name");
            Span kind = room.isPrivate() ? new Span(VaadinIcon.LOCK.create()) : new Span("#");
            kind.addClassName("room-kind");
            Div titleRow = new Div(kind, link, mentionBadge, unreadBadge);
            if (room.archived()) {
                Span archived = new Span("Archived");
                archived.addClassName("room-archived");
                titleRow.add(archived);
            }
            titleRow.addClassName("room-title");
            Paragraph description = new Paragraph(room.description().isEmpty() ? "No description" : room.description());
            description.addClassName("room-description");
            counts.addClassName("room-counts");
            joined.addClassName("room-joined");
            join.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.SMALL);
            join.addClassName("join-button");
            join.addClickListener(e -> join(this.room));
            add(titleRow, description, counts, joined, join);
            update(room);
        }

        void update(RoomSummary room) {
            this.room = room;
            counts.setText(room.memberCount() + (room.memberCount() == 1 ? " member" : " members") + " · "
                    + room.onlineCount() + " online");
            joined.setVisible(room.member());
            join.setVisible(!room.member());
            boolean counted = room.member() && unread != null;
            UnreadBadge.show(unreadBadge, counted ? unread.unread(room.id()) : 0);
            UnreadBadge.showMentions(mentionBadge, counted ? unread.unreadMentions(room.id()) : 0);
        }
    }

    private void join(RoomSummary room) {
        try {
            memberships.join(user.id(), room.slug());
            getUI().ifPresent(ui -> ui.navigate(ROOM_ROUTE + room.slug()));
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
    }
}
