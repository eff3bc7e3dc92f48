package dev.parley.accounts;

import dev.parley.accounts.internal.InstanceSettingRepository;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What instance admins do: see every account, disable one (its browsers are signed out and its open tabs sent to the
 * sign-in page at once, its API tokens stop working with the next call, and it cannot sign in again) or enable it
 * again, and open or close registration. Instance admins are the first account created and the one configuration names
 * ({@code parley.accounts.admin}). Every method checks the actor.
 */
@Service
@Transactional
public class InstanceAdministration {

    /** One account as an instance admin sees it. */
    public record Account(UserSummary user, Instant createdAt, boolean disabled, boolean admin) {}

    private final UserRepository users;
    private final InstanceSettingRepository settings;
    private final ActiveSessions sessions;
    private final AccountProperties properties;

    InstanceAdministration(
            UserRepository users,
            InstanceSettingRepository settings,
            ActiveSessions sessions,
            AccountProperties properties) {
        this.users = users;
        this.settings = settings;
        this.sessions = sessions;
        this.properties = properties;
    }

    /** Whether the user administers the instance: what shows them the Administration page. */
    @Transactional(readOnly = true)
    public boolean isAdmin(UserId user) {
        return users.findById(user.value()).map(User::instanceAdmin).orElse(false);
    }

    /** Every account, by username. */
    @Transactional(readOnly = true)
    public List<Account> accounts(UserId actor) {
        requireAdmin(actor);
        return users.findAll().stream()
                .sorted(Comparator.comparing(User::username))
                .map(u -> new Account(u.summary(), u.createdAt(), u.disabled(), u.instanceAdmin()))
                .toList();
    }

    /**
     * Disables an account: it cannot sign in, its API tokens are refused from their next call, and its browsers are
     * signed out, their open tabs sent to the sign-in page at once. Disabling a disabled account changes nothing.
     *
     * @throws InvalidInputException for one's own account (an instance always keeps an admin who can sign in)
     */
    public Account disable(UserId actor, String username) {
        requireAdmin(actor);
        User user = requireUser(username);
        if (user.id().equals(actor)) {
            throw new InvalidInputException("You cannot disable your own account");
        }
        user.setDisabled(true);
        sessions.signOutOthers(user.id(), null);
        return new Account(user.summary(), user.createdAt(), true, user.instanceAdmin());
    }

    /** Lets a disabled account sign in and use its tokens again. */
    public Account enable(UserId actor, String username) {
        requireAdmin(actor);
        User user = requireUser(username);
        user.setDisabled(false);
        return new Account(user.summary(), user.createdAt(), false, user.instanceAdmin());
    }

    /** Opens or closes registration; it stays so across restarts, whatever the configuration says. */
    public void setRegistrationOpen(UserId actor, boolean open) {
        requireAdmin(actor);
        InstanceSetting setting = settings.findById(InstanceSetting.REGISTRATION_OPEN)
                .orElseGet(() -> new InstanceSetting(InstanceSetting.REGISTRATION_OPEN, ""));
        setting.set(Boolean.toString(open));
        settings.save(setting);
    }

    /**
     * Lets visitors join as guests, or stops it: turned off, every guest's browsers are signed out at once (their open
     * tabs go to the sign-in page, as a disabled account's) and no guest can sign in. It stays so across restarts.
     */
    public void setGuestsAllowed(UserId actor, boolean allowed) {
        requireAdmin(actor);
        InstanceSetting setting = settings.findById(InstanceSetting.GUESTS_ALLOWED)
                .orElseGet(() -> new InstanceSetting(InstanceSetting.GUESTS_ALLOWED, ""));
        setting.set(Boolean.toString(allowed));
        settings.save(setting);
        if (!allowed) {
            sessions.signOutGuests();
        }
    }

    /** The account configuration names becomes an instance admin at start-up, if it exists by then. */
    @EventListener(ApplicationReadyEvent.class)
    void appointConfiguredAdmin() {
        String admin = properties.admin();
        if (admin != null && !admin.isBlank()) {
            users.findByUsername(AccountService.normalizeUsername(admin))
                    .filter(user -> !user.guest())
                    .ifPresent(User::makeInstanceAdmin);
        }
    }

    private void requireAdmin(UserId actor) {
        if (!isAdmin(actor)) {
            throw new NotAllowedException("Only instance administrators can do this");
        }
    }

    private User requireUser(String username) {
        return users.findByUsername(AccountService.normalizeUsername(username))
                .orElseThrow(() -> new NotFoundException("No user named " + username.strip()));
    }
}
