package dev.parley.files;

import java.nio.file.Path;

/**
 * A file (or its thumbnail) the caller may read, as the download endpoint serves it.
 *
 * @param path where the bytes are, under the data folder's {@code uploads/}
 * @param mediaType the type detected from the content when it was uploaded (for a thumbnail, the thumbnail's)
 * @param name the safe display name, for {@code Content-Disposition}
 * @param size the number of bytes at {@code path}
 * @param inline whether a browser may show it in the page: only raster images (PNG, JPEG, GIF, WebP) and thumbnails;
 *     everything else is a download
 */
public record FileContent(Path path, String mediaType, String name, long size, boolean inline) {}
