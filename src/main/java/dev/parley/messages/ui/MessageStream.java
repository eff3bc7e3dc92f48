package dev.parley.messages.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.notification.Notification;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserProfileChanged;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ParleyException;
import dev.parley.files.Attachment;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageAuthor;
import dev.parley.messages.MessageDeleted;
import dev.parley.messages.MessageEdited;
import dev.parley.messages.MessagePosted;
import dev.parley.messages.MessageReacted;
import dev.parley.messages.MessageService;
import dev.parley.messages.TypingChanged;
import dev.parley.realtime.UiSubscriptions;
import dev.parley.rooms.RoomAccess;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.reading.ReadPositionRecorder;
import dev.parley.rooms.reading.ReadPositions;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room page's messages: the history it opens with, older and newer pages, the room's live events, who is typing, and
 * what the viewer does to a message; it records how far the viewer has read. It subscribes to the room before it reads
 * the history, so that every message is either in the history or arrives live; {@link MessageSequencer} removes the
 * overlap and keeps the order, and a gap that push leaves open is read from history.
 */
class MessageStream {

    private static final Logger log = LoggerFactory.getLogger(MessageStream.class);
    /** A missing message that has not arrived by push within this time is fetched from history. */
    private static final long GAP_WAIT_MILLIS = 2000;

    final MessageList messageList;
    final TypingIndicator typingIndicator;

    private final Component panel;
    private final UserId user;
    private final MessageService messages;
    private final ReadPositions reading;
    private final ReadPositionRecorder readPositions;
    private final Consumer<Object> otherEvents;
    /** The message the room was opened at (a search hit), or null when it opened at the newest messages. */
    private final @Nullable Long focus;

    private RoomSummary room;
    private MessageSequencer sequencer = new MessageSequencer(0);

