package dev.parley.accounts.ui;

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
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.parley.accounts.AccountService;

/** Sign-in. Spring Security processes the form; a failure comes back as {@code ?error}. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Parley")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    final LoginForm form = new LoginForm();
    final Paragraph notice = new Paragraph();

    LoginView(AccountService accounts) {
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

        notice.addClassName("auth-notice");
        notice.setVisible(false);
        add(new H1("Parley"), notice, form);
        if (accounts.registrationOpen()) {
            Anchor signUp = new Anchor("signup", "Create an account");
            signUp.setId("signup-link");
            add(signUp);
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        form.setError(parameters.containsKey("error"));
        if (parameters.containsKey("registered")) {
            notice.setText("Your account is ready. Sign in with your new username and password.");
            notice.setVisible(true);
        }
    }
}
