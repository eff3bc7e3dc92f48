package dev.parley.accounts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.UserSummary;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The guest page ({@code /guest}) and the way to it: the sign-in page's link shows only while guests are allowed, the
 * page says when they are not, a refused name says why under the field and keeps what was typed, and an accepted one
 * sends the browser to sign in with its ticket.
 */
class GuestViewTest extends ViewTestSupport {

    @Test
    void the_sign_in_page_offers_guest_access_only_while_it_is_allowed_and_the_guest_page_says_when_it_is_not() {
        UserSummary admin = allowGuests();
        try {
            administration.setGuestsAllowed(admin.id(), false);

            assertThat(navigate(LoginView.class).guestLink.isVisible()).isFalse();
            GuestView closed = navigate(GuestView.class);
            assertThat(closed.problem.isVisible()).isTrue();
            assertThat(closed.problem.getText()).isEqualTo(GuestView.TURNED_OFF);
            assertThat(closed.name.isEnabled()).isFalse();
            assertThat(closed.join.isEnabled()).isFalse();
        } finally {
            administration.setGuestsAllowed(admin.id(), true);
        }

        LoginView login = navigate(LoginView.class);
        assertThat(login.guestLink.isVisible()).isTrue();
        assertThat(login.guestLink.getHref()).isEqualTo("guest");
        GuestView open = navigate(GuestView.class);
        assertThat(open.problem.isVisible()).isFalse();
        assertThat(open.join.isEnabled()).isTrue();
    }

    @Test
    void a_refused_name_says_why_under_the_field_and_keeps_what_was_typed() {
        allowGuests();
        UserSummary account = Fixtures.user(accounts, "taken");
        GuestView view = navigate(GuestView.class);

        test(view.name).setValue("two words");
        test(view.join).click();

        assertThat(view.name.isInvalid()).isTrue();
        assertThat(view.name.getErrorMessage())
                .isEqualTo("Your name may contain only letters A-Z and a-z, digits, _ and -");
        assertThat(view.name.getValue()).isEqualTo("two words");

        test(view.name).setValue(account.username().toUpperCase());
        test(view.join).click();

        assertThat(view.name.getErrorMessage())
                .isEqualTo(account.username().toUpperCase() + " is the name of an account here. Choose another name.");
        assertThat(view.name.getValue()).isEqualTo(account.username().toUpperCase());
        assertThat(locationsOpened()).isEmpty();
    }

    @Test
    void an_accepted_name_sends_the_browser_to_sign_in_with_a_ticket_for_this_session() {
        allowGuests();
        String name = Fixtures.username("Visitor");
        GuestView view = navigate(GuestView.class);

        test(view.name).setValue(name);
        test(view.join).click();

        assertThat(view.name.isInvalid()).isFalse();
        List<String> opened = locationsOpened();
        assertThat(opened).singleElement().asString().startsWith("guest/enter?ticket=");
        String ticket = opened.getFirst().substring("guest/enter?ticket=".length());
        Optional<ParleyUser> guest =
                guests.redeem(ticket, VaadinSession.getCurrent().getSession().getId());
        assertThat(guest).hasValueSatisfying(user -> {
            assertThat(user.guest()).isTrue();
            assertThat(user.displayName()).isEqualTo(name);
        });
    }

    @Test
    void a_sign_in_that_did_not_complete_asks_for_the_name_again() {
        allowGuests();

        UI.getCurrent().navigate("guest", QueryParameters.of("expired", ""));
        GuestView view = (GuestView) getCurrentView();

        assertThat(view.problem.isVisible()).isTrue();
        assertThat(view.problem.getText()).startsWith("Joining took too long");
        assertThat(view.join.isEnabled()).isTrue();
    }

    /** The addresses the page sent the browser to, by {@code Page.setLocation}, not yet sent to it. */
    private static List<String> locationsOpened() {
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(invocation -> invocation.getInvocation())
                .filter(js -> js.getExpression().contains("window.open"))
                .map(js -> String.valueOf(js.getParameters().getFirst()))
                .toList();
    }
}
