package dev.parley.profile.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.server.VaadinSession;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.ActiveSessions;
import dev.parley.accounts.ActiveSessions.SignedIn;
import dev.parley.accounts.User;
import dev.parley.accounts.UserId;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.TimeFormat;
import java.time.Clock;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * The Profile page's sign-in part: changing the password (which signs out every other browser) and the browsers the
 * user is signed in with, each of which but this one can be signed out.
 */
class SignInSettings extends Div {

    final PasswordField currentPassword = new PasswordField("Current password");
    final PasswordField newPassword = new PasswordField("New password");
    final Button changePassword = new Button("Change password");
    final Paragraph passwordResult = new Paragraph();
    final Div sessionList = new Div();

    private final AccountService accounts;
    private final ActiveSessions sessions;
    private final UserId user;
    private final Clock clock;
    private final ZoneId zone;

    SignInSettings(AccountService accounts, ActiveSessions sessions, UserId user, Clock clock, ZoneId zone) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.user = user;
        this.clock = clock;
        this.zone = zone;
        addClassName("sign-in-settings");
        currentPassword.setId("current-password");
        newPassword.setId("new-password");
        newPassword.setHelperText("At least " + User.PASSWORD_MIN_LENGTH + " characters. Your other browsers are "
                + "signed out; API tokens keep working.");
        changePassword.setId("change-password");
        changePassword.addThemeVariants(ButtonVariant.PRIMARY);
        changePassword.addClickListener(click -> changePassword());
        changePassword.addClickShortcut(Key.ENTER).listenOn(newPassword);
        passwordResult.setId("password-result");
        passwordResult.setVisible(false);
        passwordResult.getElement().setAttribute("role", "status");
        HorizontalLayout passwordForm = new HorizontalLayout(currentPassword, newPassword, changePassword);
        passwordForm.setAlignItems(Alignment.BASELINE);
        passwordForm.setWrap(true);
        sessionList.addClassName("session-list");
        sessionList.setId("sessions");
        if (accounts.localPasswords() && accounts.hasPassword(user)) {
            add(new H3("Password"), passwordForm, passwordResult);
        } else {
            // An account made by single sign-on has no password; with passwords turned off, nobody uses one.
            Paragraph noPassword =
                    new Paragraph("You sign in through single sign-on: Parley keeps no password for you.");
            noPassword.setId("no-password");
            add(new H3("Password"), noPassword);
        }
        add(new H3("Signed-in browsers"), sessionList);
        refresh();
    }

    void changePassword() {
        try {
            accounts.changePassword(user, currentPassword.getValue(), newPassword.getValue(), currentSessionId());
            currentPassword.clear();
            newPassword.clear();
            show("Password changed. Your other browsers are signed out.", false);
            refresh();
        } catch (ParleyException e) {
            show(e.getMessage(), true);
        }
    }

    /** Lists the user's signed-in browsers again. */
    void refresh() {
        sessionList.removeAll();
        for (SignedIn session : sessions.of(user, currentSessionId())) {
            Span client = new Span(session.client());
            client.addClassName("session-client");
            Span since = new Span("signed in " + TimeFormat.relative(session.signedInAt(), clock.instant(), zone));
            since.addClassName("session-since");
            since.getElement().setAttribute("title", TimeFormat.full(session.signedInAt(), zone));
            Div row = new Div(client, since);
            row.addClassName("session");
            if (session.current()) {
                Span here = new Span("this browser");
                here.addClassName("session-current");
                row.add(here);
            } else {
                Button signOut = new Button("Sign out", click -> {
                    sessions.signOut(user, session.key());
                    refresh();
                });
                signOut.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
                signOut.addClassName("session-sign-out");
                row.add(signOut);
            }
            sessionList.add(row);
        }
    }

    private void show(String text, boolean error) {
        passwordResult.setText(text);
        passwordResult.setClassName("form-error", error);
        passwordResult.setClassName("form-success", !error);
        passwordResult.setVisible(true);
    }

    private static @Nullable String currentSessionId() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null || session.getSession() == null
                ? null
                : session.getSession().getId();
    }
}
