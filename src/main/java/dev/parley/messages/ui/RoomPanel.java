package dev.parley.messages.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.TimeFormat;
import dev.parley.realtime.ClockTick;
import dev.parley.realtime.UiSubscriptions;
import dev.parley.rooms.MemberMuted;
import dev.parley.rooms.MemberRoleChanged;
import dev.parley.rooms.MemberUnmuted;
import dev.parley.rooms.MembershipChanged;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomDeleted;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.RoomUpdated;
import dev.parley.rooms.ui.MemberActions;
import dev.parley.rooms.ui.MembersPanel;
import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * One visit to one room: puts the {@link RoomHeader}, the {@link MessageStream}, the {@link Composer} and the members
 * sidebar together, and keeps them in step with the viewer's membership, role and mute and with the room's settings.
 */
class RoomPanel extends Div {

    final RoomHeader header;
    final MessageStream stream;
    final Composer composer;
    final MembersPanel members;
    /*
     * The notices below, shown instead of the composer, are made when the room's state first calls for them (see
     * update), and from then on shown or hidden: most viewers never see them, and every open view would hold them
     * otherwise (docs/benchmarks.md, heap per session).
     */
    /** Instead of the composer in an archived room. */
    @Nullable
    Div archivedNotice;
    /** Instead of the composer for a reader who is not a member: says so, with a button to join. */
    @Nullable
    Div joinPrompt;

    private @Nullable Span previewing;
    private final Div conversation = new Div();

    private final ParleyUser user;
    private final RoomGuard guard;
    private final Memberships memberships;
    private RoomSummary room;
    /** Until when the viewer is muted here, or null. */
    private @Nullable Instant mutedUntil;

    RoomPanel(@Nullable Long focus, RoomSummary room, ParleyUser user, RoomPageServices services) {
        this.room = room;
        this.user = user;
        this.guard = services.guard();
        this.memberships = services.memberships();
        addClassName("room-panel");
        ZoneId zone = TimeFormat.zoneOf(UI.getCurrent());

        MemberActions memberActions = new MemberActions(
                () -> this.room,
                user.id(),
                services.rooms(),
                memberships,
                services.moderation(),
                services.invites(),
                services.accounts());
        header = new RoomHeader(room, user.id(), memberships, memberActions, this::join, () -> getClassNames()
                .set("members-open", !hasClassName("members-open")));
        // Before the stream reads the history (when the page attaches), so that a new role or membership meanwhile
        // is not missed.
        UiSubscriptions.whileAttached(
                this,
                l -> services.broadcaster().subscribe(user.id().topic(), l),
                event -> event instanceof MembershipChanged || event instanceof MemberRoleChanged,
                this::onOwnEvent);
        stream = new MessageStream(this, room, user.id(), focus, zone, services, this::onRoomEvent);
        members = new MembersPanel(services.rosters(), room.id(), zone, user.id(), room.role(), memberActions);
        mutedUntil = room.member() ? guard.mutedUntil(user.id(), room.id()) : null;
        composer = new Composer(this, room, user.id(), zone, services, members, stream::showSent, this::setMutedUntil);
        conversation.add(stream.messageList, stream.typingIndicator, composer);
        conversation.addClassName("conversation");
        // Files dropped anywhere on the conversation are attached to the message being written.
        Div body = new Div(composer.files.dropZone(conversation), members);
        body.addClassName("room-body");
        add(header, body);
        update();

        UiSubscriptions.whileAttached(this, l -> services.broadcaster().subscribe(ClockTick.TOPIC, l), event -> {
            if (event instanceof ClockTick tick) {
                stream.refreshTimes(tick.now());
                members.refreshTimes(tick.now());
                // The sweep tells the end of a mute within seconds; a view that missed it follows the clock.
                if (mutedUntil != null && !mutedUntil.isAfter(tick.now())) {
                    setMutedUntil(null);
                }
                stream.fillGapIfStale();
            }
        });
        addAttachListener(attach -> attach.getUI().getPage().retrieveExtendedClientDetails(details -> {
            var browserZone = TimeFormat.zoneOf(attach.getUI());
            stream.setZone(browserZone);
            members.setZone(browserZone);
            composer.setZone(browserZone);
            update();
        }));
    }

    /** How the room is called in sentences: "#design", or for a direct conversation the people in it. */
    static String label(RoomSummary room) {
        return room.direct() ? room.name() : "#" + room.name();
    }

