package dev.parley.accounts.internal;

import dev.parley.accounts.User;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UserRepository extends JpaRepository<User, Long> {

    Optional<User> findByUsername(String username);

    boolean existsByUsername(String username);

    List<User> findByIdIn(Collection<Long> ids);

    List<User> findAllByOrderByDisplayNameAsc();
}
