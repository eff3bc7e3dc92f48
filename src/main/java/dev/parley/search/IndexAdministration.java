package dev.parley.search;

import dev.parley.accounts.InstanceAdministration;
import dev.parley.accounts.UserId;
import dev.parley.base.NotAllowedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The message index on the Administration page, for instance admins only: its state, the progress of a build, and a
 * full rebuild on demand (after restoring a backup of the database, say). On a cluster the rebuild runs once, on one
 * node, and every node shows its progress.
 */
@Service
public class IndexAdministration {

    private static final Logger log = LoggerFactory.getLogger(IndexAdministration.class);

    private final IndexBuilder builder;
    private final InstanceAdministration administration;

    IndexAdministration(IndexBuilder builder, InstanceAdministration administration) {
        this.builder = builder;
        this.administration = administration;
    }

    /**
     * The index's state and its current or last build.
     *
     * @throws NotAllowedException unless {@code actor} administers the instance
     */
    public IndexStatus status(UserId actor) {
        requireAdmin(actor);
        return builder.status();
    }

    /**
     * Builds the whole index again, in the background; search answers "being built" until it is done.
     *
     * @throws NotAllowedException unless {@code actor} administers the instance
     */
    public void rebuild(UserId actor) {
        requireAdmin(actor);
        log.info("Search index: rebuild asked for by user {}", actor.value());
        builder.requestRebuild();
    }

    private void requireAdmin(UserId actor) {
        if (!administration.isAdmin(actor)) {
            throw new NotAllowedException("Only instance administrators can do this");
        }
    }
}
