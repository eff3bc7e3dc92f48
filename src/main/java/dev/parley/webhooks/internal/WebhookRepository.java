package dev.parley.webhooks.internal;

import dev.parley.webhooks.Webhook;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface WebhookRepository extends JpaRepository<Webhook, Long> {

    /** The webhook with this token's hash, unless it was revoked. */
    Optional<Webhook> findByTokenHashAndRevokedAtIsNull(String tokenHash);

    /** The room's webhooks that are not revoked, oldest first. */
    List<Webhook> findByRoomIdAndRevokedAtIsNullOrderByCreatedAtAsc(long roomId);
}
