package dev.parley.accounts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import org.junit.jupiter.api.Test;

class SignUpViewTest extends ViewTestSupport {

    @Test
    void visitor_signs_up_and_is_sent_to_sign_in() {
        SignUpView view = navigate(SignUpView.class);
        String name = Fixtures.username("dana");

        test(view.username).setValue(name);
        test(view.displayName).setValue("Dana Scully");
        test(view.password).setValue("trust-no-one");
        test(view.create).click();

        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
        assertThat(((LoginView) getCurrentView()).notice.getText()).contains("Your account is ready");
        assertThat(accounts.findByUsername(name))
                .hasValueSatisfying(u -> assertThat(u.displayName()).isEqualTo("Dana Scully"));
    }

    @Test
    void taken_username_is_explained_and_nothing_typed_is_lost() {
        String name = Fixtures.user(accounts, "fox").username();
        SignUpView view = navigate(SignUpView.class);

        test(view.username).setValue(name);
        test(view.displayName).setValue("Fox Mulder");
        test(view.password).setValue("i-want-to-believe");
        test(view.create).click();

        assertThat(getCurrentView()).isSameAs(view);
        assertThat(view.error.isVisible()).isTrue();
        assertThat(view.error.getText()).isEqualTo("Username is already taken");
        assertThat(view.username.getValue()).isEqualTo(name);
        assertThat(view.displayName.getValue()).isEqualTo("Fox Mulder");
    }

    @Test
    void short_password_is_refused_with_the_rule() {
        SignUpView view = navigate(SignUpView.class);

        test(view.username).setValue(Fixtures.username("walter"));
        test(view.displayName).setValue("Walter");
        test(view.password).setValue("short");
        test(view.create).click();

        assertThat(view.error.getText()).contains("Password is too short");
    }
}