    /**
     * @param panel the room's panel: the stream is subscribed while it is attached, and reads the history when it
     *     attaches
     * @param otherEvents the panel's handler of the room's events that are not about messages (settings, mutes,
     *     deletion)
     */
    MessageStream(
            Component panel,
            RoomSummary room,
            UserId user,
            @Nullable Long focus,
            ZoneId zone,
            RoomPageServices services,
            Consumer<Object> otherEvents) {
        this.panel = panel;
        this.room = room;
        this.user = user;
        this.focus = focus;
        this.messages = services.messages();
        this.reading = services.reading();
        this.readPositions = services.readPositions();
        this.otherEvents = otherEvents;
        messageList = new MessageList(
                RoomPanel.label(room), zone, user, this::loadOlder, this::loadNewer, new MessageList.Actions() {
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
        typingIndicator = new TypingIndicator(user);

        // Subscribe first, then read the history: see the class comment.
        UiSubscriptions.whileAttached(panel, l -> messages.subscribe(user, room.id(), l), this::onRoomEvent);
        // Names and pictures: only changes of someone this view shows take its UI lock.
        UiSubscriptions.whileAttached(
                panel,
                l -> services.broadcaster().subscribe(UserProfileChanged.TOPIC, l),
                event -> event instanceof UserProfileChanged changed
                        && shows(changed.user().id()),
                event -> onProfileChanged(((UserProfileChanged) event).user()));
        panel.addAttachListener(attach -> loadInitial());
        // What this view showed is written at once when it closes, so the badges elsewhere start from it.
        panel.addDetachListener(detach -> readPositions.flush(user, room.id()));
    }

    /** The room as the panel shows it now: what the viewer may do to messages follows. The services check again. */
    void update(RoomSummary room, boolean muted) {
        this.room = room;
        boolean archived = room.archived();
        messageList.setCanModerate(RoomAccess.canModerate(room.role()) && !archived);
        messageList.setCanReact(room.member() && !archived && !muted);
        messageList.setReadOnly(archived, muted);
    }

    void setZone(ZoneId zone) {
        messageList.setZone(zone);
    }

    void refreshTimes(Instant now) {
        messageList.refreshTimes(now);
    }

    private void loadInitial() {
        // Read before the history: a message posted in between is then unread, never silently marked read.
        long readUpTo = Long.MAX_VALUE;
        if (room.member()) {
            try {
                readUpTo = reading.readPosition(user, room.id());
            } catch (ParleyException e) {
                // Left the room in another tab meanwhile: nothing is unread for a reader who is not a member.
                log.debug("No read position in room {}", room.slug(), e);
            }
        }
        List<ChatMessage> page;
        boolean hasNewer = false;
        if (focus == null) {
            page = messages.latest(user, room.id(), MessageService.PAGE_SIZE);
        } else {
            // Half a page on each side of the message opened at; more loads when scrolling either way.
            page = new ArrayList<>(messages.before(user, room.id(), focus + 1, MessageService.PAGE_SIZE / 2));
            List<ChatMessage> newer = messages.after(user, room.id(), focus, MessageService.PAGE_SIZE / 2);
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
        if (room.member() && panel.isAttached()) {
            readPositions.record(user, room.id(), seq);
        }
    }

    void loadOlder() {
        long oldest = messageList.oldestSeq();
        if (oldest <= 1) {
            return;
        }
        List<ChatMessage> page = messages.before(user, room.id(), oldest, MessageService.PAGE_SIZE);
        if (messageList.prepend(page, !page.isEmpty() && page.getFirst().seq() > 1)) {
            // The newest messages made room: live ones wait until the viewer scrolls down to them (loadNewer).
            sequencer = new MessageSequencer(messageList.newestSeq());
        }
    }

    /**
     * The next page after the newest message shown, when the room was opened at an older message; through the
     * sequencer, so that live messages that arrived meanwhile are neither lost nor shown twice.
     */
    void loadNewer() {
        long now = System.currentTimeMillis();
        // One more than a page tells whether there are more after it.
        List<ChatMessage> page = messages.after(user, room.id(), sequencer.lastShown(), MessageService.PAGE_SIZE + 1);
        boolean more = page.size() > MessageService.PAGE_SIZE;
        page.stream()
                .limit(MessageService.PAGE_SIZE)
                .forEach(message -> sequencer.accept(message, now).forEach(this::append));
        messageList.setHasNewer(more);
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
            default -> otherEvents.accept(event);
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

    void openEditor(ChatMessage message) {
        new EditMessageDialog(message, text -> messages.edit(user, message.id(), text), this::showChanged).open();
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
            showChanged(messages.delete(user, message.id()));
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
                    message.reactedBy(user, emoji)
                            ? messages.unreact(user, message.id(), emoji)
                            : messages.react(user, message.id(), emoji));
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        } catch (RuntimeException e) {
            log.error("Reacting to message {} failed", message.id().value(), e);
            Notification.show("The reaction could not be saved because of a server error. Try again.");
        }
    }

    /**
     * A newer version of a message (edited, reacted to, deleted) replaces the shown one in place, or the one waiting.
     */
    private void showChanged(ChatMessage message) {
        if (!sequencer.replaceWaiting(message)) {
            messageList.replace(message);
        }
    }

    /**
     * A message the viewer has just sent: shown in order, once; a viewer reading older messages is taken to the newest,
     * as they expect to see what they sent.
     */
    void showSent(ChatMessage message) {
        if (messageList.takesNewMessages()) {
            show(message);
        } else {
            showNewest();
        }
    }

    /** The newest page, in place of what is shown, with the viewer at the bottom. */
    private void showNewest() {
        List<ChatMessage> page = messages.latest(user, room.id(), MessageService.PAGE_SIZE);
        messageList.showNewest(page, !page.isEmpty() && page.getFirst().seq() > 1);
        sequencer = new MessageSequencer(page.isEmpty() ? 0 : page.getLast().seq());
        if (!page.isEmpty()) {
            seen(page.getLast().seq());
        }
    }

    /**
     * A message that arrived live, or that the viewer has just sent: shown in order, once. A viewer reading older
     * messages in a full window keeps them: the message then waits below with the ones after it, loaded when they
     * scroll down.
     */
    void show(ChatMessage message) {
        if (!messageList.takesNewMessages()) {
            messageList.setHasNewer(true);
            return;
        }
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

    /** Reads from history what push has left missing for longer than it should take: called as the clock ticks. */
    void fillGapIfStale() {
        if (sequencer.gapOlderThan(GAP_WAIT_MILLIS, System.currentTimeMillis())) {
            fillGap();
        }
    }

    private void fillGap() {
        long now = System.currentTimeMillis();
        for (ChatMessage missed :
                messages.after(user, room.id(), sequencer.lastShown(), MessageService.MAX_PAGE_SIZE)) {
            sequencer.accept(missed, now).forEach(this::append);
        }
    }
}
