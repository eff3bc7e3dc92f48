package dev.parley.rooms;

/** Identifies a room; other features refer to rooms by this, never by entity. */
public record RoomId(long value) {

    /** The topic for everything happening in this room: messages, members joining and leaving. */
    public String topic() {
        return "room:" + value;
    }
}
