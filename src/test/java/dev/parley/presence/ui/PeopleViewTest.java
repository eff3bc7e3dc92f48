package dev.parley.presence.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.presence.PresenceService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PeopleViewTest extends ViewTestSupport {

    @Autowired
    PresenceService presence;

    @Test
    void people_list_shows_counts_and_follows_presence_live() {
        UserSummary me = signIn("viewer");
        PeopleView view = navigate(PeopleView.class);
        UserSummary other = Fixtures.user(accounts, "colleague");

        awaitUi(() -> view.list.getElement().getTextRecursively().contains(other.displayName()));
        assertThat(presence.isOnline(me.id())).isTrue();
        assertThat(view.counts.getText()).matches("\\d+ people · \\d+ online");

        PresenceService.Connection connection = presence.connect(other.id(), () -> {});
        awaitUi(() ->
                rowText(view, other).contains("online") && !rowText(view, other).contains("offline"));
        connection.close();
        awaitUi(() -> rowText(view, other).contains("last seen"));
    }

    private static String rowText(PeopleView view, UserSummary user) {
        return view.list
                .getChildren()
                .filter(c -> user.username().equals(c.getElement().getAttribute("data-username")))
                .findFirst()
                .map(c -> c.getElement().getTextRecursively())
                .orElse("");
    }
}
