package dev.parley.rooms.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ParleyException;
import dev.parley.rooms.ModerationService;
import java.time.Duration;
import java.util.List;

/**
 * Mutes a member for a chosen time, with an optional reason: they keep reading but cannot post until then. A refusal is
 * shown in the dialog and nothing typed is lost.
 */
class MuteDialog extends Dialog {

    /** The times offered; the API takes any number of minutes up to 30 days. */
    static final List<Duration> DURATIONS =
            List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7));

    /** What muting does; the room view asks the service with the actor and room it knows. */
    interface Mute {
        void mute(Duration duration, String reason);
    }

    final Select<Duration> duration = new Select<>();
    final TextField reason = new TextField("Reason (optional)");
    final Button confirm = new Button("Mute");

    MuteDialog(UserSummary member, String roomLabel, Mute action) {
        addClassName("mute-dialog");
        setHeaderTitle("Mute " + member.displayName());
        duration.setLabel("For");
        duration.setItems(DURATIONS);
        duration.setItemLabelGenerator(MuteDialog::label);
        duration.setValue(Duration.ofHours(1));
        reason.addClassName("mute-reason");
        reason.setMaxLength(ModerationService.REASON_MAX_LENGTH);
        reason.setWidthFull();
        add(
                new Paragraph(member.displayName() + " can read " + roomLabel
                        + " but not post, edit or react until the time is up or you unmute them."),
                duration,
                reason);
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        confirm.addClickListener(click -> {
            try {
                action.mute(duration.getValue(), reason.getValue());
                close();
            } catch (ParleyException e) {
                reason.setErrorMessage(e.getMessage());
                reason.setInvalid(true);
            }
        });
        getFooter().add(new Button("Cancel", click -> close()), confirm);
    }

    static String label(Duration duration) {
        if (duration.toDays() >= 7) {
            return duration.toDays() / 7 == 1 ? "1 week" : duration.toDays() / 7 + " weeks";
        }
        if (duration.toDays() >= 1) {
            return duration.toDays() == 1 ? "1 day" : duration.toDays() + " days";
        }
        if (duration.toHours() >= 1) {
            return duration.toHours() == 1 ? "1 hour" : duration.toHours() + " hours";
        }
        return duration.toMinutes() + " minutes";
    }
}
