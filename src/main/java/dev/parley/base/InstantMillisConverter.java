package dev.parley.base;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Stores instants as milliseconds since the epoch in a BIGINT column: the same value and ordering in SQLite, H2 and
 * PostgreSQL, and no driver-specific date handling.
 */
@Converter(autoApply = true)
public class InstantMillisConverter implements AttributeConverter<Instant, Long> {

    @Override
    public @Nullable Long convertToDatabaseColumn(@Nullable Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    @Override
    public @Nullable Instant convertToEntityAttribute(@Nullable Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
