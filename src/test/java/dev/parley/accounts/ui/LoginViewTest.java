package dev.parley.accounts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import dev.parley.ViewTestSupport;
import org.junit.jupiter.api.Test;

/** The sign-in page as configured by default: passwords, no single sign-on. */
class LoginViewTest extends ViewTestSupport {

    @Test
    void without_a_provider_there_is_the_password_form_and_no_single_sign_on_button() {
        LoginView view = navigate(LoginView.class);

        assertThat(view.singleSignOn).isNull();
        assertThat(view.form.isVisible()).isTrue();
        assertThat(view.problem.isVisible()).isFalse();
    }

    @Test
    void a_wrong_password_marks_the_form_and_a_failed_single_sign_on_says_so() {
        LoginView wrongPassword = open("error");
        assertThat(wrongPassword.form.isError()).isTrue();
        assertThat(wrongPassword.problem.isVisible()).isFalse();

        LoginView failed = open("sso-error");
        assertThat(failed.problem.isVisible()).isTrue();
        assertThat(failed.problem.getText()).isEqualTo("Sign-in with single sign-on did not succeed. Try again.");
    }

    private LoginView open(String parameter) {
        UI.getCurrent().navigate("login", QueryParameters.of(parameter, ""));
        return (LoginView) getCurrentView();
    }
}
