package dev.parley.files;

import org.springframework.core.io.Resource;

/**
 * A file (or its thumbnail) the caller may read, as the download endpoint serves it.
 *
 * @param content its bytes in the {@link FileStore}, read when the answer is written (a file of the data folder, or an
 *     object of the bucket fetched then)
 * @param mediaType the type detected from the content when it was uploaded (for a thumbnail, the thumbnail's)
 * @param name the safe display name, for {@code Content-Disposition}
 * @param size the number of bytes of {@code content}
 * @param inline whether a browser may show it in the page: only raster images (PNG, JPEG, GIF, WebP) and thumbnails;
 *     everything else is a download
 */
public record FileContent(Resource content, String mediaType, String name, long size, boolean inline) {}
