package dev.parley.accounts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.TooManySignInsException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.WebAttributes;

/** The sign-in page as configured by default: passwords, no single sign-on. */
class LoginViewTest extends ViewTestSupport {

    @Autowired
    Clock clock;

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

    @Test
    void a_sign_in_the_throttle_refused_says_when_to_try_again_instead_of_a_wrong_password() {
        // On Parley's clock, as the throttle sets it: the system's time, to the millisecond. From Instant.now(), finer,
        // the wait counted back could be a fraction over 40 s, and shown as 41 s.
        TooManySignInsException refused = new TooManySignInsException(
                Duration.ofSeconds(40), clock.instant().plusSeconds(40));
        // Where Spring Security keeps the last failure, wrapped as it throws it.
        VaadinSession.getCurrent()
                .getSession()
                .setAttribute(
                        WebAttributes.AUTHENTICATION_EXCEPTION,
                        new BadCredentialsException(refused.getMessage(), refused));

        LoginView view = open("error");

        assertThat(view.problem.isVisible()).isTrue();
        assertThat(view.problem.getText()).matches("Too many failed sign-ins\\. Try again in (39|40) s\\.");
        assertThat(view.form.isError()).isFalse();
    }

    @Test
    void a_wrong_password_kept_by_spring_security_marks_the_form_as_before() {
        VaadinSession.getCurrent()
                .getSession()
                .setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, new BadCredentialsException("Bad credentials"));

        LoginView view = open("error");

        assertThat(view.form.isError()).isTrue();
        assertThat(view.problem.isVisible()).isFalse();
    }

    private LoginView open(String parameter) {
        UI.getCurrent().navigate("login", QueryParameters.of(parameter, ""));
        return (LoginView) getCurrentView();
    }
}
