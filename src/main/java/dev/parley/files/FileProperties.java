package dev.parley.files;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What may be uploaded. The UI reuses these limits (the upload component's maximum size and file count).
 *
 * @param maxSize the largest file
 * @param maxFilesPerMessage how many files one message may carry
 * @param allowedTypes the media types accepted, as detected from the content (never from the name or the browser)
 * @param quota how many bytes one user may store in all (pending uploads included); null for no limit
 * @param maxPixels the largest image, in pixels (width × height), checked from its header before it is decoded
 * @param orphanGracePeriod how old a file in the uploads folder that no row refers to must be before the sweep removes
 *     it: longer than any upload takes from its last written byte to its row's commit, so that an upload in progress is
 *     never taken for one a crash interrupted
 * @param imageDecoders how many images the whole server decodes at once (thumbnails and pictures); null for half the
 *     processors, at least one, so that image work never takes the whole machine
 * @param imageDecoderWait how long an upload waits for a free decoder before it is refused as "busy" (the REST API
 *     answers 503 with {@code Retry-After}); the UI says that it is waiting meanwhile
 */
@ConfigurationProperties("parley.files")
public record FileProperties(
        @DefaultValue("10MB") DataSize maxSize,
        @DefaultValue("3") int maxFilesPerMessage,

        @DefaultValue({
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "application/pdf",
            "text/plain",
            "text/markdown",
            "text/csv",
            "application/zip",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation",
            "application/msword",
            "application/vnd.ms-excel",
            "application/vnd.ms-powerpoint"
        })
        List<String> allowedTypes,

        @Nullable DataSize quota,
        @DefaultValue("50000000") long maxPixels,
        @DefaultValue("1h") Duration orphanGracePeriod,
        @Nullable Integer imageDecoders,
        @DefaultValue("30s") Duration imageDecoderWait) {

    /**
     * The shortest grace period allowed: an upload's row is committed at most the writer's queue timeout (30 s by
     * default) after its last byte is written, plus the time to rename its files.
     */
    static final Duration MIN_ORPHAN_GRACE_PERIOD = Duration.ofMinutes(5);

    public FileProperties {
        if (maxSize.toBytes() < 1) {
            throw new IllegalArgumentException("parley.files.max-size must be at least 1 byte");
        }
        if (maxFilesPerMessage < 1) {
            throw new IllegalArgumentException("parley.files.max-files-per-message must be at least 1");
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("parley.files.max-pixels must be at least 1");
        }
        if (orphanGracePeriod.compareTo(MIN_ORPHAN_GRACE_PERIOD) < 0) {
            throw new IllegalArgumentException("parley.files.orphan-grace-period must be at least "
                    + MIN_ORPHAN_GRACE_PERIOD.toMinutes() + " minutes: an upload in progress must never look orphaned");
        }
        if (quota != null && quota.toBytes() < 1) {
            throw new IllegalArgumentException("parley.files.quota must be at least 1 byte, or unset for no limit");
        }
        if (imageDecoders != null && imageDecoders < 1) {
            throw new IllegalArgumentException(
                    "parley.files.image-decoders must be at least 1, or unset for half the processors");
        }
        if (imageDecoderWait.isNegative()) {
            throw new IllegalArgumentException("parley.files.image-decoder-wait must not be negative");
        }
        allowedTypes = List.copyOf(allowedTypes);
    }

    /** How many images the server decodes at once: as configured, or half the processors (at least one). */
    public int decoders() {
        return imageDecoders != null
                ? imageDecoders
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
