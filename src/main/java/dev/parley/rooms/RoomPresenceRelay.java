package dev.parley.rooms;

import dev.parley.presence.PresenceChanged;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.rooms.internal.MembershipRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Passes each presence change on to the topics of the rooms the user belongs to, so that a room's views hear about
 * their own members only: one query per change, however many views are open, instead of every view of every room
 * receiving everyone's changes.
 */
@Component
class RoomPresenceRelay {

    private final Broadcaster broadcaster;
    private final MembershipRepository memberships;
    private @Nullable Subscription subscription;

    RoomPresenceRelay(Broadcaster broadcaster, MembershipRepository memberships) {
        this.broadcaster = broadcaster;
        this.memberships = memberships;
    }

    @PostConstruct
    void start() {
        subscription = broadcaster.subscribe(PresenceChanged.TOPIC, event -> {
            if (event instanceof PresenceChanged change) {
                for (long room : memberships.findRoomIdsOfUser(change.user().value())) {
                    broadcaster.publish(new RoomId(room).topic(), change);
                }
            }
        });
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
