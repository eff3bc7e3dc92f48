package dev.parley.rooms;

import dev.parley.accounts.UserId;
import dev.parley.realtime.TopicEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A room's admins changed its settings (name, description, visibility, archived). Goes to the room's topic (its open
 * views, the lobby cards of its private rooms), to the lobby when it is or was public, and to each member's own topic
 * (their navigation): every view updates from what it carries, without a query. A room made private is left at once by
 * the open views of everyone not in {@code members}.
 *
 * @param members the room's members now: who still sees a private room, and the lobby's member count
 */
public record RoomUpdated(
        RoomId id,
        String slug,
        String name,
        String description,
        boolean isPrivate,
        boolean archived,
        boolean wasPrivate,
        Set<UserId> members)
        implements TopicEvent {

    @Override
    public List<String> topics() {
        List<String> topics = new ArrayList<>(members.size() + 2);
        topics.add(id.topic());
        if (!isPrivate || !wasPrivate) {
            topics.add(RoomCreated.LOBBY_TOPIC);
        }
        members.forEach(member -> topics.add(member.topic()));
        return topics;
    }

    /** Whether the user may still read the room. */
    public boolean readableBy(UserId user) {
        return !isPrivate || members.contains(user);
    }
}
