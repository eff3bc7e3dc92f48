package dev.parley.base.ui;

import com.vaadin.flow.component.html.Span;

/**
 * The count pills of the room navigation and the lobby: unread messages, and apart from them unread mentions of the
 * user ("@2", in the error colour). Hidden at 0, "99+" above 99, and read out in full.
 */
public final class UnreadBadge {

    private UnreadBadge() {}

    /** An unread-messages badge, hidden until it has a count. */
    public static Span create() {
        return badge("unread-badge");
    }

    /** An unread-mentions badge, hidden until it has a count. */
    public static Span createMentions() {
        return badge("mention-badge");
    }

    public static void show(Span badge, long count) {
        badge.setVisible(count > 0);
        badge.setText(shortCount(count));
        badge.getElement().setAttribute("aria-label", count + (count == 1 ? " unread message" : " unread messages"));
    }

    public static void showMentions(Span badge, long count) {
        badge.setVisible(count > 0);
        badge.setText("@" + shortCount(count));
        badge.getElement().setAttribute("aria-label", count + (count == 1 ? " mention" : " mentions"));
    }

    private static Span badge(String className) {
        Span badge = new Span();
        badge.addClassName(className);
        badge.setVisible(false);
        return badge;
    }

    private static String shortCount(long count) {
        return count > 99 ? "99+" : Long.toString(count);
    }
}
