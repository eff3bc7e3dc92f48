package dev.parley.messages.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import dev.parley.accounts.CurrentUser;
import dev.parley.rooms.RoomSummary;
import jakarta.annotation.security.PermitAll;

/**
 * {@code /rooms/{slug}}, or {@code /rooms/{slug}?message=seq} to open it at one message, highlighted. A room the user
 * may not see answers exactly as a room that does not exist. Vaadin reuses this view when navigating from one room to
 * another, so each visit gets a fresh {@link RoomPanel}: removing the old panel closes its subscriptions.
 */
@Route("rooms/:slug")
@PermitAll
public class RoomView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    /** The query parameter that opens a room at one message: {@code /rooms/general?message=42}. */
    public static final String MESSAGE_PARAMETER = "message";

    private final RoomPageServices services;
    private final CurrentUser currentUser;
    private String title = "Parley";

    RoomView(RoomPageServices services, CurrentUser currentUser) {
        this.services = services;
        this.currentUser = currentUser;
        addClassName("room-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String slug = event.getRouteParameters().get("slug").orElse("");
        RoomSummary room;
        try {
            room = services.rooms().open(currentUser.require().id(), slug);
        } catch (dev.parley.base.NotFoundException e) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        title = RoomPanel.label(room) + " · Parley";
        removeAll();
        add(new RoomPanel(focus(event), room, currentUser.require(), services));
    }

    /**
     * The message to open the room at, from {@code ?message=seq} (a search hit links so), or null for the newest
     * messages.
     */
    private static @org.jspecify.annotations.Nullable Long focus(BeforeEnterEvent event) {
        return event.getLocation()
                .getQueryParameters()
                .getSingleParameter(MESSAGE_PARAMETER)
                .filter(value -> value.matches("[0-9]{1,18}"))
                .map(Long::parseLong)
                .filter(seq -> seq > 0)
                .orElse(null);
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    /** The panel of the room shown now, for tests. */
    RoomPanel panel() {
        return (RoomPanel) getChildren().findFirst().orElseThrow();
    }
}
