package dev.parley.profile.ui;

import static dev.parley.files.TestFiles.html;
import static dev.parley.files.TestFiles.png;
import static dev.parley.files.TestFiles.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.Span;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.ApiTokenService;
import dev.parley.accounts.UserSummary;
import dev.parley.files.BusyDecoders;
import dev.parley.rooms.ui.LobbyView;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class ProfileViewTest extends ViewTestSupport {

    @Autowired
    ApiTokenService tokens;

    @Autowired
    ApplicationContext context;

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

    @Test
    void user_changes_their_display_name_and_the_header_menu_shows_it() {
        UserSummary me = signIn("renamer");
        ProfileView view = navigate(ProfileView.class);
        assertThat(view.displayName.getValue()).isEqualTo(me.displayName());
        assertThat(headerName()).isEqualTo(me.displayName());

        test(view.displayName).setValue("  Ada Lovelace ");
        test(view.saveName).click();

        assertThat(view.displayName.isInvalid()).isFalse();
        assertThat(view.name.getText()).isEqualTo("Ada Lovelace");
        assertThat(accounts.summary(me.id()).displayName()).isEqualTo("Ada Lovelace");
        awaitUi(() -> headerName().equals("Ada Lovelace"));
        assertThat(headerAvatar().getAbbreviation()).isEqualTo("AL");

        assertThat(view.displayName.getValue()).isEqualTo("Ada Lovelace");

        // A new page shows the new name too, though the session signed in with the old one.
        navigate(LobbyView.class);
        ProfileView reloaded = navigate(ProfileView.class);
        assertThat(reloaded).isNotSameAs(view);
        assertThat(reloaded.displayName.getValue()).isEqualTo("Ada Lovelace");
        assertThat(reloaded.name.getText()).isEqualTo("Ada Lovelace");
    }

    @Test
    void a_name_that_breaks_the_rule_is_refused_with_the_rule_and_nothing_changes() {
        UserSummary me = signIn("blank");
        ProfileView view = navigate(ProfileView.class);

        test(view.displayName).setValue("   ");
        test(view.saveName).click();

        assertThat(view.displayName.isInvalid()).isTrue();
        assertThat(view.displayName.getErrorMessage()).isEqualTo("Display name must be 1 to 64 characters");
        assertThat(accounts.summary(me.id()).displayName()).isEqualTo(me.displayName());
        assertThat(view.name.getText()).isEqualTo(me.displayName());
    }

    @Test
    void user_uploads_a_picture_sees_it_here_and_in_the_header_then_removes_it() {
        UserSummary me = signIn("portrait");
        ProfileView view = navigate(ProfileView.class);
        assertThat(view.picture.getImage()).isNull();
        assertThat(view.removePicture.isVisible()).isFalse();

        assertThat(view.storePicture(UI.getCurrent(), "me.png", stream(png(300, 200))))
                .isNull();

        String url = "/avatars/" + me.id().value() + "?v=1";
        awaitUi(() ->
                url.equals(view.picture.getImage()) && url.equals(headerAvatar().getImage()));
        assertThat(view.removePicture.isVisible()).isTrue();
        assertThat(view.pictureRefusal.isVisible()).isFalse();

        test(view.removePicture).click();

        assertThat(view.picture.getImage()).isNull();
        assertThat(view.removePicture.isVisible()).isFalse();
        assertThat(accounts.summary(me.id()).avatarUrl()).isNull();
        awaitUi(() -> headerAvatar().getImage() == null);
    }

    @Test
    void a_refused_picture_says_why_next_to_the_upload_and_the_old_one_stays() {
        UserSummary me = signIn("hostile");
        ProfileView view = navigate(ProfileView.class);

        String refusal = view.storePicture(UI.getCurrent(), "me.png", stream(html()));

        assertThat(refusal).isEqualTo("me.png: its content does not match its name");
        awaitUi(() -> view.pictureRefusal.isVisible());
        assertThat(view.pictureRefusal.getText()).isEqualTo(refusal);
        assertThat(view.picture.getImage()).isNull();
        assertThat(accounts.summary(me.id()).avatarVersion()).isZero();
    }

    @Test
    void a_picture_waiting_for_a_busy_decoder_says_so_until_it_is_the_users_picture() throws Exception {
        UserSummary me = signIn("patient");
        ProfileView view = navigate(ProfileView.class);
        UI ui = UI.getCurrent();
        AtomicReference<@Nullable String> refusal = new AtomicReference<>("not stored yet");
        Thread upload;

        try (BusyDecoders busy = BusyDecoders.hold(context)) {
            upload = Thread.ofPlatform()
                    .start(() -> refusal.set(view.storePicture(ui, "me.png", stream(png(300, 200)))));
            awaitUi(() -> view.pictureWaiting.isVisible());
            assertThat(view.pictureWaiting.getText())
                    .isEqualTo("Waiting: the server is busy with other images, and makes your picture next");
            assertThat(accounts.summary(me.id()).avatarVersion()).isZero();
        }
        upload.join(Duration.ofSeconds(30));

        assertThat(refusal.get()).isNull();
        awaitUi(() -> !view.pictureWaiting.isVisible() && view.picture.getImage() != null);
        assertThat(accounts.summary(me.id()).avatarVersion()).isEqualTo(1);
        assertThat(view.pictureRefusal.isVisible()).isFalse();
    }

    private String headerName() {
        return $(Span.class).withClassName("user-name").single().getText();
    }

    private Avatar headerAvatar() {
        return $(Avatar.class).id("user-avatar");
    }

    @Test
    void a_wrong_current_password_is_refused_in_the_form_and_the_right_one_changes_it() {
        UserSummary me = signIn("guarded");
        ProfileView view = navigate(ProfileView.class);
        SignInSettings signIn = view.signIn;

        test(signIn.currentPassword).setValue("not-my-password");
        test(signIn.newPassword).setValue("a-brand-new-secret");
        test(signIn.changePassword).click();

        assertThat(signIn.passwordResult.getText()).isEqualTo("The current password is not right");
        assertThat(signIn.passwordResult.hasClassName("form-error")).isTrue();
        assertThat(signIn.newPassword.getValue()).isEqualTo("a-brand-new-secret");

        test(signIn.currentPassword).setValue(dev.parley.Fixtures.PASSWORD);
        test(signIn.changePassword).click();

        assertThat(signIn.passwordResult.getText()).isEqualTo("Password changed. Your other browsers are signed out.");
        assertThat(signIn.currentPassword.getValue()).isEmpty();
        assertThat(accounts.findByUsername(me.username())).isPresent();
    }

    @Test
    void a_guest_changes_their_name_but_has_no_password_browsers_tokens_or_picture_upload() {
        UserSummary guest = signInAsGuest("Drifter");

        ProfileView view = navigate(ProfileView.class);

        assertThat(view.getChildren()).contains(view.displayName.getParent().orElseThrow());
        assertThat(view.signIn.getParent()).isEmpty();
        assertThat(view.tokens.getParent()).isEmpty();
        assertThat(view.uploadPicture.isAttached()).isFalse();
        assertThat(view.getElement().getTextRecursively()).contains("You are here as a guest");
        test(view.displayName).setValue("Drifter the Visitor");
        test(view.saveName).click();
        assertThat(accounts.summary(guest.id()).displayName()).isEqualTo("Drifter the Visitor");
    }
}
