package dev.parley.rooms;

import java.util.List;

/**
 * The rooms a user may read at one moment, and the highest room id there was then. Room ids only grow and are never
 * reused, so every room that exists later and is not above {@code highest} existed at that moment, and is either among
 * {@code rooms} or was not readable by the user (or was deleted).
 *
 * @param rooms the public rooms, and the private rooms and direct conversations the user is a member of
 * @param highest the highest room id there was, or 0 when there was no room
 */
public record ReadableRooms(List<RoomRef> rooms, RoomId highest) {

    public ReadableRooms {
        rooms = List.copyOf(rooms);
    }
}
