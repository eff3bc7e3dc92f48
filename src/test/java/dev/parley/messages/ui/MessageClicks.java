package dev.parley.messages.ui;

import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import dev.parley.files.FileId;
import dev.parley.messages.ChatMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the browser does in a room's message list, for view tests: clicks on message buttons, scrolling to the top, and
 * finding items.
 */
final class MessageClicks {

    private MessageClicks() {}

    /**
     * What the browser sends when a button in a message is clicked: the list's one delegated listener fires with the
     * button's action, the message's id and, for reactions, the emoji.
     */
    static void click(RoomPanel panel, ChatMessage message, String action, @Nullable String emoji) {
        fire(panel, message, action, emoji, null);
    }

    /** What the browser sends when an image attached to a message is clicked. */
    static void clickImage(RoomPanel panel, ChatMessage message, FileId image) {
        fire(panel, message, "view-image", null, String.valueOf(image.value()));
    }

    private static void fire(
            RoomPanel panel, ChatMessage message, String action, @Nullable String emoji, @Nullable String file) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put(MessageList.ACTION_FILTER, true);
        data.put(MessageList.ACTION_DATA, action);
        data.put(MessageList.MESSAGE_SEQ_DATA, String.valueOf(message.seq()));
        if (emoji != null) {
            data.put(MessageList.EMOJI_DATA, emoji);
        }
        if (file != null) {
            data.put(MessageList.FILE_DATA, file);
        }
        Element items = panel.stream.messageList.items.getElement();
        items.getNode().getFeature(ElementListenerMap.class).fireEvent(new DomEvent(items, "click", data));
    }

    /**
     * What the browser sends when the list is scrolled to the top while it shows {@code oldestShown} as its oldest
     * message.
     */
    static void scrollToTop(RoomPanel panel, long oldestShown) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put(MessageList.AT_TOP_FILTER, true);
        data.put(MessageList.OLDEST_SHOWN_DATA, String.valueOf(oldestShown));
        Element scroller = panel.stream.messageList.getElement();
        scroller.getNode().getFeature(ElementListenerMap.class).fireEvent(new DomEvent(scroller, "scroll", data));
    }

    /**
     * What the browser sends when the list is scrolled to the bottom while it shows {@code newestShown} as its newest
     * message and newer ones are not loaded.
     */
    static void scrollToBottom(RoomPanel panel, long newestShown) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put(MessageList.AT_BOTTOM_FILTER, true);
        data.put(MessageList.NEWEST_SHOWN_DATA, String.valueOf(newestShown));
        scroll(panel, data);
        following(panel, true);
    }

    /** What the browser sends when the viewer scrolls away from the bottom ({@code false}) or back to it. */
    static void following(RoomPanel panel, boolean atBottom) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put(MessageList.FOLLOWING_CHANGED_FILTER, true);
        data.put(MessageList.AT_BOTTOM_DATA, atBottom);
        scroll(panel, data);
    }

    private static void scroll(RoomPanel panel, ObjectNode data) {
        Element scroller = panel.stream.messageList.getElement();
        scroller.getNode().getFeature(ElementListenerMap.class).fireEvent(new DomEvent(scroller, "scroll", data));
    }

    /** The item showing the message; fails the test when it is not shown. */
    static MessageItem item(RoomPanel panel, ChatMessage message) {
        return panel.stream
                .messageList
                .items
                .getChildren()
                .filter(MessageItem.class::isInstance)
                .map(MessageItem.class::cast)
                .filter(item -> item.message().id().equals(message.id()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Message " + message.id() + " is not shown"));
    }
}
