package dev.parley.base;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code storage} component of {@code /actuator/health}: DOWN while writes are refused for lack of space, or while
 * the data folder's disk has less free space than {@code parley.storage.min-free-space}; UP otherwise. The status
 * carries {@link StorageStatus.Snapshot#describe() the sentence the Administration page shows}; the details (free and
 * total space, in bytes) only where details are shown (not by default).
 */
@Component
class StorageHealthIndicator extends AbstractHealthIndicator {

    private final StorageStatus storage;

    StorageHealthIndicator(StorageStatus storage) {
        super("Cannot read the free space of the data folder");
        this.storage = storage;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        StorageStatus.Snapshot disk = storage.snapshot();
        boolean down = disk.full() || disk.low();
        builder.status(new Status(down ? Status.DOWN.getCode() : Status.UP.getCode(), disk.describe()))
                .withDetail("full", disk.full())
                .withDetail("freeBytes", disk.freeBytes())
                .withDetail("totalBytes", disk.totalBytes())
                .withDetail("minFreeBytes", disk.minFreeBytes());
    }
}
