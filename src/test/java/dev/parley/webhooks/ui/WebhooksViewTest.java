package dev.parley.webhooks.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.base.NotFoundException;
import dev.parley.messages.ui.RoomView;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.shell.NotFoundView;
import dev.parley.webhooks.SlackPayload;
import dev.parley.webhooks.WebhookService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Webhooks page of a room: an admin creates, sees, renames and revokes webhooks; nobody else manages them. */
class WebhooksViewTest extends ViewTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    WebhookService webhooks;

    @Test
    void an_admin_creates_a_webhook_sees_its_url_once_renames_and_revokes_it() {
        UserSummary me = signIn("admin");
        RoomSummary room = rooms.create(me.id(), "Builds " + Fixtures.username("b"), null, false);
        WebhooksView view = navigate("rooms/" + room.slug() + "/webhooks", WebhooksView.class);
        assertThat(view.heading.getText()).isEqualTo("Webhooks of #" + room.name());
        assertThat(view.list.getElement().getTextRecursively()).contains("No webhooks yet.");

        test(view.create).click();
        assertThat(view.name.isInvalid()).isTrue();
        assertThat(view.name.getErrorMessage()).isEqualTo("Webhook name must be 1 to 64 characters");
        test(view.name).setValue("CI server");
        test(view.create).click();

        assertThat(view.newUrlBox.isVisible()).isTrue();
        String url = view.newUrl.getValue();
        assertThat(url).contains("/hooks/wh_");
        assertThat(view.name.getValue()).isEmpty();
        assertThat(rows(view)).hasSize(1);
        assertThat(rows(view).getFirst().getElement().getTextRecursively())
                .contains("CI server")
                .contains("Set up by Admin Tester")
                .contains("never used");

        String token = url.substring(url.indexOf("/hooks/") + "/hooks/".length());
        webhooks.post(token, new SlackPayload("Build 42 passed", null, null));
        view.refresh();
        assertThat(rows(view).getFirst().getElement().getTextRecursively()).contains("last used");

        test($(Button.class, rows(view).getFirst()).withText("Rename").single()).click();
        WebhooksView.RenameDialog rename = $(WebhooksView.RenameDialog.class).single();
        assertThat(rename.newName.getValue()).isEqualTo("CI server");
        test(rename.newName).setValue(" ");
        test(rename.save).click();
        assertThat(rename.newName.isInvalid()).isTrue();
        test(rename.newName).setValue("Jenkins");
        test(rename.save).click();
        assertThat(rows(view).getFirst().getElement().getTextRecursively()).contains("Jenkins");

        test($(Button.class, rows(view).getFirst()).withText("Revoke").single()).click();
        ConfirmDialog confirm = $(ConfirmDialog.class).single();
        assertThat(test(confirm).getHeader()).isEqualTo("Revoke Jenkins?");
        test(confirm).confirm();
        assertThat(rows(view)).isEmpty();
        assertThatThrownBy(() -> webhooks.post(token, new SlackPayload("again", null, null)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_rooms_header_offers_webhooks_to_admins_only() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Open " + Fixtures.username("o"), null, false);
        UserSummary member = signIn("member");
        members.join(member.id(), room.slug());

        navigate("rooms/" + room.slug(), RoomView.class);
        assertThat($(Button.class).withText("Webhooks").all()).isEmpty();
        WebhooksView view = navigate("rooms/" + room.slug() + "/webhooks", WebhooksView.class);
        assertThat(view.refusal.isVisible()).isTrue();
        assertThat(view.refusal.getText()).isEqualTo("Only the room's admins can manage its webhooks.");
        assertThat(view.form.isVisible()).isFalse();

        UserSummary me = signIn("owner");
        RoomSummary mine = rooms.create(me.id(), "Mine " + Fixtures.username("m"), null, false);
        navigate("rooms/" + mine.slug(), RoomView.class);
        Button button = $(Button.class).withText("Webhooks").single();
        assertThat(button.isVisible()).isTrue();
        test(button).click();
        assertThat(getCurrentView()).isInstanceOf(WebhooksView.class);
    }

    @Test
    void a_private_room_the_user_is_not_in_is_not_there() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary secret = rooms.create(admin.id(), "Secret " + Fixtures.username("s"), null, true);
        signIn("stranger");

        navigate("rooms/" + secret.slug() + "/webhooks", NotFoundView.class);

        assertThat(getCurrentView()).isInstanceOf(NotFoundView.class);
    }

    private List<Div> rows(WebhooksView view) {
        return view.list
                .getChildren()
                .filter(child -> child.getElement().hasAttribute("data-webhook"))
                .map(Div.class::cast)
                .toList();
    }
}
