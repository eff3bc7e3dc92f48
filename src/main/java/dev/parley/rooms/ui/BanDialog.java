package dev.parley.rooms.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ParleyException;
import dev.parley.rooms.ModerationService;
import java.util.function.Consumer;

/**
 * Bans a member, with an optional reason: they leave the room at once and cannot come back until unbanned. A refusal is
 * shown in the dialog and the reason typed stays.
 */
class BanDialog extends Dialog {

    final TextField reason = new TextField("Reason (optional)");
    final Button confirm = new Button("Ban");

    BanDialog(UserSummary member, String roomLabel, Consumer<String> ban) {
        addClassName("ban-dialog");
        setHeaderTitle("Ban " + member.displayName() + "?");
        reason.addClassName("ban-reason");
        reason.setMaxLength(ModerationService.REASON_MAX_LENGTH);
        reason.setWidthFull();
        add(
                new Paragraph(member.displayName() + " leaves " + roomLabel
                        + " at once and cannot join, be invited or use an invite link until unbanned."),
                reason);
        confirm.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        confirm.addClickListener(click -> {
            try {
                ban.accept(reason.getValue());
                close();
            } catch (ParleyException e) {
                reason.setErrorMessage(e.getMessage());
                reason.setInvalid(true);
            }
        });
        getFooter().add(new Button("Cancel", click -> close()), confirm);
    }
}
