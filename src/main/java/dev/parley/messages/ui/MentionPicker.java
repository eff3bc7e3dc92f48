package dev.parley.messages.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ui.GuestBadge;
import dev.parley.messages.MessageMarkdown;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The room members to mention, listed right above the composer while an {@code @name} is typed before its caret. A
 * click on one, or Tab (for the highlighted one, the first unless moved with the arrow keys), writes {@code @username }
 * in place of what was typed; Escape, a space or deleting the {@code @} closes the list. Enter still sends the message
 * as it is: Enter has always sent, and a half-typed mention is sent as typed rather than guessed at.
 *
 * <p>The members are the ones the view already holds (the members sidebar, kept live by membership events): typing
 * never queries the database. No JavaScript file is involved: the composer's own DOM events carry the text and the
 * caret, and browser-side filters keep ordinary typing from reaching the server at all.
 */
class MentionPicker extends Div {

    /**
     * Set on the composer while the list is shown. The browser-side filters read it: the keys below are taken from the
     * composer only then, and every edit reaches the server then, so that the list follows and closes.
     */
    static final String OPEN_ATTRIBUTE = "data-mentioning";

    /** Event data of the composer's events: its text, and the caret (the selection's start). */
    static final String VALUE_DATA = "element.inputElement.value";

    static final String CARET_DATA = "element.inputElement.selectionStart";

    /**
     * An edit reaches the server only when the text before the caret ends with a mention being typed (the very pattern
     * a sent message is read by, {@link MessageMarkdown#MENTION_BEING_TYPED}), or while the list is open (so that a
     * space, or deleting the {@code @}, closes it).
     */
    static final String INPUT_FILTER = "element.hasAttribute('" + OPEN_ATTRIBUTE + "') || new RegExp("
            + jsString(MessageMarkdown.MENTION_BEING_TYPED)
            + ", 'u').test(element.inputElement.value.slice(0, element.inputElement.selectionStart))";

    /** Edits reach the server at most this long after the last keystroke of a burst. */
    static final int INPUT_DEBOUNCE_MILLIS = 150;

    static final String KEY_DATA = "event.key";

    /**
     * Only while the list is open, and only Tab, Escape and the up and down arrows without modifiers: their browser
     * behaviour (moving the focus, moving the caret) is prevented then and only then, as Flow calls
     * {@code preventDefault()} only for events that pass the filter. Shift+Tab still moves back.
     */
    static final String KEY_FILTER = "element.hasAttribute('" + OPEN_ATTRIBUTE + "')"
            + " && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey"
            + " && ['Tab', 'Escape', 'ArrowDown', 'ArrowUp'].includes(event.key)";

    /** Event data and filter of the list's one click listener: the clicked suggestion's username. */
    static final String OPTION_DATA = "event.target.closest('[role=option]')?.dataset.username";

    static final String OPTION_FILTER = "event.target.closest('[role=option]') != null";

    private final TextArea composer;
    private final UserId viewer;
    private final Supplier<? extends Collection<MentionSuggestions.Candidate>> members;
    private final List<Div> options = new ArrayList<>();

    /** What the composer held at its last event that reached the server. */
    private String text = "";

    private int caret;
    private MentionSuggestions.@Nullable TypedMention typed;
    private List<UserSummary> shown = List.of();
    private int highlighted;

    /** @param members the room's members as the view knows them now; asked on every edit that may need suggestions */
    MentionPicker(
            TextArea composer, UserId viewer, Supplier<? extends Collection<MentionSuggestions.Candidate>> members) {
        this.composer = composer;
        this.viewer = viewer;
        this.members = members;
        addClassName("mention-suggestions");
        setId("mention-suggestions");
        getElement().setAttribute("role", "listbox");
        getElement().setAttribute("aria-label", "People to mention");
        setVisible(false);

        composer.getElement()
                .addEventListener("input", e -> onInput(e.getEventData()))
                .addEventData(VALUE_DATA)
                .addEventData(CARET_DATA)
                .setFilter(INPUT_FILTER)
                .debounce(INPUT_DEBOUNCE_MILLIS);
        composer.getElement()
                .addEventListener("keydown", e -> onKey(e.getEventData()))
                .addEventData(KEY_DATA)
                .addEventData(VALUE_DATA)
                .addEventData(CARET_DATA)
                .setFilter(KEY_FILTER)
                .preventDefault();
        getElement()
                .addEventListener("click", e -> onOption(e.getEventData()))
                .addEventData(OPTION_DATA)
                .setFilter(OPTION_FILTER);
    }

