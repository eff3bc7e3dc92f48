package dev.parley.rooms;

import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.realtime.TopicEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An admin deleted a room. Published inside the deleting transaction, before the room's rows go: the features that keep
 * data of the room delete theirs in that transaction ({@code @EventListener}): messages, reactions, files and their
 * bytes (after commit), index entries. After the commit it goes to the room's topic (every open view leaves to the
 * lobby), to the lobby when it was public, and to each member's own topic (their navigation drops it).
 */
public record RoomDeleted(RoomId id, String slug, String name, boolean wasPrivate, Set<UserId> members, UserSummary by)
        implements TopicEvent {

    @Override
    public List<String> topics() {
        List<String> topics = new ArrayList<>(members.size() + 2);
        topics.add(id.topic());
        if (!wasPrivate) {
            topics.add(RoomCreated.LOBBY_TOPIC);
        }
        members.forEach(member -> topics.add(member.topic()));
        return topics;
    }
}
