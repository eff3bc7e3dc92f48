package dev.parley.accounts.internal;

import dev.parley.accounts.User;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface UserRepository extends JpaRepository<User, Long> {

    Optional<User> findByUsername(String username);

    boolean existsByUsername(String username);

    List<User> findByIdIn(Collection<Long> ids);

    List<User> findAllByOrderByDisplayNameAsc();

    @Modifying
    @Query("update User u set u.lastSeenAt = :instant where u.id in :ids")
    int updateLastSeen(Collection<Long> ids, Instant instant);
}
