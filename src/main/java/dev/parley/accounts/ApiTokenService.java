package dev.parley.accounts;

import dev.parley.accounts.internal.ApiTokenRepository;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.SecretTokens;
import dev.parley.base.StorageStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues, lists, revokes and checks REST API tokens. */
@Service
@Transactional
public class ApiTokenService {

    private static final Logger log = LoggerFactory.getLogger(ApiTokenService.class);

    /** Every Parley token starts with it, which tells it from a single sign-on provider's access token (a JWT). */
    private static final String PREFIX = "parley_";
    /** Recording every use would make every API call a write; once a minute is enough to tell. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    /** Checked when the username does not exist, so that the answer takes as long as for a wrong password. */
    private static final String DUMMY_PASSWORD = "not-a-real-password";

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final String dummyHash;

    private final AccountProperties properties;
    private final SignInThrottle throttle;

    ApiTokenService(
            ApiTokenRepository tokens,
            UserRepository users,
            PasswordEncoder passwordEncoder,
            AccountProperties properties,
            SignInThrottle throttle,
            Clock clock) {
        this.properties = properties;
        this.throttle = throttle;
        this.tokens = tokens;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.dummyHash = passwordEncoder.encode(DUMMY_PASSWORD);
    }

    /** Whether the bearer value is meant as a Parley token (and not, say, a provider's JWT). */
    public static boolean isParleyToken(String bearer) {
        return bearer.startsWith(PREFIX);
    }

    /**
     * Issues a token to the user.
     *
     * @throws NotAllowedException for a guest: guests do not use the REST API
     * @throws InvalidInputException when the name is too long
     */
    public NewApiToken create(UserId owner, String name) {
        if (users.findById(owner.value()).map(User::guest).orElse(false)) {
            throw new NotAllowedException("Guests cannot create API tokens");
        }
        String label = name.strip();
        if (label.isEmpty()) {
            label = "API token";
        }
        if (label.length() > ApiToken.NAME_MAX_LENGTH) {
            throw new InvalidInputException("Token name must be at most " + ApiToken.NAME_MAX_LENGTH + " characters");
        }
        String token = SecretTokens.newToken(PREFIX, 32);
        ApiToken saved = tokens.save(new ApiToken(owner, label, SecretTokens.hash(token), clock.instant()));
        return new NewApiToken(saved.info(), token);
    }

    /**
     * Checks a username and password and, when they match, issues a token. Empty when they do not, with the same answer
     * whether or not the username exists (or has no password, or is disabled: the right password of a disabled account
     * is answered as a wrong one, so that it tells nothing). Every check goes through the {@link SignInThrottle} of the
     * account and the remote address.
     *
     * @throws NotAllowedException when passwords are turned off ({@link AccountProperties#localPasswords()})
     * @throws TooManySignInsException when the account or the address has failed too often lately; the password is not
     *     checked
     */
    public Optional<NewApiToken> createForCredentials(
            String username, String password, String name, String remoteAddress) {
        if (!properties.localPasswords()) {
            throw new NotAllowedException("Passwords are turned off on this server: create a token on your Profile "
                    + "page, or send an access token of the single sign-on provider");
        }
        try (SignInThrottle.Attempt attempt = throttle.password(username, remoteAddress)) {
            Optional<User> user = users.findByUsername(AccountService.normalizeUsername(username))
                    .filter(User::hasPassword);
            String hash = user.map(User::passwordHash).orElse(dummyHash);
            boolean matches = passwordEncoder.matches(password, hash);
            if (user.isEmpty() || !matches || user.get().disabled()) {
                return Optional.empty();
            }
            attempt.succeeded();
            return Optional.of(create(user.get().id(), name));
        }
    }

    @Transactional(readOnly = true)
    public List<ApiTokenInfo> list(UserId owner) {
        return tokens.findByUserIdOrderByCreatedAtDesc(owner.value()).stream()
                .map(ApiToken::info)
                .toList();
    }

    public void revoke(UserId owner, long tokenId) {
        ApiToken token = tokens.findById(tokenId)
                .filter(t -> t.userId().equals(owner))
                .orElseThrow(() -> new NotFoundException("No such token"));
        tokens.delete(token);
    }

    /**
     * The user a token belongs to, if the token is valid. Checking a token is a read-only transaction (the reader
     * pool); only the occasional last-used stamp takes the writer, in a transaction of its own.
     */
    @Transactional(readOnly = true)
    public Optional<ParleyUser> authenticate(String token) {
        if (!token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        // Every API call comes through here: the token and its user in one statement.
        return tokens.findBearer(SecretTokens.hash(token)).map(bearer -> {
            Instant now = clock.instant();
            Instant lastUsed = bearer.lastUsedAt();
            if (lastUsed == null || lastUsed.plus(LAST_USED_PRECISION).isBefore(now)) {
                recordUse(bearer.tokenId(), now);
            }
            return new ParleyUser(new UserId(bearer.userId()), bearer.username(), bearer.displayName(), "[token]");
        });
    }

    /**
     * Stamps the token's last use, in a write transaction of its own. On a full disk the stamp cannot be written, and
     * it is not worth refusing the request for: the call goes on, and a call that writes says that storage is full.
     */
    private void recordUse(long tokenId, Instant now) {
        try {
            tokens.recordUse(tokenId, now);
        } catch (RuntimeException e) {
            if (!StorageStatus.isStorageFull(e)) {
                throw e;
            }
            log.debug("Token {} used at {}; not stamped, the disk is full", tokenId, now, e);
        }
    }
}
