package dev.parley.messages.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserProfileChanged;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.TimeFormat;
import dev.parley.files.Attachment;
import dev.parley.files.FileId;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageAuthor;
import dev.parley.messages.MessageDeleted;
import dev.parley.messages.MessageEdited;
import dev.parley.messages.MessagePosted;
import dev.parley.messages.MessageReacted;
import dev.parley.messages.MessageService;
import dev.parley.messages.TypingChanged;
import dev.parley.messages.TypingService;
import dev.parley.realtime.ClockTick;
import dev.parley.realtime.UiSubscriptions;
import dev.parley.rooms.MemberMuted;
import dev.parley.rooms.MemberRoleChanged;
import dev.parley.rooms.MemberUnmuted;
import dev.parley.rooms.MembershipChanged;
import dev.parley.rooms.MutedException;
import dev.parley.rooms.ReadPositionRecorder;
import dev.parley.rooms.RoomAccess;
import dev.parley.rooms.RoomDeleted;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.RoomUpdated;
import dev.parley.rooms.ui.MemberActions;
import dev.parley.rooms.ui.MembersPanel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One visit to one room: header, message list, composer and members sidebar. It subscribes to the room before it
 * reads the history, so that every message is either in the history or arrives live; {@link MessageSequencer}
 * removes the overlap and keeps the order.
 */
class RoomPanel extends Div {

    private static final Logger log = LoggerFactory.getLogger(RoomPanel.class);
    /** A missing message that has not arrived by push within this time is fetched from history. */
    private static final long GAP_WAIT_MILLIS = 2000;

    /** While typing, the composer's value (and with it "typing") reaches the server at most this often. */
    static final int TYPING_SYNC_MILLIS = 1000;

    final RoomHeader header;
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
    final MessageList messageList;
    final TypingIndicator typingIndicator;
    final MembersPanel members;
    final MentionPicker mentions;
    final ComposerFiles files;

    private final ParleyUser user;
    private final RoomService rooms;
    private final MessageService messages;
    private final TypingService typing;
    private final ReadPositionRecorder readPositions;
    private final MemberActions memberActions;
    private RoomSummary room;
    /** Until when the viewer is muted here, or null. */
    private @Nullable Instant mutedUntil;
    /** Whether the user may attach files at all (guests only where configuration lets them). */
    private final boolean mayUpload;

    private ZoneId zone;
    private MessageSequencer sequencer = new MessageSequencer(0);
    /** The message the room was opened at (a search hit), or null when it opened at the newest messages. */
    private final @Nullable Long focus;

