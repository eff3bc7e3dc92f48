package dev.parley.messages.ui;

import dev.parley.ViewTestSupport;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import org.springframework.beans.factory.annotation.Autowired;

/** View tests of a room: the services they set rooms up with, and opening a room's view as its route does. */
abstract class RoomViewTestSupport extends ViewTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    MessageService messages;

    /** Navigates to the room and returns its panel. */
    RoomPanel open(RoomSummary room) {
        return navigate("rooms/" + room.slug(), RoomView.class).panel();
    }
}
