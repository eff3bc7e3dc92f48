package dev.parley.accounts;

import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.SecretTokens;
import dev.parley.base.WorkClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Guest access: while an instance admin allows it, a visitor joins with a name only. A guest is a row in {@code users}
 * with the guest flag and no password, so messages, memberships and presence work for them unchanged; the other
 * features ask {@link AccountService#isGuest} to refuse what guests may not do (create rooms, direct conversations,
 * private rooms, API tokens, uploads unless configured).
 *
 * <p>A name is free unless a registered account has it (ignoring case) or a guest of that name is online. An offline
 * guest's name is taken again by reusing that guest's row: the new visitor continues as that guest (their rooms and
 * messages), and any browser the previous visitor left signed in is signed out. Between entering a name and the first
 * page opening (when presence sees the guest online) the name stays reserved for {@link #RESERVATION}. In a cluster
 * presence and the reservation hold for every node.
 *
 * <p>Signing in goes in two steps, because a Vaadin request (perhaps over the push connection) cannot change the
 * session id against fixation: {@link #enter} checks the name and returns a one-time ticket bound to the visitor's
 * session; the browser then opens {@code /guest/enter?ticket=…}, where {@code security.GuestSignInFilter} redeems it
 * and signs the session in like a password sign-in.
 */
@Service
public class GuestAccess {

    /** How long a name entered stays reserved for its visitor, and a ticket valid, until the first page opens. */
    static final Duration RESERVATION = Duration.ofMinutes(1);

    /** What {@link #enter} returns: the guest, and the one-time ticket their browser signs in with. */
    public record GuestPass(UserSummary guest, String ticket) {}

    private record Ticket(UserId guest, String sessionId, Instant expires) {}

    private final UserRepository users;
    private final AccountService accounts;
    private final ActiveSessions sessions;
    private final OnlineUsers online;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;
    private final WorkClaims claims;
    private final Clock clock;
    private final TransactionTemplate transaction;

    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    /** Guests whose visitor entered the name and whose first page may not be open yet, until when. */
    private final Map<UserId, Instant> reserved = new ConcurrentHashMap<>();
    /** Entering is one at a time: checking that a name is free and taking it must not interleave. */
    private final Object entering = new Object();

    GuestAccess(
            UserRepository users,
            AccountService accounts,
            ActiveSessions sessions,
            OnlineUsers online,
            SignInThrottle throttle,
            ApplicationEventPublisher events,
            WorkClaims claims,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.users = users;
        this.accounts = accounts;
        this.sessions = sessions;
        this.online = online;
        this.throttle = throttle;
        this.events = events;
        this.claims = claims;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Whether visitors may join as guests now. */
    public boolean allowed() {
        return accounts.guestsAllowed();
    }

    /**
     * Lets a visitor in as the guest of this name, new or (when offline) reused, and returns the ticket their browser
     * signs in with; the name is reserved for them meanwhile.
     *
     * <p>A refusal for the name (an account's, a guest's online now, a blocked guest's) counts as a failed sign-in of
     * the remote address ({@link SignInThrottle}): trying names one after another is how one would find out which
     * accounts exist.
     *
     * @param sessionId the visitor's browser session, the only one that may redeem the ticket
     * @param remoteAddress where the visitor's browser is
     * @throws NotAllowedException when guests are not allowed, or the guest of this name is disabled
     * @throws InvalidInputException when the name breaks the rule, with the rule in the message
     * @throws ConflictException when a registered account has the name, or a guest of that name is online
     * @throws TooManySignInsException when the address has failed too often lately
     */
    public GuestPass enter(String name, String sessionId, String remoteAddress) {
        String guestName = validName(name);
        try (SignInThrottle.Attempt attempt = throttle.withoutPassword(remoteAddress)) {
            GuestPass pass = enter(guestName, sessionId);
            attempt.succeeded();
            return pass;
        }
    }

    private GuestPass enter(String guestName, String sessionId) {
        synchronized (entering) {
            Instant now = clock.instant();
            reserved.values().removeIf(until -> until.isBefore(now));
            tickets.values().removeIf(ticket -> ticket.expires().isBefore(now));
            UserSummary guest;
            try {
                guest = transaction.execute(status -> take(guestName));
            } catch (DataIntegrityViolationException e) {
                // Another node of a cluster made the guest of this name meanwhile: its visitor has it.
                throw inUse(guestName);
            }
            reserved.put(guest.id(), now.plus(RESERVATION));
            String ticket = SecretTokens.newToken("", 32);
            tickets.put(ticket, new Ticket(guest.id(), sessionId, now.plus(RESERVATION)));
            return new GuestPass(guest, ticket);
        }
    }

    /** The guest row for the name: checked free, then made, or reused after signing out its previous visitor. */
    private UserSummary take(String guestName) {
        if (!accounts.guestsAllowed()) {
            throw new NotAllowedException("Guest access is turned off on this server");
        }
        String username = guestName.toLowerCase(Locale.ROOT);
        if (username.equals(accounts.configuredAdmin())) {
            throw new ConflictException(guestName + " is reserved for an account. Choose another name.");
        }
        Optional<User> existing = users.findByUsername(username);
        if (existing.isEmpty()) {
            User user = User.guest(guestName, clock.instant());
            users.saveAndFlush(user);
            reserveAcrossNodes(user.id());
            UserSummary summary = user.summary();
            events.publishEvent(new UserRegistered(summary));
            return summary;
        }
        User user = existing.get();
        if (!user.guest()) {
            throw new ConflictException(guestName + " is the name of an account here. Choose another name.");
        }
        if (isInUse(user.id())) {
            throw inUse(guestName);
        }
        if (user.disabled()) {
            throw new NotAllowedException(guestName + " has been blocked by an administrator. Choose another name.");
        }
        // A new visitor: whatever browser the previous one left signed in is theirs no longer.
        sessions.signOutOthers(user.id(), null);
        if (!user.displayName().equals(guestName)) {
            user.rename(guestName);
            events.publishEvent(new UserProfileChanged(user.summary()));
        }
        return user.summary();
    }

    /**
     * Whether a visitor is the guest now, or entered the name lately, on any node; if not, the name is reserved for the
     * one asking.
     */
    private boolean isInUse(UserId guest) {
        Instant until = reserved.get(guest);
        return online.isOnline(guest)
                || (until != null && until.isAfter(clock.instant()))
                || !reserveAcrossNodes(guest);
    }

    /** In a cluster, the other nodes' visitors cannot take the name for {@link #RESERVATION}; false if one has it. */
    private boolean reserveAcrossNodes(UserId guest) {
        return claims.claim(reservationOf(guest), RESERVATION);
    }

    private static String reservationOf(UserId guest) {
        return "accounts:guest-entering:" + guest.value();
    }

    private static ConflictException inUse(String guestName) {
        return new ConflictException(guestName + " is in use by a guest who is here now. Choose another name.");
    }

    /**
     * The guest a ticket lets in, once: only for the session it was made for, before it expires, and while guests are
     * allowed and the guest is not disabled.
     */
    public Optional<ParleyUser> redeem(String ticket, String sessionId) {
        Ticket found = tickets.remove(ticket);
        if (found == null
                || !found.sessionId().equals(sessionId)
                || found.expires().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return transaction.execute(status -> users.findById(found.guest().value())
                .filter(user -> user.guest() && !user.disabled() && accounts.guestsAllowed())
                .map(GuestAccess::principal));
    }

    /**
     * A guest leaves: every browser of theirs is signed out (its open tabs go to the sign-in page), they go offline at
     * once, and their name is free for the next visitor. Their messages stay.
     *
     * @throws NotAllowedException when the user is not a guest (accounts sign out instead)
     */
    public void leave(UserId guest) {
        if (!accounts.isGuest(guest)) {
            throw new NotAllowedException("Only guests leave; accounts sign out");
        }
        reserved.remove(guest);
        claims.release(reservationOf(guest));
        sessions.signOutOthers(guest, null);
        online.disconnect(guest);
    }

    private static ParleyUser principal(User user) {
        return new ParleyUser(user.id(), user.username(), user.displayName(), "[guest]", true, true);
    }

    /** The name without surrounding spaces, if it keeps the rule. */
    static String validName(String name) {
        String guestName = name.strip();
        if (guestName.length() < User.GUEST_NAME_MIN_LENGTH || guestName.length() > User.GUEST_NAME_MAX_LENGTH) {
            throw new InvalidInputException("Your name must be " + User.GUEST_NAME_MIN_LENGTH + " to "
                    + User.GUEST_NAME_MAX_LENGTH + " characters");
        }
        if (!guestName.matches(User.GUEST_NAME_PATTERN)) {
            throw new InvalidInputException("Your name may contain only letters A-Z and a-z, digits, _ and -");
        }
        return guestName;
    }
}
