package dev.parley.rooms;

import dev.parley.accounts.UserId;
import dev.parley.rooms.internal.MembershipRepository;
import java.time.Instant;

/** Room set-ups the services cannot make yet. */
public final class RoomTestData {

    private RoomTestData() {}

    /** Adds a member to any room, private ones included (invitations come in a later feature). */
    public static void addMember(MembershipRepository memberships, RoomId room, UserId user) {
        memberships.save(new Membership(room, user, RoomRole.MEMBER, Instant.now()));
    }
}