    /** The room's events that are not about its messages (those are the stream's). */
    private void onRoomEvent(Object event) {
        switch (event) {
            case MemberMuted muted -> {
                members.onMuted(muted.user(), true);
                if (muted.user().equals(user.id())) {
                    setMutedUntil(muted.until());
                }
            }
            case MemberUnmuted unmuted -> {
                members.onMuted(unmuted.user(), false);
                if (unmuted.user().equals(user.id())) {
                    setMutedUntil(null);
                }
            }
            case RoomUpdated updated -> onRoomUpdated(updated);
            case RoomDeleted deleted -> {
                Notification.show(deleted.by().displayName() + " deleted " + label(room) + ".");
                getUI().ifPresent(ui -> ui.navigate(""));
            }
            default -> {}
        }
    }

    /**
     * Events for the user's own tabs: joining or leaving this room in any of them changes this one too, and so do being
     * removed from it (the view leaves the room at once; its subscription has already ended) and a new role.
     */
    private void onOwnEvent(Object event) {
        if (event instanceof MemberRoleChanged changed && changed.room().equals(room.id())) {
            room = room.withMembership(true, changed.role());
            update();
            return;
        }
        if (!(event instanceof MembershipChanged changed)
                || !changed.room().id().equals(room.id())) {
            return;
        }
        if (changed.joined()) {
            room = changed.room();
            update();
        } else {
            UserSummary by = changed.removedBy();
            Notification.show(
                    by == null
                            ? "You left " + label(room) + "."
                            : by.displayName() + (changed.banned() ? " banned you from " : " removed you from ")
                                    + label(room) + ".");
            getUI().ifPresent(ui -> ui.navigate(""));
        }
    }

    /**
     * The room's admins changed its settings: the header, the composer and what may be done follow. A room made private
     * is left at once by a viewer who is not a member (their subscription has already ended).
     */
    private void onRoomUpdated(RoomUpdated updated) {
        if (!updated.readableBy(user.id())) {
            Notification.show(label(room) + " is now private.");
            getUI().ifPresent(ui -> ui.navigate(""));
            return;
        }
        room = room.withSettings(updated.name(), updated.description(), updated.isPrivate(), updated.archived());
        header.showRoom(room);
        composer.showRoom(room);
        if (previewing != null) {
            previewing.setText(previewingText());
        }
        getUI().ifPresent(ui -> ui.getPage().setTitle(label(room) + " · Parley"));
        update();
    }

    /** The viewer was muted here until then, or unmuted (null): the composer says so, or works again. */
    private void setMutedUntil(@Nullable Instant until) {
        mutedUntil = until;
        update();
    }

    private void join() {
        try {
            room = memberships.join(user.id(), room.slug());
            update();
            composer.input.focus();
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
    }

    /**
     * What the viewer may do now, from their membership and role, whether the room is archived and whether they are
     * muted: each part follows, and a notice stands in for the composer where the viewer cannot post. The services
     * check every action again; this only keeps the view from offering what would be refused.
     */
    private void update() {
        boolean archived = room.archived();
        boolean muted = mutedUntil != null && room.member();
        header.update(room);
        composer.update(room, mutedUntil);
        members.setViewerRole(room.role());
        stream.update(room, muted);
        boolean showJoinPrompt = !room.member() && !archived;
        if (showJoinPrompt && joinPrompt == null) {
            Span text = new Span(previewingText());
            Button joinHere = new Button("Join room", e -> join());
            joinHere.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.SMALL);
            Div prompt = new Div(text, joinHere);
            prompt.addClassName("join-prompt");
            conversation.addComponentAtIndex(conversation.indexOf(composer) + 1, prompt);
            previewing = text;
            joinPrompt = prompt;
        }
        if (archived && archivedNotice == null) {
            Div notice = new Div("This room is archived. You can read and search it, but nobody can post in it.");
            notice.addClassName("archived-notice");
            // Always the last: after the join prompt, whenever that is made.
            conversation.add(notice);
            archivedNotice = notice;
        }
        if (joinPrompt != null) {
            joinPrompt.setVisible(showJoinPrompt);
        }
        if (archivedNotice != null) {
            archivedNotice.setVisible(archived);
        }
    }

    private String previewingText() {
        return "You are reading #" + room.name() + ". Join it to post.";
    }
}
