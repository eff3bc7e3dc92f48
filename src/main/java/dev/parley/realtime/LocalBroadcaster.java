package dev.parley.realtime;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The in-process broadcaster: one node, all subscribers in this JVM. Publishing only enqueues: every subscriber has its
 * own mailbox, drained on a virtual thread, so a slow UI never holds up the others, no lock is held while a UI is
 * updated, and each subscriber sees a topic's events in publication order.
 */
@Component
public class LocalBroadcaster implements Broadcaster, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalBroadcaster.class);

    private final ConcurrentHashMap<String, Set<Mailbox>> topics = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @Override
    public Subscription subscribe(String topic, Consumer<Object> listener) {
        Mailbox mailbox = new Mailbox(listener);
        topics.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(mailbox);
        return () -> {
            mailbox.closed = true;
            topics.computeIfPresent(topic, (t, mailboxes) -> {
                mailboxes.remove(mailbox);
                return mailboxes.isEmpty() ? null : mailboxes;
            });
        };
    }

    @Override
    public void publish(String topic, Object event) {
        Set<Mailbox> mailboxes = topics.get(topic);
        if (mailboxes == null) {
            return;
        }
        for (Mailbox mailbox : mailboxes) {
            mailbox.offer(event);
        }
    }

    /**
     * Delivers the event to every subscriber of this node, whatever its topic (a subscriber of several topics receives
     * it once per topic): for {@link EventsMissed}.
     */
    public void publishToAll(Object event) {
        for (Set<Mailbox> mailboxes : topics.values()) {
            for (Mailbox mailbox : mailboxes) {
                mailbox.offer(event);
            }
        }
    }

    /** Number of subscribers of a topic; for tests and diagnostics. */
    public int subscriberCount(String topic) {
        Set<Mailbox> mailboxes = topics.get(topic);
        return mailboxes == null ? 0 : mailboxes.size();
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    private final class Mailbox {

        private final Consumer<Object> listener;
        private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean closed;

        Mailbox(Consumer<Object> listener) {
            this.listener = listener;
        }

        void offer(Object event) {
            queue.add(event);
            if (scheduled.compareAndSet(false, true)) {
                executor.execute(this::drain);
            }
        }

        private void drain() {
            do {
                Object event;
                while ((event = queue.poll()) != null) {
                    if (closed) {
                        queue.clear();
                        break;
                    }
                    deliver(event);
                }
                scheduled.set(false);
                // An event offered after the last poll but before the flag was cleared would wait forever.
            } while (!queue.isEmpty() && scheduled.compareAndSet(false, true));
        }

        private void deliver(Object event) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // One broken subscriber must not stop delivery to the others or to itself.
                log.warn("A subscriber failed to handle {}", event, e);
            }
        }
    }
}
