package dev.parley.accounts.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.parley.accounts.GuestAccess;
import dev.parley.accounts.GuestAccess.GuestPass;
import dev.parley.accounts.User;
import dev.parley.base.ParleyException;

/**
 * {@code /guest}: a visitor joins with a name only, while an instance admin allows guests. The name is checked here
 * (its rule, a registered account's name, a guest of that name online now) and a refusal shows under the field, which
 * keeps what was typed. Once accepted, the browser goes to {@code guest/enter} with a one-time ticket, which signs its
 * session in and opens the lobby (see {@link GuestAccess}).
 */
@Route(value = "guest", autoLayout = false)
@PageTitle("Join as a guest · Parley")
@AnonymousAllowed
public class GuestView extends VerticalLayout implements BeforeEnterObserver {

    static final String TURNED_OFF = "Guest access is turned off on this server. Sign in with an account instead.";

    final TextField name = new TextField("Your name");
    final Button join = new Button("Join");
    /** Why guests cannot join now, or why a sign-in did not complete. */
    final Paragraph problem = new Paragraph();

    private final GuestAccess guests;

    GuestView(GuestAccess guests) {
        this.guests = guests;
        addClassName("auth-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        name.setId("guest-name");
        name.setHelperText(User.GUEST_NAME_MIN_LENGTH + "–" + User.GUEST_NAME_MAX_LENGTH
                + " characters: letters, digits, _ and -. Others see you marked as a guest.");
        name.setMaxLength(User.GUEST_NAME_MAX_LENGTH);
        name.setRequired(true);
        name.setAutofocus(true);
        join.setId("guest-join");
        join.addThemeVariants(ButtonVariant.PRIMARY);
        join.addClickListener(click -> submit());
        join.addClickShortcut(Key.ENTER).listenOn(name);
        problem.addClassName("auth-problem");
        problem.setId("guest-problem");
        problem.getElement().setAttribute("role", "alert");
        problem.setVisible(false);
        Paragraph about = new Paragraph("Read and join public rooms with a name only, without an account. "
                + "When you leave, your name is free for the next visitor; your messages stay.");
        about.addClassName("auth-notice");
        add(
                new H1("Join Parley as a guest"),
                about,
                problem,
                name,
                join,
                new Anchor("login", "Sign in with an account"));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // At every visit: an instance admin may have turned guests on or off since the page was made.
        boolean allowed = guests.allowed();
        name.setEnabled(allowed);
        join.setEnabled(allowed);
        problem.setVisible(false);
        if (!allowed) {
            showProblem(TURNED_OFF);
            return;
        }
        if (event.getLocation().getQueryParameters().getParameters().containsKey("expired")) {
            showProblem("Joining took too long, or was finished in another browser. Enter your name again.");
        }
    }

    void submit() {
        try {
            VaadinSession session = VaadinSession.getCurrent();
            GuestPass pass = guests.enter(name.getValue(), session.getSession().getId(), remoteAddress(session));
            name.setInvalid(false);
            // A full page load, not a route: the sign-in filter answers it and changes the session.
            UI.getCurrent().getPage().setLocation("guest/enter?ticket=" + pass.ticket());
        } catch (ParleyException refused) {
            if (!guests.allowed()) {
                showProblem(TURNED_OFF);
            }
            name.setErrorMessage(refused.getMessage());
            name.setInvalid(true);
        }
    }

    /** The address of this request, or else of the request that opened the session. */
    private static String remoteAddress(VaadinSession session) {
        VaadinRequest request = VaadinRequest.getCurrent();
        String address =
                request != null ? request.getRemoteAddr() : session.getBrowser().getAddress();
        return address == null ? "unknown" : address;
    }

    private void showProblem(String text) {
        problem.setText(text);
        problem.setVisible(true);
    }
}
