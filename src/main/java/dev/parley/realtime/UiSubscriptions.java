package dev.parley.realtime;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import dev.parley.realtime.Broadcaster.Subscription;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Binds a subscription to a component's life: subscribed while the component is attached, closed when it is detached,
 * and every event handled inside {@code ui.access}, so the handler may change components and the change is pushed to
 * the browser. The events waiting for one UI are bounded ({@link UiBacklog}).
 */
public final class UiSubscriptions {

    private UiSubscriptions() {}

    /**
     * @param subscribe opens the subscription for a listener, for example {@code listener ->
     *     broadcaster.subscribe("presence", listener)}, or a service method that checks access
     * @param handler runs in the UI's session lock for each event
     */
    public static void whileAttached(
            Component component, Function<Consumer<Object>, Subscription> subscribe, Consumer<Object> handler) {
        whileAttached(component, subscribe, event -> true, handler);
    }

    /**
     * Like {@link #whileAttached(Component, Function, Consumer)}, for a topic that carries many events the component
     * ignores: {@code filter} runs on the broadcaster's thread, and only the events it accepts take the UI's lock.
     */
    public static void whileAttached(
            Component component,
            Function<Consumer<Object>, Subscription> subscribe,
            Predicate<Object> filter,
            Consumer<Object> handler) {
        component.addAttachListener(attach -> {
            UiBacklog backlog = UiBacklog.of(attach.getUI());
            Subscription subscription = subscribe.apply(event -> deliver(backlog, event, filter, handler));
            component.addDetachListener(detach -> {
                subscription.close();
                detach.unregisterListener();
            });
        });
    }

    /**
     * Subscribes at once, for a component that is already attached, until it detaches or the returned subscription is
     * closed: for subscriptions that come and go while a view is open.
     */
    public static Subscription fromNowWhileAttached(
            Component component, Function<Consumer<Object>, Subscription> subscribe, Consumer<Object> handler) {
        return fromNowWhileAttached(component, subscribe, event -> true, handler);
    }

    /**
     * Like {@link #fromNowWhileAttached(Component, Function, Consumer)}, for a topic that carries many events the
     * component ignores: {@code filter} runs on the broadcaster's thread, and only the events it accepts take the UI's
     * lock.
     */
    public static Subscription fromNowWhileAttached(
            Component component,
            Function<Consumer<Object>, Subscription> subscribe,
            Predicate<Object> filter,
            Consumer<Object> handler) {
        UI ui = component.getUI().orElseThrow(() -> new IllegalStateException("Component is not attached"));
        UiBacklog backlog = UiBacklog.of(ui);
        Subscription subscription = subscribe.apply(event -> deliver(backlog, event, filter, handler));
        Registration onDetach = component.addDetachListener(detach -> subscription.close());
        return () -> {
            subscription.close();
            onDetach.remove();
        };
    }

    /**
     * Events missed make the whole page again, once however many subscriptions the UI has; the handler never sees it.
     */
    private static void deliver(UiBacklog backlog, Object event, Predicate<Object> filter, Consumer<Object> handler) {
        if (event instanceof EventsMissed) {
            backlog.resync();
        } else if (event instanceof LinkChanged link) {
            backlog.linkChanged(link.up());
        } else if (filter.test(event)) {
            backlog.access(() -> handler.accept(event));
        }
    }
}
