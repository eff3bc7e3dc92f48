package dev.parley.accounts;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The signed-in principal, the same for the UI's session and for API tokens. */
public class ParleyUser extends User {

    private final UserId id;
    private final String displayName;
    private final boolean guest;

    /** Protected for the single sign-on principal, {@code security.ParleyOidcUser}, a subclass in another package. */
    protected ParleyUser(UserId id, String username, String displayName, String passwordHash) {
        this(id, username, displayName, passwordHash, true);
    }

    /** A disabled account ({@code enabled} false) is refused at sign-in, with the same answer as a wrong password. */
    ParleyUser(UserId id, String username, String displayName, String passwordHash, boolean enabled) {
        this(id, username, displayName, passwordHash, enabled, false);
    }

    /** A guest ({@code guest} true) has the authority ROLE_GUEST instead of ROLE_USER. */
    ParleyUser(UserId id, String username, String displayName, String passwordHash, boolean enabled, boolean guest) {
        super(
                username,
                passwordHash,
                enabled,
                true,
                true,
                true,
                List.of(new SimpleGrantedAuthority(guest ? "ROLE_GUEST" : "ROLE_USER")));
        this.id = id;
        this.displayName = displayName;
        this.guest = guest;
    }

    public UserId id() {
        return id;
    }

    /** The display name at sign-in; it may have changed since: {@link AccountService#summary} has the current one. */
    public String displayName() {
        return displayName;
    }

    /**
     * Whether the user is a guest (joined with a name only): what views ask to hide what guests cannot do. The services
     * check it again from the database.
     */
    public boolean guest() {
        return guest;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
