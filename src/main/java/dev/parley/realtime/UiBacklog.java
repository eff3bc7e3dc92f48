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
 * The events one UI has taken and not shown, bounded. Events reach a UI through {@code ui.access}, which never blocks:
 * it queues the event until the thread holding the UI's session lock lets go. That thread also writes the UI's pushes,
 * so a browser that stops reading its push socket holds the lock while its write waits, and without a bound every event
 * for it queues up (a tab that hung in a flood held 627,000 of them and most of the heap). And what a UI shows while
 * its push connection is closed stays in memory until the browser comes back for it: Flow keeps every element changed
 * since the last push, even those removed since, so a view's window of messages does not bound it.
 *
 * <p>A UI has fallen behind when more than {@link #LIMIT} events wait for its lock, or it has handled more than
 * {@code LIMIT} since its push connection closed. Its push connection is then closed (so that nothing more waits on its
 * socket), what is queued for it and every event after are dropped, and as soon as its push connection is open again
 * the UI's page is made again from the database ({@link UI#refreshCurrentRoute(boolean)}): the browser catches up as
 * after any dropped connection, with the page as it is now.
 */
public final class UiBacklog {

    /** How many events may wait for one UI, or reach it while it cannot be told. */
    public static final int LIMIT = 1_000;

    private static final Logger log = LoggerFactory.getLogger(UiBacklog.class);

    private final UI ui;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean behind = new AtomicBoolean();
    private final AtomicBoolean catchingUp = new AtomicBoolean();
    private final AtomicInteger fallen = new AtomicInteger();
    private final AtomicBoolean linkDown = new AtomicBoolean();
    /** Events handled since the push connection was last seen open; only touched in the UI's lock. */
    private int unsent;

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
            if (pushOpen()) {
                catchUp();
            }
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
                if (behind.get()) {
                    // Fell behind while this waited: the page is made again when the browser is back.
                    return;
                }
                if (pushOpen()) {
                    unsent = 0;
                } else if (++unsent > LIMIT) {
                    fallBehind();
                    return;
                }
                task.run();
            });
        } catch (UIDetachedException e) {
            waiting.decrementAndGet();
            // The UI closed before the task could run; its detach listeners are closing its subscriptions, and a
            // closed UI has nothing to show.
            log.debug("Not run: UI already detached", e);
        }
    }

    /**
     * Events for this UI may have been missed ({@link EventsMissed}): its page is made again from the database, once
     * even when each of its subscriptions asks, after what is already queued for it. Safe on any thread.
     */
    public void resync() {
        if (behind.get()) {
            // Already to be made again when its browser is back.
            return;
        }
        catchUp();
    }

    /**
     * Shows or hides the notice that live updates from the other nodes are paused ({@link LinkChanged}); once per
     * change however many of the UI's subscriptions are told. Safe on any thread.
     */
    public void linkChanged(boolean up) {
        if (linkDown.compareAndSet(up, !up)) {
            try {
                ui.access(() -> {
                    LinkNotice notice = ComponentUtil.getData(ui, LinkNotice.class);
                    if (!linkDown.get()) {
                        if (notice != null) {
                            notice.removeFromParent();
                            ComponentUtil.setData(ui, LinkNotice.class, null);
                        }
                    } else if (notice == null) {
                        notice = new LinkNotice();
                        ComponentUtil.setData(ui, LinkNotice.class, notice);
                        ui.add(notice);
                    }
                });
            } catch (UIDetachedException e) {
                log.debug("UI closed before it could show the link's state", e);
            }
        }
    }

    /** Whether the UI shows that live updates from the other nodes are paused. */
    public boolean showsLinkDown() {
        return linkDown.get();
    }

    /** How many tasks wait for the UI's lock now. */
    public int waiting() {
        return waiting.get();
    }

    /** How many times the UI has fallen behind. */
    public int timesFallenBehind() {
        return fallen.get();
    }

    /** Whether the UI's changes reach its browser: push is connected (or not used, as in tests without a browser). */
    private boolean pushOpen() {
        PushConnection push = ui.getInternals().getPushConnection();
        return push == null || push.isConnected();
    }

    private void fallBehind() {
        if (!behind.compareAndSet(false, true)) {
            return;
        }
        fallen.incrementAndGet();
        log.info("A browser fell {} events behind; its page is made again when it is back", LIMIT);
        // Outside the lock, which a stuck write may hold: a push after this returns at once, and the connection
        // closes as soon as the write in progress gives up. The browser reconnects by itself, if it is still there.
        PushConnection push = ui.getInternals().getPushConnection();
        if (push != null && push.isConnected()) {
            Thread.ofVirtual().name("parley-push-disconnect").start(push::disconnect);
        }
    }

    /** The browser is back: its page is made again, after whatever is still queued (which is dropped). */
    private void catchUp() {
        if (!catchingUp.compareAndSet(false, true)) {
            return;
        }
        try {
            ui.access(() -> {
                unsent = 0;
                behind.set(false);
                catchingUp.set(false);
                ui.refreshCurrentRoute(true);
            });
        } catch (UIDetachedException e) {
            log.debug("UI closed while it was behind", e);
        }
    }
}
