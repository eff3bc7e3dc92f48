package dev.parley.accounts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What the owner sees of a token in the list: never the token itself. */
public record ApiTokenInfo(
        long id, String name, Instant createdAt, @Nullable Instant lastUsedAt) {}
