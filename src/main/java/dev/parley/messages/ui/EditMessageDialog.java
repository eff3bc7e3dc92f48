package dev.parley.messages.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import dev.parley.base.ParleyException;
import dev.parley.messages.ChatMessage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Edits the text of one's own message. Like the composer, Enter saves and Shift+Enter starts a new line; Escape or
 * Cancel closes without saving. A refused edit keeps the dialog open with the text and the reason.
 */
class EditMessageDialog extends Dialog {

    private static final Logger log = LoggerFactory.getLogger(EditMessageDialog.class);

    final TextArea text = new TextArea();
    final Button save = new Button("Save");
    final Button cancel = new Button("Cancel");

    private final ChatMessage message;
    private final Function<String, ChatMessage> edit;
    private final Consumer<ChatMessage> onSaved;

    /**
     * @param edit saves a new text and returns the message as saved; throws a {@link ParleyException} to refuse
     * @param onSaved gets the saved message once the dialog has closed
     */
    EditMessageDialog(ChatMessage message, Function<String, ChatMessage> edit, Consumer<ChatMessage> onSaved) {
        this.message = message;
        this.edit = edit;
        this.onSaved = onSaved;
        addClassName("edit-message-dialog");
        setHeaderTitle("Edit message");
        setWidth("min(40rem, 95vw)");

        text.setValue(message.body());
        text.setAriaLabel("Message text");
        text.addClassName("edit-message-input");
        text.setWidthFull();
        text.setMaxRows(12);
        text.setAutofocus(true);
        text.setHelperText("Enter saves, Shift+Enter starts a new line, Esc cancels.");
        // Resetting focus commits the typed value before saving, as in the composer.
        Shortcuts.addShortcutListener(text, this::save, Key.ENTER)
                .listenOn(text)
                .resetFocusOnActiveElement();

        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickListener(e -> save());
        cancel.addThemeVariants(ButtonVariant.TERTIARY);
        cancel.addClickListener(e -> close());
        add(text);
        getFooter().add(cancel, save);
    }

    void save() {
        try {
            ChatMessage saved = edit.apply(text.getValue());
            close();
            onSaved.accept(saved);
        } catch (ParleyException e) {
            refuse(e.getMessage());
        } catch (RuntimeException e) {
            log.error("Editing message {} failed", message.id().value(), e);
            refuse("The message could not be saved because of a server error. Your text is still here: try again.");
        }
    }

    private void refuse(String reason) {
        text.setErrorMessage(reason);
        text.setInvalid(true);
    }
}
