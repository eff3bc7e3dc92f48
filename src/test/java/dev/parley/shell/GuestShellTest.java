package dev.parley.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.menubar.MenuBar;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.ActiveSessions;
import dev.parley.accounts.UserSummary;
import dev.parley.presence.PresenceService;
import dev.parley.rooms.ui.LobbyView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/**
 * The shell as a guest sees it: marked as a guest in the header, no "New conversation", and "Leave" instead of "Sign
 * out", which signs them out everywhere, takes them offline at once and says goodbye on the sign-in page.
 */
class GuestShellTest extends ViewTestSupport {

    @Autowired
    PresenceService presence;

    @Autowired
    ActiveSessions sessions;

    @Test
    void a_guest_is_marked_in_the_header_cannot_start_conversations_and_leaves_from_the_user_menu() {
        UserSummary guest = signInAsGuest("Wanderer");
        navigate("", LobbyView.class);
        MainLayout layout = $(MainLayout.class).single();
        MenuBar menu = $(MenuBar.class).id("user-menu");
        sessions.record(guest.id(), new MockHttpSession(), "Chrome on Linux");

        assertThat(layout.newConversation.isVisible()).isFalse();
        assertThat(menu.getItems().getFirst().getElement().getTextRecursively())
                .contains(guest.displayName() + "guest");
        assertThat(menu.getItems().getFirst().getSubMenu().getItems())
                .extracting(item -> item.getElement().getTextRecursively())
                .containsExactly("Profile", "Leave");
        awaitUi(() -> presence.isOnline(guest.id()));

        layout.leave();

        assertThat(presence.isOnline(guest.id())).isFalse();
        assertThat(sessions.of(guest.id(), null)).isEmpty();
        assertThat(UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations())
                .anySatisfy(js -> assertThat(js.getInvocation().getParameters()).contains("login?left"));
    }
}
