package dev.parley.realtime;

import java.util.List;
import java.util.function.Consumer;

/**
 * Publishes events to topics and delivers them to the topic's subscribers. Each subscriber receives the events of a
 * topic in the order they were published, on a thread of the broadcaster's, never on the publisher's.
 */
public interface Broadcaster {

    /** Starts delivering the topic's events to the listener until the returned subscription is closed. */
    Subscription subscribe(String topic, Consumer<Object> listener);

    void publish(String topic, Object event);

    /** Publishes the event to each of the topics, in their order. */
    default void publish(List<String> topics, Object event) {
        for (String topic : topics) {
            publish(topic, event);
        }
    }

    /** A live subscription; closing it twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
