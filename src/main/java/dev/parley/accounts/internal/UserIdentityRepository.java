package dev.parley.accounts.internal;

import dev.parley.accounts.UserIdentity;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UserIdentityRepository extends JpaRepository<UserIdentity, Long> {

    Optional<UserIdentity> findByIssuerAndSubject(String issuer, String subject);

    boolean existsByUserId(long userId);
}
