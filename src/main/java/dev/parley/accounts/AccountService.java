package dev.parley.accounts;

import dev.parley.accounts.internal.InstanceSettingRepository;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.VisibleText;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates accounts and answers what other features need to know about users. */
@Service
@Transactional
public class AccountService {

    /** The most users one name search returns. */
    public static final int SEARCH_LIMIT = 20;

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AccountProperties properties;
    private final ApplicationEventPublisher events;
    private final ActiveSessions sessions;
    private final InstanceSettingRepository settings;
    private final GuestProperties guests;
    private final Clock clock;
    private final EntityManager entityManager;
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
            ActiveSessions sessions,
            InstanceSettingRepository settings,
            GuestProperties guests,
            Clock clock,
            EntityManager entityManager) {
        this.users = users;
        this.entityManager = entityManager;
        this.settings = settings;
        this.guests = guests;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.events = events;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Whether anyone may sign up: as an instance admin last set it, else as configured. */
    @Transactional(readOnly = true)
    public boolean registrationOpen() {
        return settings.findById(InstanceSetting.REGISTRATION_OPEN)
                .map(setting -> Boolean.parseBoolean(setting.value()))
                .orElse(properties.registrationOpen());
    }

    /** Whether visitors may join as guests (with a name only): as an instance admin last set it; off by default. */
    @Transactional(readOnly = true)
    public boolean guestsAllowed() {
        return settings.findById(InstanceSetting.GUESTS_ALLOWED)
                .map(setting -> Boolean.parseBoolean(setting.value()))
                .orElse(false);
    }

    /** Whether the user is a guest: a visitor who joined with a name only. */
    @Transactional(readOnly = true)
    public boolean isGuest(UserId id) {
        return requireUser(id).guest();
    }

    /** Whether the user may upload files and a picture: everyone but guests, and guests too when configured. */
    @Transactional(readOnly = true)
    public boolean mayUpload(UserId id) {
        return !requireUser(id).guest() || guests.uploads();
    }

    /**
     * Checks that the user may upload files and a picture.
     *
     * @throws NotAllowedException for a guest, unless {@code parley.guests.uploads} lets guests upload
     */
    @Transactional(readOnly = true)
    public void requireMayUpload(UserId id) {
        if (!mayUpload(id)) {
            throw new NotAllowedException("Guests cannot upload files on this server");
        }
    }

    /** Whether accounts may have passwords: false when everyone signs in through single sign-on. */
    public boolean localPasswords() {
        return properties.localPasswords();
    }

    /** Whether the user has a password to sign in with (an account made by single sign-on has none). */
    @Transactional(readOnly = true)
    public boolean hasPassword(UserId id) {
        return requireUser(id).hasPassword();
    }

    /**
     * Creates an account. The username is compared and stored in lower case.
     *
     * @throws InvalidInputException when a field breaks its rule, with the rule in the message
     * @throws ConflictException when the username is taken
     * @throws NotAllowedException when registration is closed, or passwords are turned off
     */
    public UserSummary register(String username, String displayName, String password) {
        requireLocalPasswords();
        if (!registrationOpen()) {
            throw new NotAllowedException("Registration is closed on this server");
        }
        String name = normalizeUsername(username);
        validateUsername(name);
        String display = validDisplayName(displayName);
        validatePassword(password);
        if (users.existsByUsername(name)) {
            throw new ConflictException("Username is already taken");
        }
        return create(new User(name, display, passwordEncoder.encode(password), clock.instant()));
    }

    /**
     * Creates an account without a password for single sign-on, under a username made valid and unique from what the
     * provider says ({@code preferred_username} or the e-mail's local part), by the rules of sign-up. The caller checks
     * whether registration is open.
     */
    User createWithoutPassword(String usernameHint, String displayNameHint) {
        String name = availableUsername(usernameHint);
        // The provider's name cannot be sent back to be fixed: what a typed one would be refused for is removed.
        String display = VisibleText.cleanedName(displayNameHint);
        if (display.isEmpty()) {
            display = name;
        }
        if (display.length() > User.DISPLAY_NAME_MAX_LENGTH) {
            display = display.substring(0, User.DISPLAY_NAME_MAX_LENGTH).strip();
        }
        User user = new User(name, display, "", clock.instant());
        create(user);
        return user;
    }

    private UserSummary create(User user) {
        // The first account administers the instance, and so does the one configuration names.
        if (users.count() == 0 || user.username().equals(configuredAdmin())) {
            user.makeInstanceAdmin();
        }
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

    /**
     * A valid username like the hint that nobody has: lower case, every run of characters outside {@code a-z 0-9 _ -}
     * made one "-", at most {@value User#USERNAME_MAX_LENGTH} characters, "user" when nothing is left, and "-2", "-3",
     * … appended while it is taken.
     */
    String availableUsername(String hint) {
        String base = hint.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("^-+|-+$", "");
        if (base.length() < User.USERNAME_MIN_LENGTH) {
            base = base.isEmpty() ? "user" : base + "-user";
        }
        if (base.length() > User.USERNAME_MAX_LENGTH) {
            base = base.substring(0, User.USERNAME_MAX_LENGTH);
        }
        String candidate = base;
        for (int n = 2; users.existsByUsername(candidate); n++) {
            String suffix = "-" + n;
            candidate = base.substring(0, Math.min(base.length(), User.USERNAME_MAX_LENGTH - suffix.length())) + suffix;
        }
        return candidate;
    }

    /**
     * Changes the user's display name, by the rules of sign-up; everyone showing the user sees the new name live
     * ({@link UserProfileChanged}). The same name again changes nothing.
     *
     * @throws InvalidInputException when the name breaks the rule, with the rule in the message
     */
    public UserSummary changeDisplayName(UserId id, String displayName) {
        String display = validDisplayName(displayName);
        User user = requireUser(id);
        if (!user.displayName().equals(display)) {
            user.rename(display);
            events.publishEvent(new UserProfileChanged(user.summary()));
        }
        return user.summary();
    }

    /**
     * Changes the user's password after checking the current one, by the rules of sign-up, and signs out every other
     * browser session of the user: whoever knew the old password is out. API tokens are not passwords and stay.
     *
     * @param keepSessionId the session the change comes from, which stays signed in; null for none
     * @throws InvalidInputException when the current password is wrong or the new one breaks the rule
     */
    public void changePassword(UserId id, String currentPassword, String newPassword, @Nullable String keepSessionId) {
        User user = requireUser(id);
        if (user.guest()) {
            throw new NotAllowedException("Guests have no password");
        }
        requireLocalPasswords();
        if (!user.hasPassword()) {
            throw new InvalidInputException("Your account signs in through single sign-on and has no password");
        }
        if (!passwordEncoder.matches(currentPassword, user.passwordHash())) {
            throw new InvalidInputException("The current password is not right");
        }
        validatePassword(newPassword);
        user.changePassword(passwordEncoder.encode(newPassword));
        sessions.signOutOthers(id, keepSessionId);
    }

    /**
     * How many times the user's picture changed so far (uploads and removals): the next picture is this plus one. The
     * files feature names the picture's file by it before it calls {@link #changeAvatar}.
     */
    @Transactional(readOnly = true)
    public int avatarChanges(UserId id) {
        return requireUser(id).avatarChanges();
    }

    /**
     * Makes picture number {@code from + 1} the user's (or, with {@code present} false, records that they have none),
     * provided nothing changed it since {@code from}; everyone showing the user sees it live
     * ({@link UserProfileChanged}). The picture's file must exist before: the new URL may be fetched at once.
     *
     * @param from what {@link #avatarChanges} answered before the new picture was prepared
     * @throws ConflictException when the picture changed meanwhile (in another tab)
     */
    public UserSummary changeAvatar(UserId id, int from, boolean present) {
        if (users.changeAvatar(id.value(), from, present) != 1) {
            requireUser(id);
            throw new ConflictException("Your picture was changed somewhere else in the meantime; try again");
        }
        UserSummary summary = requireUser(id).summary();
        events.publishEvent(new UserProfileChanged(summary));
        return summary;
    }

    @Transactional(readOnly = true)
    public Optional<UserSummary> findByUsername(String username) {
        return users.findByUsername(normalizeUsername(username)).map(User::summary);
    }

    /**
     * Users whose username or display name starts with {@code prefix} (ignoring case), by username: what autocompletion
     * of a name offers. At most {@value #SEARCH_LIMIT} in all, however far {@code offset} goes.
     */
    @Transactional(readOnly = true)
    public List<UserSummary> search(String prefix, int offset, int limit) {
        int count = Math.min(limit, SEARCH_LIMIT - offset);
        if (count <= 0) {
            return List.of();
        }
        // LIKE's wildcards are literal in what was typed: usernames may contain "_".
        String pattern = prefix.strip()
                        .toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                + "%";
        return users.search(pattern, Limit.of(offset + count)).stream()
                .skip(offset)
                .map(User::summary)
                .toList();
    }

    /**
     * Whether the account is disabled by an instance admin. Such an account can neither sign in nor use its tokens; the
     * rooms feature also refuses it every change, for a request that was under way when it was disabled.
     */
    @Transactional(readOnly = true)
    public boolean isDisabled(UserId id) {
        return requireUser(id).disabled();
    }

    @Transactional(readOnly = true)
    public UserSummary summary(UserId id) {
        return requireUser(id).summary();
    }

    /** Summaries of the given users in one query. */
    @Transactional(readOnly = true)
    public Map<UserId, UserSummary> summaries(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Long> values = ids.stream().map(UserId::value).distinct().toList();
        // Loaded by id, through Hibernate's loader for that: a query with an IN list of varying length would be
        // translated to SQL anew on every call (the search's hits found that costly).
        return entityManager.unwrap(Session.class).findMultiple(User.class, values).stream()
                .filter(Objects::nonNull)
                .map(user -> canonical(user.summary()))
                .collect(Collectors.toMap(UserSummary::id, Function.identity()));
    }

    @Transactional(readOnly = true)
    public List<UserSummary> allUsers() {
        return users.findAllByOrderByDisplayNameAsc().stream()
                .map(User::summary)
                .toList();
    }

    /**
     * Whether the account exists and is not disabled: what lets things done on its behalf (an incoming webhook it set
     * up) go on.
     */
    @Transactional(readOnly = true)
    public boolean active(UserId id) {
        return users.findById(id.value()).map(user -> !user.disabled()).orElse(false);
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

    private User requireUser(UserId id) {
        return users.findById(id.value()).orElseThrow(() -> new NotFoundException("No such user"));
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

    /**
     * The display name without surrounding spaces and invisible characters, if it keeps the rule: 1 to 64 characters,
     * no direction controls or invisible characters inside ({@link VisibleText#name}).
     */
    private static String validDisplayName(String displayName) {
        String display = VisibleText.name("Display name", displayName);
        if (display.isEmpty() || display.length() > User.DISPLAY_NAME_MAX_LENGTH) {
            throw new InvalidInputException(
                    "Display name must be 1 to " + User.DISPLAY_NAME_MAX_LENGTH + " characters");
        }
        return display;
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
        if (password.getBytes(StandardCharsets.UTF_8).length > User.PASSWORD_MAX_BYTES) {
            throw new InvalidInputException("Password is too long: use at most " + User.PASSWORD_MAX_BYTES
                    + " bytes (a letter like é takes 2, an emoji 4)");
        }
    }

    private void requireLocalPasswords() {
        if (!properties.localPasswords()) {
            throw new NotAllowedException("Passwords are turned off on this server: sign in through single sign-on");
        }
    }

    /** The username configuration names as an instance admin, in lower case; null when none. */
    @Nullable
    String configuredAdmin() {
        String admin = properties.admin();
        return admin == null || admin.isBlank() ? null : normalizeUsername(admin);
    }
}
