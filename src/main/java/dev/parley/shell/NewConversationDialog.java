package dev.parley.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ParleyException;
import dev.parley.rooms.DirectConversations;
import dev.parley.rooms.RoomSummary;
import java.util.Comparator;

/**
 * Starts a direct conversation with one person or a group: pick people by name, Start opens the conversation (the
 * existing one when this group already has one). The service decides who may be in it.
 */
class NewConversationDialog extends Dialog {

    final MultiSelectComboBox<UserSummary> people = new MultiSelectComboBox<>("People");
    final Button start = new Button("Start conversation");

    private final DirectConversations directs;
    private final UserId me;

    NewConversationDialog(AccountService accounts, DirectConversations directs, UserId me) {
        this.directs = directs;
        this.me = me;
        addClassName("new-conversation-dialog");
        setHeaderTitle("New direct conversation");
        people.setItems(accounts.allUsers().stream()
                .filter(u -> !u.id().equals(me))
                .sorted(Comparator.comparing(u -> u.displayName().toLowerCase()))
                .toList());
        people.setItemLabelGenerator(u -> u.displayName() + " (@" + u.username() + ")");
        people.setPlaceholder("Type a name");
        people.setHelperText("One person, or a group of up to " + (DirectConversations.MAX_PARTICIPANTS - 1));
        people.setWidthFull();
        people.setAutofocus(true);
        start.addThemeVariants(ButtonVariant.PRIMARY);
        start.addClickListener(click -> start());
        Button cancel = new Button("Cancel", click -> close());
        add(people);
        getFooter().add(cancel, start);
    }

    void start() {
        try {
            RoomSummary conversation = directs.start(
                    me, people.getValue().stream().map(UserSummary::username).toList());
            close();
            UI.getCurrent().navigate("rooms/" + conversation.slug());
        } catch (ParleyException e) {
            people.setErrorMessage(e.getMessage());
            people.setInvalid(true);
        }
    }
}
