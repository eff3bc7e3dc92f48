package dev.parley.realtime;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.communication.PushConnection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events waiting for one UI, bounded. Events reach a UI through {@code ui.access}, which never blocks: it queues
 * the event until the thread holding the UI's session lock lets go. That thread also writes the UI's pushes, so a
 * browser that stops reading its push socket holds the lock while its write waits, and without a bound every event for
 * it queues up (a tab that hung in a flood held 627,000 of them and most of the heap).
 *
 * <p>A UI with more than {@link #LIMIT} events waiting has fallen behind: its push connection is closed, so that
 * nothing more waits on its socket and what is queued runs at once; further events are dropped; and once the queue has
 * drained, the UI's page is made again from the database ({@link UI#refreshCurrentRoute(boolean)}), which the browser
 * receives when it reconnects, as after any dropped connection. Every event that reached the UI before it fell behind
 * is shown; what it dropped is in the remade page.
 */
public final class UiBacklog {

    /** How many events may wait for one UI: a few seconds of a flood for a slow browser, never a hung one's hours. */
    public static final int LIMIT = 1_000;

    private static final Logger log = LoggerFactory.getLogger(UiBacklog.class);

    private final UI ui;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean behind = new AtomicBoolean();
    private final AtomicInteger fallen = new AtomicInteger();

    private UiBacklog(UI ui) {
        this.ui = ui;
    }

    /** The UI's backlog; call with the UI's session locked (from an attach listener or a UI's own code). */
    public static UiBacklog of(UI ui) {
        UiBacklog backlog = ComponentUtil.getData(ui, UiBacklog.class);
        if (backlog == null) {
            backlog = new UiBacklog(ui);
            ComponentUtil.setData(ui, UiBacklog.class, backlog);
        }
        return backlog;
    }

    /**
     * Runs the task in the UI's session lock, after what is already queued for it; drops it when the UI has fallen
     * behind. Safe on any thread.
     */
    public void access(Runnable task) {
        if (behind.get()) {
            return;
        }
        if (waiting.incrementAndGet() > LIMIT) {
            waiting.decrementAndGet();
            fallBehind();
            return;
        }
        try {
            ui.access(() -> {
                waiting.decrementAndGet();
                task.run();
            });
        } catch (UIDetachedException e) {
            waiting.decrementAndGet();
            // The UI closed before the task could run; its detach listeners are closing its subscriptions, and a
            // closed UI has nothing to show.
            log.debug("Not run: UI already detached", e);
        }
    }

    /** How many tasks wait for the UI's lock now. */
    public int waiting() {
        return waiting.get();
    }

    /** How many times the UI has fallen behind and caught up, or is catching up. */
    public int timesFallenBehind() {
        return fallen.get();
    }

    private void fallBehind() {
        if (!behind.compareAndSet(false, true)) {
            return;
        }
        fallen.incrementAndGet();
        log.info("A browser fell {} events behind; its push connection is closed and its page made again", LIMIT);
        // Outside the lock, which the stuck write may hold: a push after this returns at once, and the push
        // connection closes as soon as the write in progress gives up.
        PushConnection push = ui.getInternals().getPushConnection();
        if (push != null) {
            Thread.ofVirtual().name("parley-push-disconnect").start(() -> {
                if (push.isConnected()) {
                    push.disconnect();
                }
            });
        }
        try {
            // Queued after every event accepted before: runs once they have.
            ui.access(() -> {
                behind.set(false);
                ui.refreshCurrentRoute(true);
            });
        } catch (UIDetachedException e) {
            log.debug("UI closed while it was behind", e);
        }
    }
}
