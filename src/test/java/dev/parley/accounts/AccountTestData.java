package dev.parley.accounts;

import dev.parley.accounts.internal.UserRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Account set-ups the services do not offer: tests share one database, where "the first account" is taken. */
public final class AccountTestData {

    private AccountTestData() {}

    /** Makes the user an instance admin, as the first account or the configured one would be. */
    public static void makeInstanceAdmin(UserRepository users, PlatformTransactionManager transactions, UserId user) {
        new TransactionTemplate(transactions)
                .executeWithoutResult(
                        status -> users.findById(user.value()).orElseThrow().makeInstanceAdmin());
    }
}
