package dev.parley.files;

import dev.parley.files.FileRefusedException.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * Decides a file's type from its content, and checks it against the allowed types and against the type its name claims.
 * Apache Tika's magic bytes tell the kind of content; a ZIP is then looked into ({@link ZipContainers}): an Office or
 * OpenDocument file is recognised by the parts inside, whatever its name, and an archive that cannot be opened is
 * refused as damaged. Only where the content cannot tell subtypes apart does the name choose among them: a text named
 * {@code .csv} is CSV, an OLE2 compound file named {@code .doc} a Word 97 document. An HTML page named {@code .png} is
 * refused as a mismatch, an SVG as a type not allowed.
 */
final class FileTypes {

    /** Raster images: shown inline and given a thumbnail. */
    static final Set<String> RASTER_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    /** The names of ZIP-based types in refusals: "report.docx is not a valid Word document". */
    private static final Map<String, String> LABELS = Map.of(
            "application/zip",
            "ZIP archive",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel workbook",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "PowerPoint presentation",
            "application/vnd.oasis.opendocument.text",
            "OpenDocument text",
            "application/vnd.oasis.opendocument.spreadsheet",
            "OpenDocument spreadsheet",
            "application/vnd.oasis.opendocument.presentation",
            "OpenDocument presentation",
            ZipContainers.OTHER_OOXML,
            "Office Open XML document");

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
     * @param file the uploaded bytes
     * @param name the safe display name
     * @return the media type, by its standard name ("text/markdown", not Tika's "text/x-web-markdown")
     * @throws FileRefusedException with {@link Reason#TYPE_NOT_ALLOWED} or {@link Reason#CONTENT_MISMATCH} (a damaged
     *     ZIP, or a ZIP that is not the document its name says, too)
     */
    String detect(Path file, String name) throws IOException {
        MediaType magic;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            magic = mimeTypes.detect(in, new Metadata());
        }
        MediaType byName = mimeTypes.getMimeType(name).getType();
        boolean nameSaysNothing = byName.equals(MediaType.OCTET_STREAM);
        if (registry.isInstanceOf(magic, MediaType.APPLICATION_ZIP)) {
            return container(file, name, byName, nameSaysNothing);
        }
        // The name narrows the content's type only to one of its subtypes: CSV within text, a Word 97 file within OLE2.
        MediaType type = !nameSaysNothing && registry.isInstanceOf(byName, magic) ? byName : magic;
        boolean known = !magic.equals(MediaType.OCTET_STREAM);
        boolean matchesName = nameSaysNothing || registry.isInstanceOf(type, byName);
        if (known && matchesName && allowed.contains(standardName(type))) {
            return standardName(type);
        }
        if (!nameSaysNothing && allowed.contains(standardName(byName))) {
            throw mismatch(name);
        }
        throw notAllowed(name);
    }

    /** A ZIP, by what is inside it; the name only has to agree. */
    private String container(Path file, String name, MediaType byName, boolean nameSaysNothing) {
        MediaType inside;
        try {
            inside = MediaType.parse(ZipContainers.typeOf(file));
        } catch (ZipContainers.DamagedException e) {
            boolean claimsAContainer = registry.isInstanceOf(byName, MediaType.APPLICATION_ZIP);
            if (!nameSaysNothing && !claimsAContainer) {
                throw mismatch(name);
            }
            FileRefusedException damaged = new FileRefusedException(
                    Reason.CONTENT_MISMATCH,
                    name + " is not a valid " + label(nameSaysNothing ? MediaType.APPLICATION_ZIP : byName)
                            + " (the file is damaged)");
            damaged.initCause(e);
            throw damaged;
        }
        boolean matchesName = nameSaysNothing || registry.isInstanceOf(inside, byName);
        if (matchesName && allowed.contains(standardName(inside))) {
            return standardName(inside);
        }
        if (!matchesName && allowed.contains(standardName(byName))) {
            throw new FileRefusedException(
                    Reason.CONTENT_MISMATCH,
                    name + " is not a valid " + label(byName) + ": it is " + withArticle(label(inside)));
        }
        throw notAllowed(name);
    }

    /** What people call a type in a sentence: "Word document"; Tika's description for others. */
    private String label(MediaType type) {
        String known = LABELS.get(standardName(type));
        if (known != null) {
            return known;
        }
        try {
            String description = mimeTypes.forName(type.toString()).getDescription();
            return description.isBlank() ? type.toString() + " file" : description;
        } catch (MimeTypeException e) {
            return type.toString() + " file";
        }
    }

    private static String withArticle(String label) {
        return ("AEIOU".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }

    private static FileRefusedException mismatch(String name) {
        return new FileRefusedException(Reason.CONTENT_MISMATCH, name + ": its content does not match its name");
    }

    private static FileRefusedException notAllowed(String name) {
        return new FileRefusedException(Reason.TYPE_NOT_ALLOWED, name + ": this type of file is not allowed");
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
