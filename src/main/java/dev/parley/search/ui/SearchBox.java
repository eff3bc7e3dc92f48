package dev.parley.search.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.popover.PopoverPosition;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.QueryParameters;
import dev.parley.accounts.UserId;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.TimeFormat;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomId;
import dev.parley.search.SearchHit;
import dev.parley.search.SearchQuery;
import dev.parley.search.SearchResults;
import dev.parley.search.SearchService;
import dev.parley.search.SearchSort;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The header's search field. Hits appear under it as one types (after a short pause), each with its room, author, time
 * and a snippet with the matched words marked; clicking one opens its room at that message. In a room, "This room only"
 * narrows the search to it; "Newest first" sorts by time instead of relevance. A malformed query shows what is wrong
 * instead of hits.
 */
public class SearchBox extends Div {

    /** The pause in typing, in milliseconds, after which the hits are looked up. */
    static final int DEBOUNCE_MILLIS = 300;

    private static final String ROOM_ROUTE = "rooms/";

    final TextField field = new TextField();
    /** Made on the first search: every open page would hold it otherwise (see docs/benchmarks.md, heap per session). */
    private @Nullable Results results;

    private final SearchService search;
    private final RoomGuard guard;
    private final UserId user;
    private @Nullable String roomSlug;

    public SearchBox(SearchService search, RoomGuard guard, UserId user) {
        this.search = search;
        this.guard = guard;
        this.user = user;
        addClassName("search-box");

        field.setPlaceholder("Search messages");
        field.setAriaLabel("Search messages");
        field.setId("search-field");
        field.setPrefixComponent(VaadinIcon.SEARCH.create());
        field.setClearButtonVisible(true);
        field.setMaxLength(SearchQuery.MAX_LENGTH);
        field.setValueChangeMode(ValueChangeMode.TIMEOUT);
        field.setValueChangeTimeout(DEBOUNCE_MILLIS);
        field.addValueChangeListener(e -> refresh());
        field.addKeyDownListener(Key.ESCAPE, e -> close());
        field.addFocusListener(e -> {
            if (!field.getValue().isBlank()) {
                results().popover.open();
            }
        });
        add(field);
    }

    /** The popover under the field: the options, the number of hits or what is wrong, and the hits. */
    final class Results {

        final Checkbox thisRoomOnly = new Checkbox("This room only");
        final Checkbox newestFirst = new Checkbox("Newest first");
        final Popover popover = new Popover();
        final Span summary = new Span();
        final Div hits = new Div();

        private Results() {
            thisRoomOnly.addClassName("search-scope");
            thisRoomOnly.setVisible(roomSlug != null);
            thisRoomOnly.addValueChangeListener(e -> refresh());
            newestFirst.addClassName("search-sort");
            newestFirst.addValueChangeListener(e -> refresh());
            summary.addClassName("search-summary");
            hits.addClassName("search-hits");
            Div head = new Div(summary, newestFirst, thisRoomOnly);
            head.addClassName("search-head");

            popover.addClassName("search-popover");
            popover.setTarget(field);
            popover.setPosition(PopoverPosition.BOTTOM_START);
            popover.setOpenOnClick(false);
            popover.setAriaLabel("Search results");
            popover.add(head, hits);
        }
    }

    /** The popover and what is in it, made when first needed. */
    Results results() {
        Results made = results;
        if (made == null) {
            made = new Results();
            add(made.popover);
            results = made;
        }
        return made;
    }

    /** The room on screen ({@code null} elsewhere): "This room only" is offered there. */
    public void setRoom(@Nullable String slug) {
        if (Objects.equals(slug, roomSlug)) {
            return;
        }
        roomSlug = slug;
        Results shown = results;
        if (shown == null) {
            return;
        }
        shown.thisRoomOnly.setVisible(slug != null);
        if (shown.popover.isOpened()) {
            refresh();
        }
    }

    private void close() {
        if (results != null) {
            results.popover.close();
        }
    }

    private void refresh() {
        String text = field.getValue();
        if (text.isBlank()) {
            if (results != null) {
                results.hits.removeAll();
                results.summary.setText("");
                results.popover.close();
            }
            return;
        }
        Results shown = results();
        shown.hits.removeAll();
        try {
            SearchQuery query = SearchQuery.parse(text)
                    .inRoom(scope(shown))
                    .sortedBy(shown.newestFirst.getValue() ? SearchSort.NEWEST : SearchSort.RELEVANCE);
            show(shown, search.search(user, query));
        } catch (ParleyException e) {
            shown.summary.setText(e.getMessage());
            shown.summary.addClassName("search-problem");
        }
        shown.popover.open();
    }

    private @Nullable RoomId scope(Results shown) {
        String slug = roomSlug;
        return slug != null && shown.thisRoomOnly.getValue() ? guard.requireReadable(user, slug) : null;
    }

    private void show(Results shown, SearchResults results) {
        shown.summary.removeClassName("search-problem");
        shown.summary.setText(results.totalText());
        UI ui = UI.getCurrent();
        var zone = TimeFormat.zoneOf(ui);
        Instant now = Instant.now();
        for (SearchHit hit : results.hits()) {
            Span room = new Span("#" + hit.room().name());
            room.addClassName("search-hit-room");
            Span author = new Span(hit.author().displayName());
            author.addClassName("search-hit-author");
            Span time = new Span(TimeFormat.relative(hit.createdAt(), now, zone));
            time.addClassName("search-hit-time");
            time.getElement().setAttribute("title", TimeFormat.full(hit.createdAt(), zone));
            Div heading = new Div(room, author, time);
            heading.addClassName("search-hit-heading");
            Div snippet = new Div();
            snippet.addClassName("search-hit-snippet");
            // Escaped by the highlighter and cleaned to text and <mark> by the service: never the user's own HTML.
            snippet.getElement().setProperty("innerHTML", hit.snippetHtml());
            Div entry = new Div(heading, snippet);
            entry.addClassName("search-hit");
            entry.getElement().setAttribute("role", "link");
            entry.getElement().setAttribute("tabindex", "0");
            entry.addClickListener(click -> open(hit));
            entry.getElement().addEventListener("keydown", key -> open(hit)).setFilter("event.key === 'Enter'");
            shown.hits.add(entry);
        }
    }

    private void open(SearchHit hit) {
        close();
        UI.getCurrent()
                .navigate(
                        ROOM_ROUTE + hit.room().slug(),
                        QueryParameters.simple(Map.of("message", Long.toString(hit.seq()))));
    }
}
