package dev.parley.rooms.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.parley.base.ParleyException;
import dev.parley.rooms.RoomSummary;

/**
 * Asks for the room's name before deleting it: the Delete button only works once it is typed exactly, since a deleted
 * room cannot be brought back.
 */
class DeleteRoomDialog extends Dialog {

    final TextField confirmation = new TextField();
    final Button confirm = new Button("Delete room");

    DeleteRoomDialog(RoomSummary room, Runnable delete) {
        addClassName("delete-room-dialog");
        setHeaderTitle("Delete #" + room.name() + "?");
        confirmation.setLabel("Type the room's name to confirm");
        confirmation.setPlaceholder(room.name());
        confirmation.setWidthFull();
        confirmation.setValueChangeMode(ValueChangeMode.EAGER);
        confirm.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        confirm.setEnabled(false);
        confirmation.addValueChangeListener(
                change -> confirm.setEnabled(change.getValue().strip().equals(room.name())));
        confirm.addClickListener(click -> {
            if (!confirmation.getValue().strip().equals(room.name())) {
                return;
            }
            try {
                delete.run();
                close();
            } catch (ParleyException e) {
                confirmation.setErrorMessage(e.getMessage());
                confirmation.setInvalid(true);
            }
        });
        add(
                new Paragraph("All its messages, files, invitations and links are deleted for everyone, and its"
                        + " address stops working. This cannot be undone."),
                confirmation);
        getFooter().add(new Button("Cancel", click -> close()), confirm);
    }
}
