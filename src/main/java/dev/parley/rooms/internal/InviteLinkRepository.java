package dev.parley.rooms.internal;

import dev.parley.rooms.InviteLink;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface InviteLinkRepository extends JpaRepository<InviteLink, Long> {

    Optional<InviteLink> findByTokenHash(String tokenHash);

    /** The room's links that are not revoked, newest first. */
    List<InviteLink> findByRoomIdAndRevokedAtIsNullOrderByCreatedAtDesc(long roomId);

    /**
     * Counts one use, unless the link is used up: 0 rows then. One statement, so that two people opening the last use
     * at once cannot both get in.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update InviteLink l set l.uses = l.uses + 1
            where l.id = :id and (l.maxUses is null or l.uses < l.maxUses)""")
    int countUse(long id);
}
