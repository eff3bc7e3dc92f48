package dev.parley.accounts;

import dev.parley.accounts.internal.SignedInBrowser;
import dev.parley.accounts.internal.SignedInBrowserRepository;
import dev.parley.base.SecretTokens;
import dev.parley.base.WorkClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The browsers users are signed in with, in the database, so that every node of a cluster knows them. At sign-in a
 * browser gets a secret of its own ({@link BrowserCookie}); a node that has no session for it (its node died, or was
 * stopped) signs it in again from that secret, without asking for the password. Only the secret's SHA-256 is stored.
 *
 * <p>A browser stays signed in as long as its session would have lasted: nodes mark the browsers whose sessions they
 * hold as used every {@value #TOUCH_MINUTES} minutes ({@link ActiveSessions}), and a browser unused for longer than a
 * session's time-out (and two of those intervals) is no longer accepted, and is deleted in time. Signing a browser out,
 * on any node, deletes it.
 */
@Service
@Transactional
class SignedInBrowsers {

    private static final Logger log = LoggerFactory.getLogger(SignedInBrowsers.class);

    /** How often each node marks the browsers it serves as used. */
    static final long TOUCH_MINUTES = 10;

    /** A browser just signed in: its row, and the secret for its cookie (not stored). */
    record Opened(long id, String secret) {}

    /** A browser signed in again from its secret. */
    record Resumed(long id, ParleyUser user) {}

    /** One of a user's browsers, as the Profile page lists them. */
    record Browser(long id, String client, Instant signedInAt) {}

    private final SignedInBrowserRepository browsers;
    private final WorkClaims claims;
    private final Clock clock;
    /** How long an unused browser stays signed in. */
    private final Duration idle;

    SignedInBrowsers(
            SignedInBrowserRepository browsers,
            WorkClaims claims,
            Clock clock,
            @Value("${server.servlet.session.timeout:30m}") Duration sessionTimeout) {
        this.browsers = browsers;
        this.claims = claims;
        this.clock = clock;
        this.idle = sessionTimeout.plusMinutes(2 * TOUCH_MINUTES);
    }

    Opened open(UserId user, String client) {
        String secret = SecretTokens.newToken("", 32);
        SignedInBrowser browser =
                browsers.save(new SignedInBrowser(user.value(), SecretTokens.hash(secret), client, clock.instant()));
        return new Opened(browser.id(), secret);
    }

    /** The browser with this secret and its user, marked as used; empty if it was signed out or is no longer valid. */
    Optional<Resumed> resume(String secret) {
        Instant now = clock.instant();
        return browsers.findResumable(SecretTokens.hash(secret), now.minus(idle))
                .map(found -> {
                    browsers.touch(List.of(found.browserId()), now);
                    return new Resumed(
                            found.browserId(),
                            new ParleyUser(
                                    new UserId(found.userId()),
                                    found.username(),
                                    found.displayName(),
                                    "[browser]",
                                    true,
                                    found.guest()));
                });
    }

    /** The user's browsers in use, the newest sign-in first. */
    @Transactional(readOnly = true)
    List<Browser> of(UserId user) {
        return browsers.findInUse(user.value(), clock.instant().minus(idle)).stream()
                .map(b -> new Browser(b.id(), b.client(), b.signedInAt()))
                .toList();
    }

    /** The browser with this secret, if any, is signed out. */
    void forget(String secret) {
        browsers.deleteBySecretHash(SecretTokens.hash(secret));
    }

    void forget(UserId user, long id) {
        browsers.deleteOne(user.value(), id);
    }

    /** Signs out every browser of the user but {@code keep} (null: all of them). */
    void forgetAllBut(UserId user, @Nullable Long keep) {
        browsers.deleteAllBut(user.value(), keep == null ? -1 : keep);
    }

    void forgetGuests() {
        browsers.deleteGuests();
    }

    /** Marks these browsers as used now: one statement, however many. */
    void touch(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            browsers.touch(ids, clock.instant());
        }
    }

    /** Deletes the browsers nobody has used for too long; one node of a cluster does it. */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    void sweep() {
        if (claims.claim("accounts:sweep-browsers", Duration.ofMinutes(50))) {
            int deleted = browsers.deleteUnusedBefore(clock.instant().minus(idle));
            log.debug("{} unused signed-in browsers deleted", deleted);
        }
    }
}
