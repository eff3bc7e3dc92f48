package dev.parley.accounts.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.OidcProperties;
import dev.parley.accounts.SignInThrottle;
import dev.parley.accounts.SingleSignOn;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.WebAttributes;

/**
 * Sign-in: the password form, and "Sign in with …" when single sign-on is configured (the button alone when passwords
 * are turned off). Spring Security processes both; a failed password comes back as {@code ?error}, a failed or refused
 * single sign-on as {@code ?sso-error}, an unreachable provider as {@code ?sso-unavailable}. A password sign-in that
 * the throttle refused ({@link SignInThrottle}) also comes back as {@code ?error}, and the page says when to try again.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Parley")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    final LoginForm form = new LoginForm();
    final Paragraph notice = new Paragraph();
    final Paragraph problem = new Paragraph();
    final @Nullable Anchor singleSignOn;
    /** "Join as a guest", shown only while guests are allowed. */
    final Anchor guestLink = new Anchor("guest", "Join as a guest");

    private final AccountService accounts;
    private final SignInThrottle throttle;
    private final boolean localPasswords;
    private final String providerName;

    LoginView(AccountService accounts, SignInThrottle throttle, OidcProperties oidc) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.localPasswords = accounts.localPasswords();
        this.providerName = oidc.displayName();
        addClassName("auth-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in to Parley");
        i18n.getForm().setSubmit("Sign in");
        i18n.getErrorMessage().setTitle("Incorrect username or password");
        i18n.getErrorMessage().setMessage("Check the username and password and try again.");
        form.setI18n(i18n);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setVisible(localPasswords);

        notice.addClassName("auth-notice");
        notice.setVisible(false);
        problem.addClassName("auth-problem");
        problem.setId("sign-in-problem");
        problem.getElement().setAttribute("role", "alert");
        problem.setVisible(false);
        add(new H1("Parley"), notice, problem);

        if (oidc.enabled()) {
            Button button = new Button("Sign in with " + providerName);
            button.addThemeVariants(ButtonVariant.PRIMARY);
            // A plain link that the router leaves alone: Spring Security answers it with a redirect to the provider.
            singleSignOn = new Anchor("oauth2/authorization/" + OidcProperties.REGISTRATION_ID, button);
            singleSignOn.setRouterIgnore(true);
            singleSignOn.setId("sso-sign-in");
            add(singleSignOn);
            if (localPasswords) {
                Paragraph or = new Paragraph("or with your Parley password");
                or.addClassName("auth-or");
                add(or);
            }
        } else {
            singleSignOn = null;
        }
        add(form);
        if (localPasswords && accounts.registrationOpen()) {
            Anchor signUp = new Anchor("signup", "Create an account");
            signUp.setId("signup-link");
            add(signUp);
        }
        guestLink.setId("guest-link");
        add(guestLink);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // At every visit: an instance admin may have turned guests on or off since the page was made.
        guestLink.setVisible(accounts.guestsAllowed());
        var parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("error")) {
            Optional<String> throttled = throttle.refusal(lastFailure());
            if (throttled.isPresent()) {
                showProblem(throttled.get());
            } else if (localPasswords) {
                form.setError(true);
            } else {
                showProblem("Password sign-in is turned off on this server. Sign in with " + providerName + ".");
            }
        }
        if (parameters.containsKey("sso-error")) {
            showProblem(SingleSignOn.refusal(lastFailure())
                    .orElse("Sign-in with " + providerName + " did not succeed. Try again."));
        }
        if (parameters.containsKey("sso-unavailable")) {
            showProblem(providerName + " cannot be reached right now. Try again in a moment.");
        }
        if (parameters.containsKey("left")) {
            notice.setText("You have left. Your guest name is free again; thanks for visiting.");
            notice.setVisible(true);
        }
        if (parameters.containsKey("registered")) {
            notice.setText("Your account is ready. Sign in with your new username and password.");
            notice.setVisible(true);
        }
    }

    private void showProblem(String text) {
        problem.setText(text);
        problem.setVisible(true);
    }

    /** The failure Spring Security kept in the session at the last failed sign-in. */
    private static @Nullable Object lastFailure() {
        VaadinSession session = VaadinSession.getCurrent();
        WrappedSession wrapped = session == null ? null : session.getSession();
        return wrapped == null ? null : wrapped.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }
}
