package dev.parley.base.ui;

import com.vaadin.flow.component.html.Span;

/**
 * The "guest" mark next to a guest's name, wherever people are shown: messages, the members sidebar, the People page,
 * mention suggestions, the header. Views that render HTML themselves (messages, members) write the same element from
 * {@link #CLASS_NAME} and {@link #TEXT}.
 */
public final class GuestBadge {

    public static final String CLASS_NAME = "guest-badge";
    public static final String TEXT = "guest";

    private GuestBadge() {}

    public static Span create() {
        Span badge = new Span(TEXT);
        badge.addClassName(CLASS_NAME);
        return badge;
    }
}