    RoomPanel(@Nullable Long focus, RoomSummary room, ParleyUser user, RoomPageServices services) {
        this.focus = focus;
        this.room = room;
        this.user = user;
        this.rooms = services.rooms();
        this.messages = services.messages();
        this.typing = services.typing();
        this.readPositions = services.readPositions();
        addClassName("room-panel");
        this.zone = TimeFormat.zoneOf(UI.getCurrent());

        // A direct conversation is named by the people in it; a room by its name.
        String label = label(room);
        memberActions = new MemberActions(
                () -> this.room, user.id(), rooms, services.moderation(), services.invites(), services.accounts());
        header = new RoomHeader(room, user.id(), rooms, memberActions, this::join, () -> getClassNames()
                .set("members-open", !hasClassName("members-open")));

        messageList =
                new MessageList(label, zone, user.id(), this::loadOlder, this::loadNewer, new MessageList.Actions() {
                    @Override
                    public void edit(ChatMessage message) {
                        openEditor(message);
                    }

                    @Override
                    public void delete(ChatMessage message) {
                        confirmDelete(message);
                    }

                    @Override
                    public void react(ChatMessage message, String emoji) {
                        toggleReaction(message, emoji);
                    }

                    @Override
                    public void viewImage(ChatMessage message, Attachment image) {
                        new ImageDialog(image).open();
                    }
                });
        typingIndicator = new TypingIndicator(user.id());
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
        conversation.add(messageList, typingIndicator, composer);
        conversation.addClassName("conversation");
        // Files dropped anywhere on the conversation are attached to the message being written.
        Div body = new Div(files.dropZone(conversation), members);
        body.addClassName("room-body");
        add(header, body);
        updateMembership();

        // Subscribe first, then read the history: see the class comment.
        UiSubscriptions.whileAttached(this, l -> messages.subscribe(user.id(), room.id(), l), this::onRoomEvent);
        UiSubscriptions.whileAttached(
                this,
                l -> services.broadcaster().subscribe(user.id().topic(), l),
                event -> event instanceof MembershipChanged || event instanceof MemberRoleChanged,
                this::onOwnEvent);
        // Names and pictures: only changes of someone this view shows take its UI lock.
        UiSubscriptions.whileAttached(
                this,
                l -> services.broadcaster().subscribe(UserProfileChanged.TOPIC, l),
                event -> event instanceof UserProfileChanged changed
                        && shows(changed.user().id()),
                event -> onProfileChanged(((UserProfileChanged) event).user()));
        // Leaving the room (or the page) ends typing at once for everyone else.
        addDetachListener(detach -> typing.stopped(user.id(), room.id()));
        // What this view showed is written at once when it closes, so the badges elsewhere start from it.
        addDetachListener(detach -> readPositions.flush(user.id(), this.room.id()));
        UiSubscriptions.whileAttached(this, l -> services.broadcaster().subscribe(ClockTick.TOPIC, l), event -> {
            if (event instanceof ClockTick tick) {
                messageList.refreshTimes(tick.now());
                members.refreshTimes(tick.now());
                // The sweep tells the end of a mute within seconds; a view that missed it follows the clock.
                if (mutedUntil != null && !mutedUntil.isAfter(tick.now())) {
                    setMutedUntil(null);
                }
                fillGapIfStale();
            }
        });
        addAttachListener(attach -> {
            loadInitial();
            attach.getUI().getPage().retrieveExtendedClientDetails(details -> {
                var browserZone = TimeFormat.zoneOf(attach.getUI());
                zone = browserZone;
                messageList.setZone(browserZone);
                members.setZone(browserZone);
                updateMembership();
            });
        });
    }

    private void loadInitial() {
        // Read before the history: a message posted in between is then unread, never silently marked read.
        long readUpTo = Long.MAX_VALUE;
        if (room.member()) {
            try {
                readUpTo = rooms.readPosition(user.id(), room.id());
            } catch (ParleyException e) {
                // Left the room in another tab meanwhile: nothing is unread for a reader who is not a member.
                log.debug("No read position in room {}", room.slug(), e);
            }
        }
        List<ChatMessage> page;
        boolean hasNewer = false;
        if (focus == null) {
            page = messages.latest(user.id(), room.id(), MessageService.PAGE_SIZE);
        } else {
            // Half a page on each side of the message opened at; more loads when scrolling either way.
            page = new ArrayList<>(messages.before(user.id(), room.id(), focus + 1, MessageService.PAGE_SIZE / 2));
            List<ChatMessage> newer = messages.after(user.id(), room.id(), focus, MessageService.PAGE_SIZE / 2);
            page.addAll(newer);
            hasNewer = newer.size() == MessageService.PAGE_SIZE / 2;
        }
        messageList.showInitial(page, !page.isEmpty() && page.getFirst().seq() > 1);
        messageList.setHasNewer(hasNewer);
        messageList.markFirstUnreadAfter(readUpTo);
        if (focus != null) {
            messageList.highlight(focus);
        }
        sequencer = new MessageSequencer(page.isEmpty() ? 0 : page.getLast().seq());
        if (!page.isEmpty()) {
            seen(page.getLast().seq());
        }
    }

    /** Records that this view showed the room up to {@code seq}: written in batches by the recorder. */
    private void seen(long seq) {
        if (room.member() && isAttached()) {
            readPositions.record(user.id(), room.id(), seq);
        }
    }

    void loadOlder() {
        long oldest = messageList.oldestSeq();
        if (oldest <= 1) {
            return;
        }
        List<ChatMessage> page = messages.before(user.id(), room.id(), oldest, MessageService.PAGE_SIZE);
        messageList.prepend(page, !page.isEmpty() && page.getFirst().seq() > 1);
    }

