package dev.parley.realtime;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Forwards {@link TopicEvent}s to the broadcaster after their transaction commits (at once outside one). */
@Component
class CommittedEventRelay {

    private final Broadcaster broadcaster;

    CommittedEventRelay(Broadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void relay(TopicEvent event) {
        broadcaster.publish(event.topics(), event);
    }
}
