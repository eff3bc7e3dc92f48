package dev.parley.base.ui;

import com.vaadin.flow.component.html.Span;

/** The unread count pill of the room navigation and the lobby: hidden at 0, "99+" above 99, read out in full. */
public final class UnreadBadge {

    private UnreadBadge() {}

    public static Span create() {
        Span badge = new Span();
        badge.addClassName("unread-badge");
        badge.setVisible(false);
        return badge;
    }

    public static void show(Span badge, long count) {
        badge.setVisible(count > 0);
        badge.setText(count > 99 ? "99+" : Long.toString(count));
        badge.getElement().setAttribute("aria-label", count + (count == 1 ? " unread message" : " unread messages"));
    }
}
