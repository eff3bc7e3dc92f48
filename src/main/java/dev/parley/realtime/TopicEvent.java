package dev.parley.realtime;

import java.util.List;

/**
 * An application event that open UIs must see. Publish it with Spring's {@code ApplicationEventPublisher} inside the
 * transaction; {@link CommittedEventRelay} hands it to the {@link Broadcaster} once the transaction commits, so nothing
 * rolled back is ever shown.
 */
public interface TopicEvent {

    /** The topics the event goes to, for example {@code room:42}. */
    List<String> topics();
}
