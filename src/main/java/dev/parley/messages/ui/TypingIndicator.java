package dev.parley.messages.ui;

import com.vaadin.flow.component.html.Div;
import dev.parley.accounts.UserId;
import dev.parley.messages.TypingChanged;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The line under the message list that says who is typing: "Alice is typing…", "Alice and Bob are typing…", or "Several
 * people are typing…", never counting the viewer; empty (but keeping its height) when nobody is. Screen readers
 * announce changes politely.
 */
class TypingIndicator extends Div {

    private final UserId viewer;
    /** Display names in the order they started typing. */
    private final Map<UserId, String> typing = new LinkedHashMap<>();

    TypingIndicator(UserId viewer) {
        this.viewer = viewer;
        addClassName("typing-indicator");
        getElement().setAttribute("aria-live", "polite");
    }

    void onTyping(TypingChanged change) {
        UserId who = change.user().id();
        if (who.equals(viewer)) {
            return;
        }
        if (change.typing()) {
            typing.putIfAbsent(who, change.user().displayName());
        } else {
            typing.remove(who);
        }
        render();
    }

    /** A message from someone ends their typing at once, without waiting for their "stopped". */
    void onMessageFrom(UserId author) {
        if (typing.remove(author) != null) {
            render();
        }
    }

    private void render() {
        String text = describe(List.copyOf(typing.values()));
        if (!text.equals(getText())) {
            setText(text);
        }
    }

    static String describe(List<String> names) {
        return switch (names.size()) {
            case 0 -> "";
            case 1 -> names.getFirst() + " is typing…";
            case 2 -> names.get(0) + " and " + names.get(1) + " are typing…";
            default -> "Several people are typing…";
        };
    }
}
