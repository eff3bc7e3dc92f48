package dev.parley.accounts.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface SignedInBrowserRepository extends JpaRepository<SignedInBrowser, Long> {

    /** What resuming a sign-in needs, in one statement: the browser and its user, if the user may still sign in. */
    record Resumable(long browserId, long userId, String username, String displayName, boolean guest) {}

    /** The browser with this secret, used since {@code since}, and its user, unless the account is disabled. */
    @Query("""
            select new dev.parley.accounts.internal.SignedInBrowserRepository$Resumable(
                b.id, u.id, u.username, u.displayName, u.guest)
            from SignedInBrowser b join User u on u.id = b.userId
            where b.secretHash = :secretHash and b.lastUsedAt >= :since and u.disabled = false""")
    Optional<Resumable> findResumable(String secretHash, Instant since);

    /** The user's browsers used since {@code since}, the newest sign-in first. */
    @Query("""
            select b from SignedInBrowser b
            where b.userId = :userId and b.lastUsedAt >= :since
            order by b.signedInAt desc, b.id desc""")
    List<SignedInBrowser> findInUse(long userId, Instant since);

    @Modifying
    @Query("update SignedInBrowser b set b.lastUsedAt = :instant where b.id in :ids")
    int touch(Collection<Long> ids, Instant instant);

    @Modifying
    @Query("delete from SignedInBrowser b where b.secretHash = :secretHash")
    int deleteBySecretHash(String secretHash);

    @Modifying
    @Query("delete from SignedInBrowser b where b.userId = :userId and b.id = :id")
    int deleteOne(long userId, long id);

    /** Deletes the user's browsers but {@code keep} (-1: all of them). */
    @Modifying
    @Query("delete from SignedInBrowser b where b.userId = :userId and b.id <> :keep")
    int deleteAllBut(long userId, long keep);

    @Modifying
    @Query("delete from SignedInBrowser b where b.userId in (select u.id from User u where u.guest = true)")
    int deleteGuests();

    @Modifying
    @Query("delete from SignedInBrowser b where b.lastUsedAt < :before")
    int deleteUnusedBefore(Instant before);
}
