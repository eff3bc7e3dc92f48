package dev.parley.accounts.internal;

import dev.parley.accounts.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

public interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    /** What a bearer token's check needs, in one statement: the token's use and its user, if it may still sign in. */
    record Bearer(long tokenId, @Nullable Instant lastUsedAt, long userId, String username, String displayName) {}

    /**
     * The token with this hash and its user, unless the user is disabled or a guest: a disabled account's tokens stop
     * working at once, since this is read on every call.
     */
    @Query("""
            select new dev.parley.accounts.internal.ApiTokenRepository$Bearer(
                t.id, t.lastUsedAt, u.id, u.username, u.displayName)
            from ApiToken t join User u on u.id = t.userId
            where t.tokenHash = :tokenHash and u.disabled = false and u.guest = false""")
    Optional<Bearer> findBearer(String tokenHash);

    List<ApiToken> findByUserIdOrderByCreatedAtDesc(long userId);

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @Modifying
    @Query("update ApiToken t set t.lastUsedAt = :instant where t.id = :id")
    void recordUse(long id, Instant instant);
}
