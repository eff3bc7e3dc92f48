package dev.parley.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.popover.PopoverPosition;
import dev.parley.accounts.UserId;
import dev.parley.base.ui.TimeFormat;
import dev.parley.base.ui.UnreadBadge;
import dev.parley.messages.MentionNotification;
import dev.parley.messages.MessageService;
import java.time.Clock;
import java.time.ZoneId;

/**
 * The header's notifications button: the number of unread mentions of the user in all their rooms, and a popover
 * listing their newest mentions (unread ones marked), each a link to its room. The list is read when the popover
 * opens, and again when a mention arrives while it is open; opening a room marks its mentions read.
 */
class NotificationBell extends Div {

    /** How many mentions the list shows. */
    static final int LIST_SIZE = 20;

    static final int SNIPPET_LENGTH = 140;

    final Button button = new Button(VaadinIcon.BELL.create());
    final Span count = UnreadBadge.createMentions();
    final Popover popover = new Popover();
    final Div list = new Div();

    private final MessageService messages;
    private final UserId user;
    private final String username;
    private final Clock clock;

    NotificationBell(MessageService messages, UserId user, String username, Clock clock) {
        this.messages = messages;
        this.user = user;
        this.username = username;
        this.clock = clock;
        addClassName("notification-bell");
        button.addThemeVariants(ButtonVariant.TERTIARY);
        button.setAriaLabel("Notifications");
        button.setId("notifications-button");
        count.addClassName("notification-count");
        add(button, count);

        H3 title = new H3("Mentions");
        list.addClassName("notification-list");
        list.getElement().setAttribute("role", "list");
        popover.addClassName("notifications");
        popover.setTarget(button);
        popover.setPosition(PopoverPosition.BOTTOM_END);
        popover.setAriaLabel("Notifications");
        popover.add(title, list);
        popover.addOpenedChangeListener(opened -> {
            if (opened.isOpened()) {
                refresh();
            }
        });
        add(popover);
    }

    /** Shows the number of unread mentions on the button. */
    void setUnread(int unread) {
        UnreadBadge.showMentions(count, unread);
        button.setAriaLabel(unread == 0 ? "Notifications" : "Notifications, " + unread + " unread");
    }

    /** A new mention arrived: the list, if open, shows it at once. */
    void mentioned() {
        if (popover.isOpened()) {
            refresh();
        }
    }

    /** Reads the newest mentions again (one service call) and shows them. */
    void refresh() {
        list.removeAll();
        ZoneId zone = TimeFormat.zoneOf(UI.getCurrent());
        var mentions = messages.mentions(user, LIST_SIZE);
        if (mentions.isEmpty()) {
            Span empty = new Span("No mentions yet. When someone writes @" + username + ", it shows here.");
            empty.addClassName("notification-empty");
            list.add(empty);
            return;
        }
        for (MentionNotification mention : mentions) {
            list.add(entry(mention, zone));
        }
    }

    private Anchor entry(MentionNotification mention, ZoneId zone) {
        Span who = new Span(mention.author().displayName());
        who.addClassName("notification-author");
        Span where = new Span(" in #" + mention.roomName());
        Span when = new Span(TimeFormat.relative(mention.at(), clock.instant(), zone));
        when.addClassName("notification-time");
        when.getElement().setAttribute("title", TimeFormat.full(mention.at(), zone));
        Div heading = new Div(who, where, when);
        heading.addClassName("notification-heading");
        Div text = new Div(mention.deleted() ? "message deleted" : mention.snippet(SNIPPET_LENGTH));
        text.addClassName(mention.deleted() ? "notification-deleted" : "notification-text");
        Anchor link = new Anchor("rooms/" + mention.roomSlug(), heading, text);
        link.addClassName("notification-entry");
        link.getElement().setAttribute("role", "listitem");
        if (mention.unread()) {
            link.addClassName("unread");
        }
        link.getElement().addEventListener("click", click -> popover.close());
        return link;
    }
}
