package dev.parley.messages.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ScrollOptions;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import dev.parley.accounts.UserId;
import dev.parley.files.Attachment;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageAuthor;
import dev.parley.messages.MessageId;
import dev.parley.messages.MessageService;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The scrolling list of messages. The scroll container is a reversed flex column, so the browser keeps the view
 * anchored at the bottom: new messages stay in sight, and older pages added at the top do not make the view jump.
 * Reaching the top (or pressing the button there) asks for the previous page.
 *
 * <p>The list holds a window of at most {@link #WINDOW} messages, so that a view left open in a busy room does not grow
 * without end: a message added at the bottom pushes the oldest out (they load again when scrolling up), and a page
 * added at the top pushes the newest out (they load again when scrolling down, as after opening the room at a search
 * hit). The browser tells whether the viewer is at the bottom ({@link #following()}); a viewer who has scrolled up to
 * read keeps what they read when the window is full, and new messages wait below until they scroll down.
 *
 * <p>The reaction, edit and delete buttons are plain HTML inside each message's shared rendering; one click listener on
 * the list catches clicks on any of them and reports the action (with the emoji, for a reaction) and the message it
 * belongs to.
 */
class MessageList extends Div {

    /** How close to the top, in pixels, scrolling must come before the previous page is loaded. */
    private static final int LOAD_THRESHOLD_PX = 400;

    /** The most messages a view holds: three pages. */
    static final int WINDOW = 3 * MessageService.PAGE_SIZE;

    /**
     * Whether the viewer is at the bottom, where new messages appear (the column is reversed: scrollTop 0 is the
     * bottom).
     */
    static final String AT_BOTTOM_DATA = "Math.abs(element.scrollTop) < 80";

    /**
     * Only a scroll that moves the viewer to or away from the bottom reaches the server: the element carries the
     * {@code following} attribute as long as the server takes the viewer to be there.
     */
    static final String FOLLOWING_CHANGED_FILTER = "(" + AT_BOTTOM_DATA + ") !== element.hasAttribute('following')";

    /** Event data of the delegated click listener: the clicked action button's action, and its message's id. */
    static final String ACTION_DATA = "event.target.closest('[data-action]')?.dataset.action";

    /** The clicked message's number in the room: its element's only attribute, which every message has anyway. */
    static final String MESSAGE_SEQ_DATA = "event.target.closest('.message')?.dataset.seq";

    /** Scrolling reached the top, where older messages load (the column is reversed: scrollTop is negative). */
    static final String AT_TOP_FILTER =
            "element.scrollHeight - element.clientHeight - Math.abs(element.scrollTop) < " + LOAD_THRESHOLD_PX;

    /** Scrolling reached the bottom, where newer messages load when they are not all shown. */
    static final String AT_BOTTOM_FILTER = "Math.abs(element.scrollTop) < " + LOAD_THRESHOLD_PX;

    /**
     * The oldest message the browser shows when it scrolls to the top. A scroll that reached the top before the browser
     * had the previous page is stale: that page already answered it, and loading again would skip one.
     */
    static final String OLDEST_SHOWN_DATA = "element.querySelector('.message')?.dataset.seq";

    /**
     * The newest message the browser shows when it scrolls to the bottom: stale scrolls are told apart the same way.
     */
    static final String NEWEST_SHOWN_DATA = "[...element.querySelectorAll('.message')].pop()?.dataset.seq";

    /** The emoji of a clicked reaction chip or palette button. */
    static final String EMOJI_DATA = "event.target.closest('[data-action]')?.dataset.emoji";

    /** The attachment id of a clicked image. */
    static final String FILE_DATA = "event.target.closest('[data-action]')?.dataset.file";

    /** Only clicks on an action button reach the server. */
    static final String ACTION_FILTER = "event.target.closest('[data-action]') != null";

    /** What the viewer asked to do to a message, through its buttons. */
    interface Actions {
        void edit(ChatMessage message);

        void delete(ChatMessage message);

        /** A reaction chip or palette button: adds the reaction, or takes it back if the viewer already made it. */
        void react(ChatMessage message, String emoji);

        /** A thumbnail: shows the image at full size. */
        void viewImage(ChatMessage message, Attachment image);
    }

    final Div items = new Div();
    final Button loadOlder = new Button("Load older messages");
    /**
     * Shown when the room was opened at an older message and newer ones are not loaded yet; made then, as every open
     * view would hold it otherwise (docs/benchmarks.md, heap per session), and so is the divider below.
     */
    @Nullable
    Button loadNewer;

    final Paragraph beginning = new Paragraph();
    final Paragraph empty = new Paragraph();
    /** Above the first message that was unread when the room opened; stays until the view is left. */
    @Nullable
    Div newMessagesDivider;

    private final Div column;
    private final Runnable onNeedNewer;

    private final List<MessageItem> recent = new ArrayList<>();
    /** Everyone whose messages were shown; read on the broadcaster's threads. */
    private final Set<UserId> authors = ConcurrentHashMap.newKeySet();

    private final UserId viewer;
    private ZoneId zone;
    private boolean following = true;
    private long readUpTo = Long.MAX_VALUE;

    MessageList(
            String roomLabel, ZoneId zone, UserId viewer, Runnable onNeedOlder, Runnable onNeedNewer, Actions actions) {
        this.zone = zone;
        this.viewer = viewer;
        this.onNeedNewer = onNeedNewer;
        addClassName("message-scroller");
        setId("message-list");
        items.addClassName("message-items");

        loadOlder.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        loadOlder.addClassName("load-older");
        loadOlder.addClickListener(e -> onNeedOlder.run());
        loadOlder.setVisible(false);
        beginning.setText("This is the beginning of " + roomLabel + ".");
        beginning.addClassName("history-start");
        beginning.setVisible(false);
        empty.setText("No messages yet. Say hello to " + roomLabel + "!");
        empty.addClassName("empty-state");
        empty.setVisible(false);

        Div top = new Div(beginning, loadOlder);
        top.addClassName("history-top");
        // Normal order inside; the reversed outer column only anchors scrolling to the bottom.
        column = new Div(top, empty, items);
        column.addClassName("message-column");
        add(column);

        getElement()
                .addEventListener("scroll", e -> {
                    if (loadOlder.isVisible() && shownSeq(e.getEventData(), OLDEST_SHOWN_DATA) == oldestSeq()) {
                        onNeedOlder.run();
                    }
                })
                .addEventData(OLDEST_SHOWN_DATA)
                .setFilter(AT_TOP_FILTER)
                .throttle(300);
        getElement().setAttribute("following", true);
        getElement()
                .addEventListener(
                        "scroll",
                        e -> setFollowing(e.getEventData().path(AT_BOTTOM_DATA).asBoolean(true)))
                .addEventData(AT_BOTTOM_DATA)
                .setFilter(FOLLOWING_CHANGED_FILTER)
                .throttle(300);
        items.getElement()
                .addEventListener("click", e -> onAction(e.getEventData(), actions))
                .addEventData(ACTION_DATA)
                .addEventData(MESSAGE_SEQ_DATA)
                .addEventData(EMOJI_DATA)
                .addEventData(FILE_DATA)
                .setFilter(ACTION_FILTER);
    }

    private void onAction(JsonNode data, Actions actions) {
        String action = data.path(ACTION_DATA).stringValue("");
        String seq = data.path(MESSAGE_SEQ_DATA).stringValue("");
        if (!seq.matches("[0-9]{1,18}")) {
            return;
        }
        long number = Long.parseLong(seq);
        Optional<MessageItem> item =
                messageItems().filter(shown -> shown.message().seq() == number).findFirst();
        if (item.isEmpty() || item.get().message().deleted()) {
            // No longer shown, or deleted since the click: nothing to act on.
            return;
        }
        switch (action) {
            case "edit" -> actions.edit(item.get().message());
            case "delete" -> actions.delete(item.get().message());
            case "react" ->
                actions.react(item.get().message(), data.path(EMOJI_DATA).stringValue(""));
            case "view-image" -> {
                // Only an image of this very message: the browser says which, the message's own list decides.
                String file = data.path(FILE_DATA).stringValue("");
                item.get().message().attachments().stream()
                        .filter(a -> a.image() && String.valueOf(a.id().value()).equals(file))
                        .findFirst()
                        .ifPresent(image -> actions.viewImage(item.get().message(), image));
            }
            default -> {}
        }
    }

    /** Shows whether the viewer may delete other people's messages (the delete buttons are CSS's business). */
    void setCanModerate(boolean canModerate) {
        setClassName("can-moderate", canModerate);
    }

    /**
     * Shows that nothing can be changed (an archived room: no edit, delete or reaction buttons at all) or that the
     * viewer may not edit (muted: deleting their own stays); CSS's business, the service checks every click.
     */
    void setReadOnly(boolean archived, boolean muted) {
        setClassName("archived", archived);
        setClassName("no-edit", muted);
    }

    /** Shows whether the viewer may react (is a member): the reaction palette is CSS's business. */
    void setCanReact(boolean canReact) {
        setClassName("can-react", canReact);
    }

    /** Shows a newer version of a message (edited, reacted to, or deleted) in place; a message not shown is ignored. */
    void replace(ChatMessage message) {
        find(message.id()).ifPresent(item -> item.update(message, Instant.now(), zone));
    }

    /** Shows the author's new name or picture on every message of theirs shown. */
    void showAuthor(MessageAuthor author) {
        Instant now = Instant.now();
        messageItems().forEach(item -> item.showAuthor(author, now, zone));
    }

    /**
     * Whether a message by this user was shown while the view was open: safe on any thread, for deciding cheaply
     * whether an event concerns this view.
     */
    boolean mayShowAuthor(UserId user) {
        return authors.contains(user);
    }

    private Optional<MessageItem> find(MessageId id) {
        return messageItems().filter(item -> item.message().id().equals(id)).findFirst();
    }

    /** Switches to the browser's time zone once it is known, re-rendering every time shown. */
    void setZone(ZoneId zone) {
        this.zone = zone;
        Instant now = Instant.now();
        messageItems().forEach(item -> item.refreshTime(now, zone));
    }

    /** Shows the first page (the newest messages); {@code hasOlder} tells whether there are more before it. */
    void showInitial(List<ChatMessage> page, boolean hasOlder) {
        items.removeAll();
        recent.clear();
        Instant now = Instant.now();
        page.forEach(m -> items.add(track(new MessageItem(m, viewer, now, zone), now)));
        updateTop(hasOlder);
    }

    /**
     * Shows the newest page in place of everything shown, with the viewer at the bottom: for a viewer who sends while
     * reading older messages.
     */
    void showNewest(List<ChatMessage> page, boolean hasOlder) {
        showInitial(page, hasOlder);
        setHasNewer(false);
        placeDivider();
        setFollowing(true);
        messageItems().reduce((first, second) -> second).ifPresent(Component::scrollIntoView);
    }

    /** Adds a message at the bottom; when the window is full, the oldest message shown makes room for it. */
    void append(ChatMessage message) {
        Instant now = Instant.now();
        items.add(track(new MessageItem(message, viewer, now, zone), now));
        boolean dropped = false;
        while (size() > WINDOW) {
            dropOldest();
            dropped = true;
        }
        updateTop(dropped || loadOlder.isVisible());
    }

    /**
     * Adds an older page above what is shown; when the window is full, the newest messages make room for it and load
     * again when the viewer scrolls down. Returns whether any did.
     */
    boolean prepend(List<ChatMessage> page, boolean hasOlder) {
        Instant now = Instant.now();
        for (int i = page.size() - 1; i >= 0; i--) {
            items.addComponentAsFirst(track(new MessageItem(page.get(i), viewer, now, zone), now));
        }
        boolean dropped = false;
        while (size() > WINDOW) {
            dropNewest();
            dropped = true;
        }
        if (newMessagesDivider != null && newMessagesDivider.getParent().isPresent()) {
            placeDivider();
        }
        updateTop(hasOlder);
        if (dropped) {
            setHasNewer(true);
        }
        return dropped;
    }

    /**
     * Whether a new message may be added at the bottom without taking away what the viewer is reading: the viewer is at
     * the bottom, or the window has room.
     */
    boolean takesNewMessages() {
        return !hasNewer() && (following || size() < WINDOW);
    }

    /** Whether the viewer is at the bottom of the list, as the browser last said. */
    boolean following() {
        return following;
    }

    /** Whether there are messages after the newest shown that are not loaded. */
    boolean hasNewer() {
        return loadNewer != null && loadNewer.isVisible();
    }

    void setFollowing(boolean following) {
        this.following = following;
        getElement().setAttribute("following", following);
    }

    private void dropOldest() {
        Component first = items.getComponentAt(0);
        if (first == newMessagesDivider) {
            // The first unread message is next to go: the divider would then stand above a later one.
            first.removeFromParent();
            first = items.getComponentAt(0);
        }
        untrack(first);
    }

    private void dropNewest() {
        untrack(items.getComponentAt(items.getComponentCount() - 1));
        if (newMessagesDivider != null
                && items.getComponentCount() > 0
                && items.getComponentAt(items.getComponentCount() - 1) == newMessagesDivider) {
            // Every unread message is below the window now; the divider comes back with them.
            newMessagesDivider.removeFromParent();
        }
    }

    private void untrack(Component item) {
        item.removeFromParent();
        recent.remove(item);
    }

    /** Shows or hides the button (and the scrolling) that loads the messages after the newest shown. */
    void setHasNewer(boolean hasNewer) {
        if (hasNewer && loadNewer == null) {
            Button button = new Button("Load newer messages");
            button.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            button.addClassName("load-newer");
            button.addClickListener(e -> onNeedNewer.run());
            column.add(button);
            loadNewer = button;
            // The column is reversed: a scrollTop near 0 is the bottom, where newer messages load.
            getElement()
                    .addEventListener("scroll", e -> {
                        if (button.isVisible() && shownSeq(e.getEventData(), NEWEST_SHOWN_DATA) == newestSeq()) {
                            onNeedNewer.run();
                        }
                    })
                    .addEventData(NEWEST_SHOWN_DATA)
                    .setFilter(AT_BOTTOM_FILTER)
                    .throttle(300);
        }
        if (loadNewer != null) {
            loadNewer.setVisible(hasNewer);
        }
    }

    /** Marks the message with this sequence number as the one the room was opened at, and scrolls it into view. */
    void highlight(long seq) {
        messageItems().forEach(item -> item.setClassName("focused", false));
        messageItems().filter(item -> item.message().seq() == seq).findFirst().ifPresent(item -> {
            item.addClassName("focused");
            item.scrollIntoView(new ScrollOptions(
                    ScrollOptions.Behavior.AUTO, ScrollOptions.Alignment.CENTER, ScrollOptions.Alignment.NEAREST));
        });
    }

    /** The message highlighted as the one the room was opened at, if any. */
    Optional<MessageItem> highlighted() {
        return messageItems().filter(item -> item.hasClassName("focused")).findFirst();
    }

    /** The sequence number of the oldest message shown, or 0. */
    long oldestSeq() {
        return messageItems().findFirst().map(item -> item.message().seq()).orElse(0L);
    }

    /** The sequence number of the newest message shown, or 0. */
    long newestSeq() {
        return messageItems()
                .reduce((first, second) -> second)
                .map(item -> item.message().seq())
                .orElse(0L);
    }

    /** A message number the browser sent with an event, or -1 when it sent none (or not a number). */
    private static long shownSeq(JsonNode data, String key) {
        String seq = data.path(key).stringValue("");
        return seq.matches("[0-9]{1,18}") ? Long.parseLong(seq) : -1;
    }

    /** The number of messages shown: the list's children, less the divider. */
    int size() {
        int children = items.getElement().getChildCount();
        return newMessagesDivider != null && newMessagesDivider.getParent().isPresent() ? children - 1 : children;
    }

    private Stream<MessageItem> messageItems() {
        return items.getChildren().filter(MessageItem.class::isInstance).map(MessageItem.class::cast);
    }

    /**
     * Puts the "New messages" divider above the first message after {@code readUpTo}, the viewer's read position when
     * the room opened; no divider when every message shown was read.
     */
    void markFirstUnreadAfter(long readUpTo) {
        this.readUpTo = readUpTo;
        placeDivider();
    }

    /** Older pages may hold the first unread message: the divider moves up to it. */
    private void placeDivider() {
        if (newMessagesDivider != null) {
            newMessagesDivider.removeFromParent();
        }
        messageItems()
                .filter(item -> item.message().seq() > readUpTo)
                .findFirst()
                .ifPresent(first -> items.addComponentAtIndex(items.indexOf(first), divider()));
    }

    private Div divider() {
        Div made = newMessagesDivider;
        if (made == null) {
            made = new Div(new Span("New messages"));
            made.addClassName("new-messages-divider");
            made.getElement().setAttribute("role", "separator");
            made.getElement().setAttribute("aria-label", "New messages");
            newMessagesDivider = made;
        }
        return made;
    }

    /** Refreshes relative times; messages older than a day show a full date and need no more refreshing. */
    void refreshTimes(Instant now) {
        recent.removeIf(item -> !item.refreshTime(now, zone));
    }

    private MessageItem track(MessageItem item, Instant now) {
        authors.add(item.message().author().id());
        if (item.refreshTime(now, zone)) {
            recent.add(item);
        }
        return item;
    }

    private void updateTop(boolean hasOlder) {
        // The element's child count, not getChildren(), which makes a component list of every message shown (on every
        // append, in every view of the room: a sixth of a new message's cost in each view, by Flight Recorder).
        boolean anything = items.getElement().getChildCount() > 0;
        empty.setVisible(!anything);
        loadOlder.setVisible(hasOlder);
        beginning.setVisible(anything && !hasOlder);
    }
}
