package dev.parley.rooms;

import dev.parley.accounts.UserSummary;
import dev.parley.realtime.TopicEvent;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Someone joined, left or was removed from a room. Goes to the room's topic, to the user's own topic (so their other
 * tabs follow), and, for a public room, to the lobby.
 *
 * @param memberCount the room's member count after the change
 * @param removedBy who removed the user from the room, or null when they joined or left themselves
 * @param banned whether the removal was a ban: they cannot come back until unbanned
 */
public record MembershipChanged(
        RoomSummary room,
        UserSummary user,
        boolean joined,
        int memberCount,
        @Nullable UserSummary removedBy,
        boolean banned)
        implements TopicEvent {

    /** Someone joined or left by themselves. */
    public MembershipChanged(RoomSummary room, UserSummary user, boolean joined, int memberCount) {
        this(room, user, joined, memberCount, null, false);
    }

    @Override
    public List<String> topics() {
        List<String> topics =
                new ArrayList<>(List.of(room.id().topic(), user.id().topic()));
        if (!room.isPrivate()) {
            topics.add(RoomCreated.LOBBY_TOPIC);
        }
        return topics;
    }
}
