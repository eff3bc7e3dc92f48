package dev.parley.realtime;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a UI's refresh of something shared (a room's roster) soon after it changed, inside {@code ui.access}, on a
 * virtual thread of its own: the one thread that tells every view of a change must not take each view's lock in
 * turn. Requests made while one is waiting to run are one refresh, which reads the shared state as it is then.
 */
public final class UiRefresh {

    private static final Logger log = LoggerFactory.getLogger(UiRefresh.class);

    private final UI ui;
    private final Runnable refresh;
    private final AtomicBoolean requested = new AtomicBoolean();

    public UiRefresh(UI ui, Runnable refresh) {
        this.ui = ui;
        this.refresh = refresh;
    }

    /** Asks for a refresh; returns at once, on any thread. */
    public void request() {
        if (requested.compareAndSet(false, true)) {
            Thread.ofVirtual().name("parley-ui-refresh").start(this::run);
        }
    }

    private void run() {
        try {
            ui.access(() -> {
                // Cleared before refreshing: a change made during the refresh asks for another one.
                requested.set(false);
                refresh.run();
            });
        } catch (UIDetachedException e) {
            // The view is gone, and with it everything it would have shown.
            log.debug("Refresh for a detached UI dropped", e);
        }
    }
}