    /** The usernames listed, best first; empty while closed. */
    List<String> shownUsernames() {
        return shown.stream().map(UserSummary::username).toList();
    }

    /** The username Tab would write in, if the list is open. */
    @Nullable
    String highlightedUsername() {
        return shown.isEmpty() ? null : shown.get(highlighted).username();
    }

    /** Closes the list: after sending, and whenever no mention is being typed. */
    void close() {
        typed = null;
        show(List.of());
    }

    private void onInput(JsonNode data) {
        read(data);
        follow();
    }

    private void onKey(JsonNode data) {
        read(data);
        switch (data.path(KEY_DATA).stringValue("")) {
            case "Tab" -> {
                follow();
                String username = highlightedUsername();
                if (username != null) {
                    complete(username);
                }
            }
            case "Escape" -> close();
            case "ArrowDown" -> highlight(highlighted + 1);
            case "ArrowUp" -> highlight(highlighted - 1);
            default -> {}
        }
    }

    /**
     * A click carries no text of its own: every edit since the list opened has reached the server (the filter lets them
     * through while it is open, and Flow sends a debounced event before any other), so the last one is current.
     */
    private void onOption(JsonNode data) {
        String username = data.path(OPTION_DATA).stringValue("");
        // Only what is listed: the browser says which one, the server decides what may be written in.
        if (shownUsernames().contains(username)) {
            complete(username);
            composer.focus();
        }
    }

    private void read(JsonNode data) {
        text = data.path(VALUE_DATA).stringValue("");
        caret = Math.clamp(data.path(CARET_DATA).asInt(text.length()), 0, text.length());
    }

    /** Lists the members the mention before the caret may mean, or closes when there is none. */
    private void follow() {
        typed = MentionSuggestions.typedBefore(text, caret).orElse(null);
        show(typed == null ? List.of() : MentionSuggestions.suggest(typed.prefix(), members.get(), viewer));
    }

    private void complete(String username) {
        if (typed == null) {
            return;
        }
        MentionSuggestions.Completion completion = MentionSuggestions.complete(text, typed, username);
        close();
        composer.setValue(completion.text());
        // The new value moves the caret to the end; once the field has rendered it, put the caret after the mention.
        composer.getElement()
                .executeJs(
                        "this.updateComplete.then(() => this.inputElement.setSelectionRange($0, $0))",
                        completion.caret());
    }

    private void show(List<UserSummary> suggestions) {
        boolean open = !suggestions.isEmpty();
        composer.getElement().setAttribute(OPEN_ATTRIBUTE, open);
        setVisible(open);
        if (suggestions.equals(shown)) {
            return;
        }
        shown = suggestions;
        removeAll();
        options.clear();
        for (int i = 0; i < suggestions.size(); i++) {
            options.add(option(suggestions.get(i), i));
        }
        options.forEach(this::add);
        highlighted = 0;
        highlight(0);
    }

    private Div option(UserSummary user, int index) {
        Component avatar;
        String picture = user.avatarUrl();
        if (picture != null) {
            // Decorative: the name is next to it.
            Image image = new Image(picture, "");
            image.addClassName("avatar");
            avatar = image;
        } else {
            Span initials = new Span(user.initials());
            initials.addClassNames("avatar", "avatar-" + Math.floorMod(user.id().value(), 7L));
            initials.getElement().setAttribute("aria-hidden", "true");
            avatar = initials;
        }
        Span name = new Span(user.displayName());
        name.addClassName("mention-option-name");
        Span handle = new Span("@" + user.username());
        handle.addClassName("mention-option-handle");
        Div option = new Div(avatar, name, handle);
        if (user.guest()) {
            option.add(GuestBadge.create());
        }
        option.addClassName("mention-option");
        option.setId("mention-option-" + index);
        option.getElement().setAttribute("role", "option");
        option.getElement().setAttribute("data-username", user.username());
        return option;
    }

    private void highlight(int index) {
        if (shown.isEmpty()) {
            return;
        }
        highlighted = Math.floorMod(index, shown.size());
        for (int i = 0; i < options.size(); i++) {
            boolean selected = i == highlighted;
            options.get(i).getElement().setAttribute("aria-selected", String.valueOf(selected));
            options.get(i).setClassName("highlighted", selected);
        }
    }

    /** A Java string as a single-quoted JavaScript string literal. */
    private static String jsString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
