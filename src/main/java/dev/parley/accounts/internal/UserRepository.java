package dev.parley.accounts.internal;

import dev.parley.accounts.User;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface UserRepository extends JpaRepository<User, Long> {

    Optional<User> findByUsername(String username);

    boolean existsByUsername(String username);

    List<User> findAllByOrderByDisplayNameAsc();

    /** Users whose username or display name (lower case) is like the pattern, escaped with a backslash. */
    @Query("""
            select u from User u
            where u.username like :pattern escape '\\' or lower(u.displayName) like :pattern escape '\\'
            order by u.username""")
    List<User> search(String pattern, Limit limit);

    /** Moves the picture from version {@code from} to {@code from + 1}; 0 rows when it is no longer {@code from}. */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update User u set u.avatarVersion = u.avatarVersion + 1, u.hasAvatar = :present"
            + " where u.id = :id and u.avatarVersion = :from")
    int changeAvatar(long id, int from, boolean present);

    /** The guests among the given users. */
    @Query("select u.id from User u where u.guest = true and u.id in :ids")
    List<Long> findGuestIdsIn(Collection<Long> ids);

    @Modifying
    @Query("update User u set u.lastSeenAt = :instant where u.id in :ids")
    int updateLastSeen(Collection<Long> ids, Instant instant);
}
