package dev.parley.accounts.internal;

import dev.parley.accounts.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

public interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    Optional<ApiToken> findByTokenHash(String tokenHash);

    List<ApiToken> findByUserIdOrderByCreatedAtDesc(long userId);

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @Modifying
    @Query("update ApiToken t set t.lastUsedAt = :instant where t.id = :id")
    void recordUse(long id, Instant instant);
}