    /**
     * The next page after the newest message shown, when the room was opened at an older message; through the
     * sequencer, so that live messages that arrived meanwhile are neither lost nor shown twice.
     */
    void loadNewer() {
        long now = System.currentTimeMillis();
        List<ChatMessage> page = messages.after(user.id(), room.id(), sequencer.lastShown(), MessageService.PAGE_SIZE);
        page.forEach(message -> sequencer.accept(message, now).forEach(this::append));
        messageList.setHasNewer(page.size() == MessageService.PAGE_SIZE);
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
            show(posted);
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

    private void onRoomEvent(Object event) {
        switch (event) {
            case MessagePosted posted -> {
                typingIndicator.onMessageFrom(posted.message().author().id());
                show(posted.message());
            }
            case TypingChanged change -> typingIndicator.onTyping(change);
            case MessageEdited edited -> showChanged(edited.message());
            case MessageDeleted deleted -> showChanged(deleted.message());
            case MessageReacted reacted -> showChanged(reacted.message());
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
     * Whether this view shows, or has shown, a message of the user. Runs on any thread. (Member rows follow names and
     * pictures through the room's roster.)
     */
    private boolean shows(UserId user) {
        return messageList.mayShowAuthor(user);
    }

    /** Someone shown here changed their name or picture: their messages show the new ones. */
    private void onProfileChanged(UserSummary user) {
        messageList.showAuthor(MessageAuthor.of(user));
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

    void openEditor(ChatMessage message) {
        new EditMessageDialog(message, text -> messages.edit(user.id(), message.id(), text), this::showChanged).open();
    }

    void confirmDelete(ChatMessage message) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.addClassName("delete-message-dialog");
        confirm.setHeader("Delete message?");
        confirm.setText("Everyone will see \"" + MessageHtml.DELETED_TEXT + "\" in its place. This cannot be undone.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Delete");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> delete(message));
        confirm.open();
    }

    private void delete(ChatMessage message) {
        try {
            showChanged(messages.delete(user.id(), message.id()));
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        } catch (RuntimeException e) {
            log.error("Deleting message {} failed", message.id().value(), e);
            Notification.show("The message could not be deleted because of a server error. Try again.");
        }
    }

    /** Adds the reaction, or takes it back when the viewer already reacted so ("clicking your own reaction"). */
    void toggleReaction(ChatMessage message, String emoji) {
        try {
            showChanged(
                    message.reactedBy(user.id(), emoji)
                            ? messages.unreact(user.id(), message.id(), emoji)
                            : messages.react(user.id(), message.id(), emoji));
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        } catch (RuntimeException e) {
            log.error("Reacting to message {} failed", message.id().value(), e);
            Notification.show("The reaction could not be saved because of a server error. Try again.");
        }
    }

    /** A newer version of a message (edited, reacted to, deleted) replaces the shown one in place, or the one waiting. */
    private void showChanged(ChatMessage message) {
        if (!sequencer.replaceWaiting(message)) {
            messageList.replace(message);
        }
    }

    private void show(ChatMessage message) {
        long now = System.currentTimeMillis();
        sequencer.accept(message, now).forEach(this::append);
        if (sequencer.gapOlderThan(GAP_WAIT_MILLIS, now)) {
            fillGap();
        }
    }

    private void append(ChatMessage message) {
        messageList.append(message);
        seen(message.seq());
    }

    private void fillGapIfStale() {
        if (sequencer.gapOlderThan(GAP_WAIT_MILLIS, System.currentTimeMillis())) {
            fillGap();
        }
    }

    private void fillGap() {
        long now = System.currentTimeMillis();
        for (ChatMessage missed :
                messages.after(user.id(), room.id(), sequencer.lastShown(), MessageService.MAX_PAGE_SIZE)) {
            sequencer.accept(missed, now).forEach(this::append);
        }
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
        messageList.setCanModerate(RoomAccess.canModerate(room.role()) && !archived);
        messageList.setCanReact(room.member() && !archived && !muted);
        messageList.setReadOnly(archived, muted);
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
