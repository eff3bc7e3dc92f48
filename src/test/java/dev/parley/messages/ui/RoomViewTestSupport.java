package dev.parley.messages.ui;

import com.vaadin.flow.component.Component;
import dev.parley.ViewTestSupport;
import dev.parley.messages.MessageService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;

/** View tests of a room: the services they set rooms up with, and opening a room's view as its route does. */
abstract class RoomViewTestSupport extends ViewTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    MessageService messages;

    /** Navigates to the room and returns its panel. */
    RoomPanel open(RoomSummary room) {
        return navigate("rooms/" + room.slug(), RoomView.class).panel();
    }

    /** The texts of the messages the panel shows, oldest first. */
    static List<String> bodies(RoomPanel panel) {
        return panel.stream
                .messageList
                .items
                .getChildren()
                .filter(MessageItem.class::isInstance)
                .map(item -> ((MessageItem) item).message().body())
                .toList();
    }

    /**
     * Whether a part of the view that is made only when first needed (a notice, a button for admins) is there and
     * shown: not made yet means not shown.
     */
    static boolean shown(@Nullable Component component) {
        return component != null && component.isVisible();
    }
}
