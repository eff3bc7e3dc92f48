package dev.parley.search.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.messages.ui.RoomView;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.ui.LobbyView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The header's search field: hits as one types, the room scope, problems, and opening a hit's room at its message. */
class SearchBoxViewTest extends ViewTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    MessageService messages;

    private SearchBox box() {
        return $(SearchBox.class).single();
    }

    private List<Div> hits() {
        return box().results().hits.getChildren().map(Div.class::cast).toList();
    }

    private static String snippet(Div hit) {
        return hit.getChildren().toList().get(1).getElement().getProperty("innerHTML");
    }

    @Test
    void typing_shows_hits_and_clicking_one_opens_its_room_at_the_message_highlighted() {
        UserSummary me = signIn("seeker");
        UserSummary other = Fixtures.user(accounts, "poster");
        RoomSummary room = rooms.create(other.id(), "Harbour " + Fixtures.username("h"), null, false);
        String word = "qzkrbtnk" + Long.toString(System.nanoTime() % 1000, 10).replaceAll("[0-9]", "x");
        ChatMessage target = messages.post(other.id(), room.id(), word + " the ferry leaves at <b>noon</b>");
        for (int i = 0; i < 60; i++) {
            messages.post(other.id(), room.id(), "filler " + i);
        }
        navigate("", LobbyView.class);

        box().field.setValue(word + " fer");

        assertThat(box().results().thisRoomOnly.isVisible()).isFalse();
        assertThat(box().results().popover.isOpened()).isTrue();
        assertThat(box().results().summary.getText()).isEqualTo("1 message");
        assertThat(hits()).singleElement().satisfies(hit -> {
            String text = hit.getElement().getTextRecursively();
            assertThat(text).contains("#" + room.name()).contains(other.displayName());
            assertThat(snippet(hit)).contains("<mark>ferry</mark>").contains("&lt;b&gt;noon&lt;/b&gt;");
        });

        ComponentUtil.fireEvent(hits().getFirst(), new ClickEvent<>(hits().getFirst()));

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters())
                .isEqualTo("rooms/" + room.slug() + "?message=" + target.seq());
        assertThat($(RoomView.class).single()).isNotNull();
        assertThat($(Div.class).withClassName("focused").all()).hasSize(1);
        // Half a page on each side of it, with more to load below: the newest messages are not shown yet.
        assertThat($(Div.class).withClassName("message").all()).hasSize(26);
        assertThat(box().results().thisRoomOnly.isVisible()).isTrue();
    }

    @Test
    void this_room_only_narrows_the_hits_and_a_malformed_query_says_what_is_wrong() {
        UserSummary me = signIn("scoper");
        RoomSummary here = rooms.create(me.id(), "Here " + Fixtures.username("h"), null, false);
        RoomSummary there = rooms.create(me.id(), "There " + Fixtures.username("t"), null, false);
        String word = "qzmnbvck";
        messages.post(me.id(), here.id(), word + " here");
        messages.post(me.id(), there.id(), word + " there");
        navigate("rooms/" + here.slug(), RoomView.class);

        box().field.setValue(word + " from:" + me.username());
        assertThat(hits()).hasSize(2);

        box().results().thisRoomOnly.setValue(true);
        assertThat(hits()).singleElement().satisfies(hit -> assertThat(snippet(hit))
                .isEqualTo("<mark>" + word + "</mark> here"));

        box().field.setValue("before:tomorrow");
        assertThat(hits()).isEmpty();
        assertThat(box().results().summary.getText()).contains("YYYY-MM-DD");
        assertThat(box().results().summary.getClassNames()).contains("search-problem");
    }

    @Test
    void newest_first_puts_the_latest_message_on_top_whatever_its_relevance() {
        UserSummary me = signIn("sorter");
        RoomSummary room = rooms.create(me.id(), "Sorting " + Fixtures.username("s"), null, false);
        String word = "qzplvrtk";
        messages.post(me.id(), room.id(), word + " " + word + " " + word + " older and more relevant");
        messages.post(me.id(), room.id(), word + " newer, mentioned once among many other words in this message");
        navigate("", LobbyView.class);

        box().field.setValue(word);
        assertThat(snippet(hits().getFirst())).contains("older");

        box().results().newestFirst.setValue(true);

        assertThat(hits()).hasSize(2);
        assertThat(snippet(hits().getFirst())).contains("newer");
    }
}
