package dev.parley.accounts.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.InstanceAdministration;
import dev.parley.accounts.InstanceAdministration.Account;
import dev.parley.accounts.UserId;
import dev.parley.base.ParleyException;
import dev.parley.base.StorageStatus;
import dev.parley.base.ui.AdminSection;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code /admin}, for instance admins only (everyone else gets the page for a missing address): every account, with
 * Disable and Enable, whether registration is open, and whether the data folder's disk is full. Features that depend on
 * accounts add their own sections after "Storage" as {@link AdminSection} beans (the search index's, for one).
 */
@Route("admin")
@PageTitle("Administration · Parley")
@PermitAll
public class AdminView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    final Checkbox registrationOpen = new Checkbox("Anyone may sign up");
    final Checkbox guestsAllowed = new Checkbox("Visitors may join public rooms as guests, with a name only");
    final Grid<Account> accounts = new Grid<>();
    final Span storage = new Span();

    private final InstanceAdministration administration;
    private final AccountService accountService;
    private final StorageStatus storageStatus;
    private final UserId me;

    AdminView(
            InstanceAdministration administration,
            AccountService accountService,
            StorageStatus storageStatus,
            CurrentUser currentUser,
            ObjectProvider<AdminSection> sections) {
        this.administration = administration;
        this.accountService = accountService;
        this.storageStatus = storageStatus;
        this.me = currentUser.require().id();
        addClassName("page");
        registrationOpen.setId("registration-open");
        registrationOpen.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                administration.setRegistrationOpen(me, change.getValue());
                Notification.show(change.getValue() ? "Registration is open." : "Registration is closed.");
            }
        });
        guestsAllowed.setId("guests-allowed");
        guestsAllowed.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                administration.setGuestsAllowed(me, change.getValue());
                Notification.show(
                        change.getValue()
                                ? "Guests may join."
                                : "Guests may not join; guests who were here have been signed out.");
            }
        });
        accounts.addColumn(a -> a.user().displayName()).setHeader("Name").setFlexGrow(2);
        accounts.addColumn(a -> "@" + a.user().username()).setHeader("Username").setFlexGrow(2);
        accounts.addColumn(a -> DATE.format(a.createdAt())).setHeader("Joined");
        accounts.addComponentColumn(this::status).setHeader("Status");
        accounts.addComponentColumn(this::action).setHeader("");
        accounts.setAllRowsVisible(true);
        accounts.setId("accounts");
        storage.setId("storage");
        add(new H2("Administration"), new H3("Storage"), storage);
        sections.orderedStream().map(AdminSection::create).forEach(this::add);
        add(new H3("Registration"), registrationOpen, new H3("Guests"), guestsAllowed, new H3("Accounts"), accounts);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!administration.isAdmin(me)) {
            // Not an admin: the page answers like an address that does not exist.
            event.rerouteToError(NotFoundException.class);
            return;
        }
        refresh();
    }

    void refresh() {
        registrationOpen.setValue(accountService.registrationOpen());
        guestsAllowed.setValue(accountService.guestsAllowed());
        accounts.setItems(administration.accounts(me));
        StorageStatus.Snapshot disk = storageStatus.snapshot();
        storage.setText(disk.describe() + " Data folder: " + disk.folder());
        // Full or nearly so is shown in the error colour: it is what the admin must act on first.
        storage.setClassName("form-error", disk.full() || disk.low());
    }

    private Span status(Account account) {
        Span status = new Span(
                account.disabled()
                        ? "disabled"
                        : account.admin() ? "admin" : account.user().guest() ? "guest" : "active");
        status.addClassName(account.disabled() ? "account-disabled" : "account-active");
        return status;
    }

    private Button action(Account account) {
        boolean self = account.user().id().equals(me);
        Button button = new Button(account.disabled() ? "Enable" : "Disable", click -> toggle(account));
        button.addThemeVariants(ButtonVariant.SMALL, account.disabled() ? ButtonVariant.PRIMARY : ButtonVariant.ERROR);
        button.setEnabled(!self);
        button.getElement().setAttribute("data-username", account.user().username());
        button.addClassName("account-action");
        return button;
    }

    private void toggle(Account account) {
        try {
            if (account.disabled()) {
                administration.enable(me, account.user().username());
            } else {
                administration.disable(me, account.user().username());
            }
            refresh();
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
    }
}
