package dev.parley.accounts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ViewTestSupport;
import dev.parley.accounts.AccountTestData;
import dev.parley.accounts.InstanceAdministration;
import dev.parley.accounts.UserSummary;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.StorageStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The Administration page: only for instance admins; lists accounts; registration switch; a full disk. */
class AdminViewTest extends ViewTestSupport {

    @Autowired
    UserRepository users;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    InstanceAdministration administration;

    @Autowired
    StorageStatus storage;

    @Test
    void an_admin_sees_that_the_disk_is_full_until_a_write_succeeds() {
        UserSummary me = signIn("keeper");
        AccountTestData.makeInstanceAdmin(users, transactions, me.id());
        try {
            storage.refused(
                    new DataAccessResourceFailureException(
                            "could not execute statement",
                            new SQLiteException("[SQLITE_FULL] database or disk is full", SQLiteErrorCode.SQLITE_FULL)),
                    "Storage is full: the message was not stored");

            AdminView full = navigate(AdminView.class);

            assertThat(full.storage.getText()).startsWith("The disk is full: new messages and files have been refused");
            assertThat(full.storage.hasClassName("form-error")).isTrue();
        } finally {
            storage.stored();
        }

        AdminView again = navigate(AdminView.class);

        assertThat(again.storage.getText())
                .doesNotContain("The disk is full")
                .contains("free of")
                .contains("Data folder: ");
    }

    @Test
    void someone_who_is_not_an_admin_finds_no_such_page() {
        signIn("visitor");

        navigate("admin", com.vaadin.flow.component.Component.class);

        assertThat(getCurrentView()).isNotInstanceOf(AdminView.class);
    }

    @Test
    void an_admin_sees_every_account_and_closes_and_opens_registration() {
        UserSummary me = signIn("boss");
        AccountTestData.makeInstanceAdmin(users, transactions, me.id());

        AdminView view = navigate(AdminView.class);

        assertThat(view.accounts.getGenericDataView().getItems().map(a -> a.user()
                        .username()))
                .contains(me.username());
        assertThat(view.registrationOpen.getValue()).isTrue();
        try {
            test(view.registrationOpen).click();
            assertThat(accounts.registrationOpen()).isFalse();
        } finally {
            administration.setRegistrationOpen(me.id(), true);
        }
    }
}
