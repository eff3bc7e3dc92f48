package dev.parley.files;

import dev.parley.files.FileRefusedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Decides a file's type from its content with Apache Tika's magic bytes, and checks it against the allowed types and
 * against the type its name claims. The name may only narrow the content's type (a ZIP named {@code .docx} is a Word
 * document; a text named {@code .csv} is CSV), never replace it: an HTML page named {@code .png} is refused as a
 * mismatch, an SVG as a type not allowed.
 */
final class FileTypes {

    /** Raster images: shown inline and given a thumbnail. */
    static final Set<String> RASTER_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    /** Tika's names for types whose registered name differs, to the registered one. */
    private static final Map<String, String> STANDARD_NAMES = Map.of("text/x-web-markdown", "text/markdown");

    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();
    private final MediaTypeRegistry registry = mimeTypes.getMediaTypeRegistry();
    private final Set<String> allowed;

    FileTypes(Collection<String> allowedTypes) {
        this.allowed = allowedTypes.stream().map(this::canonical).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The type of the content, if allowed and consistent with the name.
     *
     * @param content the content from its start; read up to Tika's magic length (it must support mark and reset)
     * @param name the safe display name
     * @return the media type, by its standard name ("text/markdown", not Tika's "text/x-web-markdown")
     * @throws FileRefusedException with {@link Reason#TYPE_NOT_ALLOWED} or {@link Reason#CONTENT_MISMATCH}
     */
    String detect(InputStream content, String name) throws IOException {
        MediaType byContent = mimeTypes.detect(content, new Metadata());
        MediaType byName = mimeTypes.getMimeType(name).getType();
        boolean nameSaysNothing = byName.equals(MediaType.OCTET_STREAM);
        // The name narrows the content's type only to one of its subtypes: docx within ZIP, CSV within text.
        MediaType type = !nameSaysNothing && registry.isInstanceOf(byName, byContent) ? byName : byContent;
        boolean known = !byContent.equals(MediaType.OCTET_STREAM);
        boolean matchesName = nameSaysNothing || registry.isInstanceOf(type, byName);
        if (known && matchesName && allowed.contains(standardName(type))) {
            return standardName(type);
        }
        if (!nameSaysNothing && allowed.contains(standardName(byName))) {
            throw new FileRefusedException(Reason.CONTENT_MISMATCH, name + ": its content does not match its name");
        }
        throw new FileRefusedException(Reason.TYPE_NOT_ALLOWED, name + ": this type of file is not allowed");
    }

    static boolean rasterImage(String mediaType) {
        return RASTER_IMAGES.contains(mediaType);
    }

    private String canonical(String mediaType) {
        MediaType parsed = MediaType.parse(mediaType.strip().toLowerCase(Locale.ROOT));
        if (parsed == null) {
            throw new IllegalArgumentException("parley.files.allowed-types: not a media type: " + mediaType);
        }
        String name = registry.normalize(parsed.getBaseType()).toString();
        return STANDARD_NAMES.getOrDefault(name, name);
    }

    private String standardName(MediaType type) {
        String name = registry.normalize(type.getBaseType()).toString();
        return STANDARD_NAMES.getOrDefault(name, name);
    }
}
