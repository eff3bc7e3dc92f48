package dev.parley.accounts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Code;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.ApiTokenService;
import dev.parley.accounts.UserSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ProfileViewTest extends ViewTestSupport {

    @Autowired
    ApiTokenService tokens;

    @Test
    void user_creates_a_token_sees_it_once_and_revokes_it() {
        UserSummary me = signIn("tokens");
        ProfileView view = navigate(ProfileView.class);

        test(view.tokenName).setValue("deploy bot");
        test(view.createToken).click();

        String shown = $(Code.class).id("new-token").getText();
        assertThat(shown).startsWith("parley_");
        assertThat(tokens.authenticate(shown))
                .hasValueSatisfying(u -> assertThat(u.id()).isEqualTo(me.id()));
        assertThat(tokens.list(me.id())).singleElement().satisfies(t -> assertThat(t.name())
                .isEqualTo("deploy bot"));
        assertThat(test(view.tokens).size()).isEqualTo(1);
    }
}
