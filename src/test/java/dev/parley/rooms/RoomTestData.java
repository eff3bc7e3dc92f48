package dev.parley.rooms;

import dev.parley.accounts.UserId;
import dev.parley.rooms.internal.MembershipRepository;
import java.time.Instant;

/** Room set-ups made directly, for tests that are not about how members get in. */
public final class RoomTestData {

    private RoomTestData() {}

    /** Adds a member to any room, private ones included, without the invitation a real member would accept. */
    public static void addMember(MembershipRepository memberships, RoomId room, UserId user) {
        addMember(memberships, room, user, RoomRole.MEMBER);
    }

    /** Adds a member with a role, such as a moderator, without going through an admin. */
    public static void addMember(MembershipRepository memberships, RoomId room, UserId user, RoomRole role) {
        // Starts at 0 like a member from before read positions existed: everything in the room counts as unread.
        memberships.save(new Membership(room, user, role, Instant.now(), 0));
    }
}
