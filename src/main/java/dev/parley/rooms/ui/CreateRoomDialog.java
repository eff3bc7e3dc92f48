package dev.parley.rooms.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.parley.accounts.UserId;
import dev.parley.base.ParleyException;
import dev.parley.rooms.Room;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.function.Consumer;

/** Creates a room: name, optional description, public or private. */
class CreateRoomDialog extends Dialog {

    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description (optional)");
    final Checkbox isPrivate = new Checkbox("Private: only people in the room can see it");
    final Button create = new Button("Create room");
    final Paragraph error = new Paragraph();

    CreateRoomDialog(RoomService rooms, UserId actor, Consumer<RoomSummary> onCreated) {
        setHeaderTitle("New room");
        name.setMaxLength(Room.NAME_MAX_LENGTH);
        name.setRequired(true);
        name.setAutofocus(true);
        description.setMaxLength(Room.DESCRIPTION_MAX_LENGTH);
        error.addClassName("form-error");
        error.setVisible(false);
        FormLayout form = new FormLayout(name, description, isPrivate);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(error, form);

        create.addThemeVariants(ButtonVariant.PRIMARY);
        create.addClickListener(e -> {
            try {
                RoomSummary room = rooms.create(actor, name.getValue(), description.getValue(), isPrivate.getValue());
                close();
                onCreated.accept(room);
            } catch (ParleyException ex) {
                error.setText(ex.getMessage());
                error.setVisible(true);
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), create);
    }
}
