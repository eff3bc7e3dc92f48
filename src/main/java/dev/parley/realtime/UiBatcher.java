package dev.parley.realtime;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects events for one UI and hands them over in one batch, at most once per interval: for updates that may come in
 * storms but need not be shown one by one, like presence in a large room, where every member coming online would
 * otherwise cost every open view a push of its own; with no interval, for a render asked for by a thread that tells
 * many views (a room's roster), which must not take each view's lock itself. {@link #add} may be called from any thread
 * (inside {@code ui.access} or straight from a broadcaster's thread, which saves taking the UI's lock per event); the
 * flush always runs inside {@code ui.access}.
 */
public final class UiBatcher<T> {

    private static final Logger log = LoggerFactory.getLogger(UiBatcher.class);

    private static final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-ui-batcher");
        thread.setDaemon(true);
        return thread;
    });

    private final UI ui;
    private final Duration interval;
    private final Consumer<List<T>> flush;
    private final List<T> pending = new ArrayList<>();
    private boolean scheduled;

    public UiBatcher(UI ui, Duration interval, Consumer<List<T>> flush) {
        this.ui = ui;
        this.interval = interval;
        this.flush = flush;
    }

    /** Adds an event; the batch is flushed inside {@code ui.access} when the interval has passed. */
    public synchronized void add(T event) {
        pending.add(event);
        if (!scheduled) {
            scheduled = true;
            // The timer's one thread only starts the flush: the push it ends with is written to the browser's
            // connection on the thread that makes it (PushConfiguration), and one slow connection must not hold up
            // every other view's batch.
            timer.schedule(
                    () -> Thread.ofVirtual().name("parley-ui-batch").start(this::flushLater),
                    interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private synchronized List<T> takeBatch() {
        scheduled = false;
        List<T> batch = List.copyOf(pending);
        pending.clear();
        return batch;
    }

    private void flushLater() {
        try {
            ui.access(() -> flush.accept(takeBatch()));
        } catch (UIDetachedException e) {
            // The view is gone, and with it everything it would have shown.
            log.debug("Batch for a detached UI dropped", e);
        }
    }
}
