package dev.parley.messages.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.TimeFormat;
import dev.parley.files.FileId;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.messages.TypingService;
import dev.parley.realtime.ClockTick;
import dev.parley.realtime.UiSubscriptions;
import dev.parley.rooms.MemberMuted;
import dev.parley.rooms.MemberRoleChanged;
import dev.parley.rooms.MemberUnmuted;
import dev.parley.rooms.MembershipChanged;
import dev.parley.rooms.MutedException;
import dev.parley.rooms.RoomDeleted;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.RoomUpdated;
import dev.parley.rooms.ui.MemberActions;
import dev.parley.rooms.ui.MembersPanel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One visit to one room: the {@link RoomHeader}, the {@link MessageStream}, the composer and the members sidebar, kept
 * in step with the viewer's membership, role and mute and with the room's settings.
 */
class RoomPanel extends Div {

    private static final Logger log = LoggerFactory.getLogger(RoomPanel.class);

    /** While typing, the composer's value (and with it "typing") reaches the server at most this often. */
    static final int TYPING_SYNC_MILLIS = 1000;

    final RoomHeader header;
    final MessageStream stream;
    /*
     * The components below that are null at first are made when the room's state first calls for them (see
     * updateMembership), and from then on shown or hidden: most viewers never see them, and every open view would
     * hold them otherwise (docs/benchmarks.md, heap per session).
     */
    /** Instead of the composer in an archived room. */
    @Nullable
    Div archivedNotice;
    /** In the composer while the viewer is muted: until when. */
    @Nullable
    Span mutedNotice;
    /** Instead of the composer for a reader who is not a member: says so, with a button to join. */
    @Nullable
    Div joinPrompt;

    private @Nullable Span previewing;
    private final Div conversation = new Div();
    final TextArea input = new TextArea();
    final Button send = new Button("Send", VaadinIcon.PAPERPLANE.create());
    final Div composer = new Div();
    final MembersPanel members;
    final MentionPicker mentions;
    final ComposerFiles files;

    private final ParleyUser user;
    private final RoomService rooms;
    private final MessageService messages;
    private final TypingService typing;
    private final MemberActions memberActions;
    private RoomSummary room;
    /** Until when the viewer is muted here, or null. */
    private @Nullable Instant mutedUntil;
    /** Whether the user may attach files at all (guests only where configuration lets them). */
    private final boolean mayUpload;

    private ZoneId zone;

    RoomPanel(@Nullable Long focus, RoomSummary room, ParleyUser user, RoomPageServices services) {
        this.room = room;
        this.user = user;
        this.rooms = services.rooms();
        this.messages = services.messages();
        this.typing = services.typing();
        addClassName("room-panel");
        this.zone = TimeFormat.zoneOf(UI.getCurrent());

        // A direct conversation is named by the people in it; a room by its name.
        String label = label(room);
        memberActions = new MemberActions(
                () -> this.room, user.id(), rooms, services.moderation(), services.invites(), services.accounts());
        header = new RoomHeader(room, user.id(), rooms, memberActions, this::join, () -> getClassNames()
                .set("members-open", !hasClassName("members-open")));

        // Before the stream reads the history (when the page attaches): a new role or membership meanwhile is not
        // missed.
        UiSubscriptions.whileAttached(
                this,
                l -> services.broadcaster().subscribe(user.id().topic(), l),
                event -> event instanceof MembershipChanged || event instanceof MemberRoleChanged,
                this::onOwnEvent);
        stream = new MessageStream(this, room, user.id(), focus, zone, services, this::onRoomEvent);
        members = new MembersPanel(services.rosters(), room.id(), zone, user.id(), room.role(), memberActions);
        mutedUntil = room.member() ? rooms.mutedUntil(user.id(), room.id()) : null;

        input.setPlaceholder("Message " + label);
        input.setAriaLabel("Message");
        input.addClassName("composer-input");
        input.setMaxRows(8);
        input.setValueChangeMode(ValueChangeMode.TIMEOUT);
        input.setValueChangeTimeout(TYPING_SYNC_MILLIS);
        input.addValueChangeListener(change -> {
            // Only keystrokes: clearing the composer after sending is not typing.
            if (change.isFromClient() && !change.getValue().isBlank()) {
                typed();
            }
        });
        // Enter sends, Shift+Enter starts a new line; resetting focus commits the typed value before sending.
        Shortcuts.addShortcutListener(input, this::send, Key.ENTER)
                .listenOn(input)
                .resetFocusOnActiveElement();
        // Enter sends even while mentions are suggested (see MentionPicker); Tab completes one then.
        mentions = new MentionPicker(input, user.id(), () -> members.ordered().stream()
                .map(m -> new MentionSuggestions.Candidate(m.user(), m.online()))
                .toList());
        send.addThemeVariants(ButtonVariant.PRIMARY);
        send.addClickListener(e -> send());
        files = new ComposerFiles(this, services.files(), services.fileLimits(), user.id(), room.id());
        // Guests attach files only where configuration lets them; the service refuses them otherwise anyway.
        mayUpload = services.files().mayUpload(user.id());
        files.button.setVisible(mayUpload);
        composer.addClassName("composer");
        composer.add(files.list, mentions, files.button, input, send);
        conversation.add(stream.messageList, stream.typingIndicator, composer);
        conversation.addClassName("conversation");
        // Files dropped anywhere on the conversation are attached to the message being written.
        Div body = new Div(files.dropZone(conversation), members);
        body.addClassName("room-body");
        add(header, body);
        updateMembership();

        // Leaving the room (or the page) ends typing at once for everyone else.
        addDetachListener(detach -> typing.stopped(user.id(), room.id()));
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
        addAttachListener(attach -> {
            attach.getUI().getPage().retrieveExtendedClientDetails(details -> {
                var browserZone = TimeFormat.zoneOf(attach.getUI());
                zone = browserZone;
                stream.setZone(browserZone);
                members.setZone(browserZone);
                updateMembership();
            });
        });
    }

