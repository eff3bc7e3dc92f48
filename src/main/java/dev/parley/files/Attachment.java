package dev.parley.files;

import dev.parley.base.ByteSizes;

/**
 * A file as messages show it: views render it, the REST API lists it in a message's {@code attachments}.
 *
 * @param name the safe display name (one path segment, no control or bidi characters, at most {@value #NAME_MAX_LENGTH}
 *     characters: a longer name is shortened, its extension kept)
 * @param mediaType the type detected from the content, such as {@code image/png} or {@code application/pdf}
 * @param size in bytes
 * @param width the image's width in pixels; 0 for a file that is not a raster image
 * @param height the image's height in pixels; 0 for a file that is not a raster image
 */
public record Attachment(FileId id, String name, String mediaType, long size, int width, int height) {

    /** The longest display name; a longer one is shortened to this, its extension kept. */
    public static final int NAME_MAX_LENGTH = 255;

    /** Whether it is a raster image with a thumbnail, shown inline rather than as a download link. */
    public boolean image() {
        return width > 0 && height > 0;
    }

    /** Where the browser downloads or views it, with its session; only current members of the room get it. */
    public String url() {
        return "/files/" + id;
    }

    /**
     * Where the browser gets its thumbnail (at most {@value FileService#THUMBNAIL_SIZE} pixels a side); images only.
     */
    public String thumbnailUrl() {
        return "/files/" + id + "/thumbnail";
    }

    /** The size for people: "512 B", "12 KB", "3.4 MB". */
    public String humanSize() {
        return formatSize(size);
    }

    /** A number of bytes for people ({@link ByteSizes#format}): "12 KB", "3.4 MB", "10 MB". */
    public static String formatSize(long bytes) {
        return ByteSizes.format(bytes);
    }
}
