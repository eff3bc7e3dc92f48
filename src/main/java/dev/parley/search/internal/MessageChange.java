package dev.parley.search.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A message's latest change as the database has it: the catch-up checks that the index holds this version of it (or no
 * document at all, for a deleted message).
 */
public record MessageChange(long id, long version, @Nullable Instant deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
