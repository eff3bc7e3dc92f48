package dev.parley;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import java.util.UUID;

/** Test data that never collides with other tests sharing the same application context. */
public final class Fixtures {

    public static final String PASSWORD = "correct-horse";

    private Fixtures() {}

    /** A username starting with the given word and ending with a random suffix. */
    public static String username(String word) {
        return word + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static UserSummary user(AccountService accounts, String word) {
        String name = username(word);
        return accounts.register(name, Character.toUpperCase(word.charAt(0)) + word.substring(1) + " Tester", PASSWORD);
    }
}
