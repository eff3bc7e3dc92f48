package dev.parley.messages.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.parley.accounts.UserId;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.TimeFormat;
import dev.parley.files.FileId;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.messages.TypingService;
import dev.parley.rooms.MutedException;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.ui.MembersPanel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the viewer writes to the room: the message box and Send, mention suggestions while an {@code @name} is typed,
 * and the files to attach. It tells the room while the viewer types, and says until when a muted viewer cannot post.
 */
class Composer extends Div {

    private static final Logger log = LoggerFactory.getLogger(Composer.class);

    /** While typing, the composer's value (and with it "typing") reaches the server at most this often. */
    static final int TYPING_SYNC_MILLIS = 1000;

    final TextArea input = new TextArea();
    final Button send = new Button("Send", VaadinIcon.PAPERPLANE.create());
    final MentionPicker mentions;
    final ComposerFiles files;
    /** While the viewer is muted: until when. Made when first needed, as the room page's other notices. */
    @Nullable
    Span mutedNotice;

    private final UserId user;
    private final MessageService messages;
    private final TypingService typing;
    private final Consumer<ChatMessage> sent;
    private final Consumer<Instant> mutedUntil;
    /** Whether the user may attach files at all (guests only where configuration lets them). */
    private final boolean mayUpload;

    private RoomSummary room;
    private ZoneId zone;

    /**
     * @param panel the room's panel, which the uploads belong to: files may be dropped anywhere on the conversation
     * @param members the members sidebar, whose members mentions are suggested from
     * @param sent shows a message the viewer has just sent
     * @param mutedUntil tells the panel that posting was refused because the viewer is muted, until then
     */
    Composer(
            Component panel,
            RoomSummary room,
            UserId user,
            ZoneId zone,
            RoomPageServices services,
            MembersPanel members,
            Consumer<ChatMessage> sent,
            Consumer<Instant> mutedUntil) {
        this.room = room;
        this.user = user;
        this.zone = zone;
        this.messages = services.messages();
        this.typing = services.typing();
        this.sent = sent;
        this.mutedUntil = mutedUntil;
        showRoom(room);
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
        mentions = new MentionPicker(input, user, () -> members.ordered().stream()
                .map(m -> new MentionSuggestions.Candidate(m.user(), m.online()))
                .toList());
        send.addThemeVariants(ButtonVariant.PRIMARY);
        send.addClickListener(e -> send());
        files = new ComposerFiles(panel, services.files(), services.fileLimits(), user, room.id());
        // Guests attach files only where configuration lets them; the service refuses them otherwise anyway.
        mayUpload = services.files().mayUpload(user);
        files.button.setVisible(mayUpload);
        addClassName("composer");
        add(files.list, mentions, files.button, input, send);
        // Leaving the room (or the page) ends typing at once for everyone else.
        panel.addDetachListener(detach -> typing.stopped(user, room.id()));
        // What was being written stays with the tab when the room's page is made again: after switching rooms and
        // back, or when a tab that fell behind catches up (dev.parley.realtime.UiBacklog).
        panel.addDetachListener(detach -> ComponentUtil.setData(
                detach.getUI(), draftKey(room), input.getValue().isBlank() ? null : input.getValue()));
        panel.addAttachListener(attach -> {
            Object draft = ComponentUtil.getData(attach.getUI(), draftKey(room));
            if (draft instanceof String text && input.getValue().isEmpty()) {
                input.setValue(text);
            }
        });
    }

    private static String draftKey(RoomSummary room) {
        return "parley.draft." + room.id().value();
    }

    /** The room's name as its settings are now, in the placeholder. */
    void showRoom(RoomSummary room) {
        input.setPlaceholder("Message " + RoomPanel.label(room));
    }

    /**
     * Whether the viewer may post now: the composer is shown to members of a room that is not archived, and works
     * unless they are muted ({@code mutedUntil} not null). The service checks again.
     */
    void update(RoomSummary room, @Nullable Instant mutedUntil) {
        this.room = room;
        boolean archived = room.archived();
        boolean muted = mutedUntil != null && room.member();
        if (muted && mutedNotice == null) {
            Span notice = new Span();
            notice.addClassName("muted-notice");
            addComponentAtIndex(indexOf(files.button), notice);
            mutedNotice = notice;
        }
        setVisible(room.member() && !archived);
        input.setEnabled(!muted);
        send.setEnabled(!muted);
        files.setEnabled(mayUpload && room.member() && !archived && !muted);
        if (mutedNotice != null) {
            mutedNotice.setVisible(muted);
            if (mutedUntil != null) {
                mutedNotice.setText(mutedText(mutedUntil));
            }
        }
    }

    void setZone(ZoneId zone) {
        this.zone = zone;
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
            ChatMessage posted = messages.post(user, room.id(), text, attached);
            typing.stopped(user, room.id());
            input.clear();
            files.sent();
            mentions.close();
            input.setInvalid(false);
            sent.accept(posted);
        } catch (MutedException e) {
            // Muted in another way than this view heard of (the API, a race): the composer says until when, in the
            // browser's time; the text stays.
            mutedUntil.accept(e.until());
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
            typing.typing(user, room.id());
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

    private String mutedText(Instant until) {
        return "You are muted until " + TimeFormat.upcoming(until, Instant.now(), zone) + ".";
    }
}
