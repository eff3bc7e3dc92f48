package dev.parley.accounts.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.User;
import dev.parley.base.ParleyException;

/** Sign-up: username, display name and password; errors appear next to the form and nothing typed is lost. */
@Route(value = "signup", autoLayout = false)
@PageTitle("Create an account · Parley")
@AnonymousAllowed
public class SignUpView extends VerticalLayout implements BeforeEnterObserver {

    final TextField username = new TextField("Username");
    final TextField displayName = new TextField("Display name");
    final PasswordField password = new PasswordField("Password");
    final Button create = new Button("Create account");
    final Paragraph error = new Paragraph();

    private final AccountService accounts;

    SignUpView(AccountService accounts) {
        this.accounts = accounts;
        addClassName("auth-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        username.setHelperText(User.USERNAME_MIN_LENGTH + "–" + User.USERNAME_MAX_LENGTH
                + " characters: letters a–z, digits, _ and -");
        username.setMaxLength(User.USERNAME_MAX_LENGTH);
        username.setRequired(true);
        username.setAutofocus(true);
        displayName.setHelperText("How others see you, for example Ada Lovelace");
        displayName.setMaxLength(User.DISPLAY_NAME_MAX_LENGTH);
        displayName.setRequired(true);
        password.setHelperText("At least " + User.PASSWORD_MIN_LENGTH + " characters");
        password.setRequired(true);
        error.addClassName("form-error");
        error.setId("signup-error");
        error.setVisible(false);

        create.addThemeVariants(ButtonVariant.PRIMARY);
        create.addClickListener(e -> submit());
        create.addClickShortcut(Key.ENTER);

        FormLayout form = new FormLayout(username, displayName, password);
        form.setMaxWidth("24em");
        add(
                new H1("Create your Parley account"),
                error,
                form,
                create,
                new Anchor("login", "I already have an account"));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!accounts.localPasswords()) {
            showError("Passwords are turned off on this server: sign in through single sign-on instead.");
            create.setEnabled(false);
        } else if (!accounts.registrationOpen()) {
            showError("Registration is closed on this server. Ask an administrator for an account.");
            create.setEnabled(false);
        }
    }

    private void submit() {
        try {
            accounts.register(username.getValue(), displayName.getValue(), password.getValue());
            getUI().ifPresent(ui -> ui.navigate("login", QueryParameters.of("registered", "")));
        } catch (ParleyException e) {
            showError(e.getMessage());
        }
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }
}