    void send() {
        String text = input.getValue();
        List<FileId> attached = files.fileIds();
        if (files.uploading()) {
            refuse("Wait until the files have finished uploading, then send.");
            return;
        }
        if (text.isBlank() && attached.isEmpty()) {
            return;
        }
        try {
            ChatMessage posted = messages.post(user.id(), room.id(), text, attached);
            typing.stopped(user.id(), room.id());
            input.clear();
            files.sent();
            mentions.close();
            input.setInvalid(false);
            stream.show(posted);
        } catch (MutedException e) {
            // Muted in another way than this view heard of (the API, a race): the composer says until when, in the
            // browser's time; the text stays.
            setMutedUntil(e.until());
            refuse(mutedText(e.until()));
        } catch (ParleyException e) {
            refuse(e.getMessage());
        } catch (RuntimeException e) {
            log.error("Sending a message to room {} failed", room.slug(), e);
            refuse("The message could not be sent because of a server error. It is still here: try again.");
        }
    }

    private void typed() {
        try {
            typing.typing(user.id(), room.id());
        } catch (ParleyException e) {
            // No longer allowed to post here (removed in the meantime): the same reason sending would give.
            refuse(e.getMessage());
        }
    }

    private void refuse(String reason) {
        // The text stays in the composer; only the reason is added.
        input.setErrorMessage(reason);
        input.setInvalid(true);
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
     * Events for the user's own tabs: joining or leaving this room in any of them changes this one too, and so do
     * being removed from it (the view leaves the room at once; its subscription has already ended) and a new role.
     */
    private void onOwnEvent(Object event) {
        if (event instanceof MemberRoleChanged changed && changed.room().equals(room.id())) {
            room = room.withMembership(true, changed.role());
            updateMembership();
            return;
        }
        if (!(event instanceof MembershipChanged changed)
                || !changed.room().id().equals(room.id())) {
            return;
        }
        if (changed.joined()) {
            room = changed.room();
            updateMembership();
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
     * The room's admins changed its settings: the header, the composer and what may be done follow. A room made
     * private is left at once by a viewer who is not a member (their subscription has already ended).
     */
    private void onRoomUpdated(RoomUpdated updated) {
        if (!updated.readableBy(user.id())) {
            Notification.show(label(room) + " is now private.");
            getUI().ifPresent(ui -> ui.navigate(""));
            return;
        }
        room = room.withSettings(updated.name(), updated.description(), updated.isPrivate(), updated.archived());
        header.showRoom(room);
        input.setPlaceholder("Message " + label(room));
        if (previewing != null) {
            previewing.setText(previewingText());
        }
        getUI().ifPresent(ui -> ui.getPage().setTitle(label(room) + " · Parley"));
        updateMembership();
    }

    /** The viewer was muted here until then, or unmuted (null): the composer says so, or works again. */
    private void setMutedUntil(@Nullable Instant until) {
        mutedUntil = until;
        updateMembership();
    }

    private String mutedText(Instant until) {
        return "You are muted until " + TimeFormat.upcoming(until, Instant.now(), zone) + ".";
    }

    /** How the room is called in sentences: "#design", or for a direct conversation the people in it. */
    static String label(RoomSummary room) {
        return room.direct() ? room.name() : "#" + room.name();
    }

    private void join() {
        try {
            room = rooms.join(user.id(), room.slug());
            updateMembership();
            input.focus();
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
    }

    /**
     * What the viewer may do now, from their membership and role, whether the room is archived and whether they are
     * muted. The services check every action again; this only keeps the view from offering what would be refused.
     */
    private void updateMembership() {
        boolean archived = room.archived();
        Instant until = mutedUntil;
        boolean muted = until != null && room.member();
        header.update(room);
        if (muted && mutedNotice == null) {
            Span notice = new Span();
            notice.addClassName("muted-notice");
            composer.addComponentAtIndex(composer.indexOf(files.button), notice);
            mutedNotice = notice;
        }
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
        members.setViewerRole(room.role());
        composer.setVisible(room.member() && !archived);
        input.setEnabled(!muted);
        send.setEnabled(!muted);
        files.setEnabled(mayUpload && room.member() && !archived && !muted);
        setVisible(mutedNotice, muted);
        if (until != null && mutedNotice != null) {
            mutedNotice.setText(mutedText(until));
        }
        setVisible(joinPrompt, showJoinPrompt);
        setVisible(archivedNotice, archived);
        stream.update(room, muted);
    }

    private static void setVisible(@Nullable Component component, boolean visible) {
        if (component != null) {
            component.setVisible(visible);
        }
    }

    private String previewingText() {
        return "You are reading #" + room.name() + ". Join it to post.";
    }
}
