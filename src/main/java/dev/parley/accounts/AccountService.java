package dev.parley.accounts;

import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates accounts and answers what other features need to know about users. */
@Service
@Transactional
public class AccountService {

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AccountProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /**
     * One instance per user for what other features hold on to: a thousand open views of one room then share one
     * summary (and its strings) per member instead of holding a thousand copies.
     */
    private final ConcurrentHashMap<UserId, UserSummary> canonical = new ConcurrentHashMap<>();

    AccountService(
            UserRepository users,
            PasswordEncoder passwordEncoder,
            AccountProperties properties,
            ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    public boolean registrationOpen() {
        return properties.registrationOpen();
    }

    /**
     * Creates an account. The username is compared and stored in lower case.
     *
     * @throws InvalidInputException when a field breaks its rule, with the rule in the message
     * @throws ConflictException when the username is taken
     * @throws NotAllowedException when registration is closed
     */
    public UserSummary register(String username, String displayName, String password) {
        if (!properties.registrationOpen()) {
            throw new NotAllowedException("Registration is closed on this server");
        }
        String name = normalizeUsername(username);
        validateUsername(name);
        String display = displayName.strip();
        if (display.isEmpty() || display.length() > User.DISPLAY_NAME_MAX_LENGTH) {
            throw new InvalidInputException(
                    "Display name must be 1 to " + User.DISPLAY_NAME_MAX_LENGTH + " characters");
        }
        validatePassword(password);
        if (users.existsByUsername(name)) {
            throw new ConflictException("Username is already taken");
        }
        User user = new User(name, display, passwordEncoder.encode(password), clock.instant());
        try {
            users.saveAndFlush(user);
        } catch (DataIntegrityViolationException e) {
            // Lost a race with another sign-up of the same name.
            throw new ConflictException("Username is already taken");
        }
        UserSummary summary = user.summary();
        events.publishEvent(new UserRegistered(summary));
        return summary;
    }

    @Transactional(readOnly = true)
    public Optional<UserSummary> findByUsername(String username) {
        return users.findByUsername(normalizeUsername(username)).map(User::summary);
    }

    @Transactional(readOnly = true)
    public UserSummary summary(UserId id) {
        return users.findById(id.value()).map(User::summary).orElseThrow(() -> new NotFoundException("No such user"));
    }

    /** Summaries of the given users in one query. */
    @Transactional(readOnly = true)
    public Map<UserId, UserSummary> summaries(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Long> values = ids.stream().map(UserId::value).distinct().toList();
        return users.findByIdIn(values).stream()
                .map(user -> canonical(user.summary()))
                .collect(Collectors.toMap(UserSummary::id, Function.identity()));
    }

    @Transactional(readOnly = true)
    public List<UserSummary> allUsers() {
        return users.findAllByOrderByDisplayNameAsc().stream()
                .map(User::summary)
                .toList();
    }

    /** Remembers when the user was last online; called by presence when their last UI closes. */
    public void recordLastSeen(UserId id, Instant instant) {
        users.findById(id.value()).ifPresent(user -> user.seenAt(instant));
    }

    /** The same for many users in one statement, as when the server stops. */
    public void recordLastSeen(Collection<UserId> ids, Instant instant) {
        if (!ids.isEmpty()) {
            users.updateLastSeen(ids.stream().map(UserId::value).toList(), instant);
        }
    }

    private UserSummary canonical(UserSummary summary) {
        return canonical.merge(summary.id(), summary, (known, fresh) -> known.equals(fresh) ? known : fresh);
    }

    static String normalizeUsername(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    private static void validateUsername(String name) {
        if (name.length() < User.USERNAME_MIN_LENGTH || name.length() > User.USERNAME_MAX_LENGTH) {
            throw new InvalidInputException(
                    "Username must be " + User.USERNAME_MIN_LENGTH + " to " + User.USERNAME_MAX_LENGTH + " characters");
        }
        if (!name.matches(User.USERNAME_PATTERN)) {
            throw new InvalidInputException("Username may contain only letters a-z, digits, _ and -");
        }
    }

    private static void validatePassword(String password) {
        if (password.length() < User.PASSWORD_MIN_LENGTH) {
            throw new InvalidInputException(
                    "Password is too short: use at least " + User.PASSWORD_MIN_LENGTH + " characters");
        }
        if (password.length() > User.PASSWORD_MAX_LENGTH) {
            throw new InvalidInputException(
                    "Password is too long: use at most " + User.PASSWORD_MAX_LENGTH + " characters");
        }
    }
}
