package dev.parley.base;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * When the data folder's disk counts as nearly full ({@link StorageStatus}): the health endpoint and the Administration
 * page say so below this much free space, before writes start failing.
 *
 * @param minFreeSpace free space on the data folder's file system below which it counts as nearly full; also how much
 *     must be freed after a write was refused for lack of space before the disk counts as no longer full (10 MB, as
 *     Spring Boot's own disk-space check)
 */
@ConfigurationProperties("parley.storage")
public record StorageProperties(@DefaultValue("10MB") DataSize minFreeSpace) {

    public StorageProperties {
        if (minFreeSpace.isNegative()) {
            throw new IllegalArgumentException("parley.storage.min-free-space cannot be negative");
        }
    }
}
