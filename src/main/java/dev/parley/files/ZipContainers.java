package dev.parley.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * What a ZIP file is, from what is inside it: an Office Open XML document (docx, xlsx, pptx, and their macro and
 * template kinds) by the content type of the part that its package relationships name as the main document, an
 * OpenDocument file (or another package that names its type, such as EPUB) by its {@code mimetype} entry, and a plain
 * ZIP archive otherwise. A file whose archive cannot be opened is damaged, whatever its first bytes say.
 *
 * <p>Only the central directory and the two or three small entries that tell the type are read, each at most
 * {@value #MAX_PART_SIZE} bytes, so that a ZIP bomb costs no more than an honest file. Apache Tika's own ZIP container
 * detection lives in its parser modules: OOXML's needs Apache POI (35 MB of jars with its dependencies), and its
 * streaming detector takes a damaged archive for a plain ZIP; the JDK's ZIP reader and StAX do what is needed here.
 */
final class ZipContainers {

    /** The OOXML relationship that names a package's main document (transitional, then strict). */
    private static final String OFFICE_DOCUMENT =
            "http://schemas.openxmlformats.org/officeDocument/2006/" + "relationships/officeDocument";

    private static final String STRICT_OFFICE_DOCUMENT =
            "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";

    /** The content type of an OOXML package's main part, to the media type of the document. */
    private static final Map<String, String> OOXML_MAIN_PARTS = Map.ofEntries(
            ooxml("wordprocessingml.document.main+xml", "wordprocessingml.document"),
            ooxml("wordprocessingml.template.main+xml", "wordprocessingml.template"),
            ooxml("spreadsheetml.sheet.main+xml", "spreadsheetml.sheet"),
            ooxml("spreadsheetml.template.main+xml", "spreadsheetml.template"),
            ooxml("presentationml.presentation.main+xml", "presentationml.presentation"),
            ooxml("presentationml.slideshow.main+xml", "presentationml.slideshow"),
            ooxml("presentationml.template.main+xml", "presentationml.template"),
            Map.entry(
                    "application/vnd.ms-word.document.macroenabled.main+xml",
                    "application/vnd.ms-word.document.macroenabled.12"),
            Map.entry(
                    "application/vnd.ms-word.template.macroenabledtemplate.main+xml",
                    "application/vnd.ms-word.template.macroenabled.12"),
            Map.entry(
                    "application/vnd.ms-excel.sheet.macroenabled.main+xml",
                    "application/vnd.ms-excel.sheet.macroenabled.12"),
            Map.entry(
                    "application/vnd.ms-excel.template.macroenabled.main+xml",
                    "application/vnd.ms-excel.template.macroenabled.12"),
            Map.entry(
                    "application/vnd.ms-excel.sheet.binary.macroenabled.main",
                    "application/vnd.ms-excel.sheet.binary.macroenabled.12"),
            Map.entry(
                    "application/vnd.ms-powerpoint.presentation.macroenabled.main+xml",
                    "application/vnd.ms-powerpoint.presentation.macroenabled.12"),
            Map.entry(
                    "application/vnd.ms-powerpoint.slideshow.macroenabled.main+xml",
                    "application/vnd.ms-powerpoint.slideshow.macroenabled.12"),
            Map.entry(
                    "application/vnd.ms-powerpoint.template.macroenabled.main+xml",
                    "application/vnd.ms-powerpoint.template.macroenabled.12"));

    /** An OOXML package whose main document is of none of the kinds above: Tika's name for it. */
    static final String OTHER_OOXML = "application/x-tika-ooxml";

    static final String ZIP = "application/zip";

    /** The most read of an entry that tells the type: real ones are a few kilobytes. */
    static final int MAX_PART_SIZE = 1024 * 1024;

    /** What a {@code mimetype} entry may hold: a media type and nothing else. */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*");

    private static final XMLInputFactory XML = safeXml();

    private ZipContainers() {}

    /** The archive cannot be opened, or a part that tells its type cannot be read. */
    static final class DamagedException extends Exception {
        DamagedException(Throwable cause) {
            super(cause);
        }

        DamagedException(String message) {
            super(message);
        }
    }

    /**
     * The media type of the ZIP file at {@code file}: an OOXML or OpenDocument type, {@link #OTHER_OOXML}, the type an
     * other package's {@code mimetype} entry names, or {@link #ZIP}.
     *
     * @throws DamagedException when the archive, or a part that tells its type, cannot be read
     */
    static String typeOf(Path file) throws DamagedException {
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            ZipEntry contentTypes = zip.getEntry("[Content_Types].xml");
            if (contentTypes != null) {
                return ooxmlType(zip, contentTypes);
            }
            ZipEntry mimetype = zip.getEntry("mimetype");
            if (mimetype != null) {
                return declaredType(zip, mimetype);
            }
            return ZIP;
        } catch (IOException | XMLStreamException | RuntimeException e) {
            throw new DamagedException(e);
        }
    }

    /** An OPC package: its main document's type, from the relationships and the content types. */
    private static String ooxmlType(ZipFile zip, ZipEntry contentTypesEntry)
            throws IOException, XMLStreamException, DamagedException {
        Map<String, String> overrides = new HashMap<>();
        Map<String, String> defaults = new HashMap<>();
        try (InputStream in = read(zip, contentTypesEntry)) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    String contentType = xml.getAttributeValue(null, "ContentType");
                    if (contentType == null) {
                        continue;
                    }
                    switch (xml.getLocalName()) {
                        case "Override" -> put(overrides, xml.getAttributeValue(null, "PartName"), contentType);
                        case "Default" -> put(defaults, xml.getAttributeValue(null, "Extension"), contentType);
                        default -> {}
                    }
                }
            }
        }
        String mainPart = mainPart(zip);
        if (mainPart == null) {
            return OTHER_OOXML;
        }
        ZipEntry main = zip.getEntry(mainPart);
        if (main == null) {
            throw new DamagedException("The package's main part " + mainPart + " is missing");
        }
        try (InputStream in = read(zip, main)) {
            // Its first bytes must inflate: an entry whose data is garbage is a damaged document.
            in.readNBytes(64);
        }
        String contentType = overrides.get(lower("/" + mainPart));
        if (contentType == null) {
            int dot = mainPart.lastIndexOf('.');
            contentType = dot < 0 ? null : defaults.get(lower(mainPart.substring(dot + 1)));
        }
        return contentType == null ? OTHER_OOXML : OOXML_MAIN_PARTS.getOrDefault(lower(contentType), OTHER_OOXML);
    }

    /** The entry name of the part that {@code _rels/.rels} names as the main document, or null when it names none. */
    private static @Nullable String mainPart(ZipFile zip) throws IOException, XMLStreamException, DamagedException {
        ZipEntry rels = zip.getEntry("_rels/.rels");
        if (rels == null) {
            return null;
        }
        try (InputStream in = read(zip, rels)) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT
                        && xml.getLocalName().equals("Relationship")) {
                    String type = xml.getAttributeValue(null, "Type");
                    String target = xml.getAttributeValue(null, "Target");
                    boolean external = "External".equals(xml.getAttributeValue(null, "TargetMode"));
                    if (target != null
                            && !external
                            && (OFFICE_DOCUMENT.equals(type) || STRICT_OFFICE_DOCUMENT.equals(type))) {
                        return target.startsWith("/") ? target.substring(1) : target;
                    }
                }
            }
        }
        return null;
    }

    /** The type a {@code mimetype} entry names (OpenDocument, EPUB); an OpenDocument file needs its manifest too. */
    private static String declaredType(ZipFile zip, ZipEntry entry) throws IOException, DamagedException {
        String declared;
        try (InputStream in = zip.getInputStream(entry)) {
            declared = new String(in.readNBytes(128), StandardCharsets.US_ASCII)
                    .strip()
                    .toLowerCase(Locale.ROOT);
        }
        if (!MEDIA_TYPE.matcher(declared).matches()) {
            return ZIP;
        }
        if (declared.startsWith("application/vnd.oasis.opendocument.")
                && zip.getEntry("META-INF/manifest.xml") == null) {
            throw new DamagedException("An OpenDocument file without its manifest");
        }
        return declared;
    }

    /** An entry's bytes, refused past {@link #MAX_PART_SIZE}: no part that tells a type is that large. */
    private static InputStream read(ZipFile zip, ZipEntry entry) throws IOException, DamagedException {
        if (entry.getSize() > MAX_PART_SIZE) {
            throw new DamagedException(entry.getName() + " is larger than any real one");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes(MAX_PART_SIZE + 1);
        }
        if (bytes.length > MAX_PART_SIZE) {
            throw new DamagedException(entry.getName() + " is larger than any real one");
        }
        return new ByteArrayInputStream(bytes);
    }

    private static void put(Map<String, String> map, @Nullable String key, String value) {
        if (key != null) {
            map.put(lower(key), value);
        }
    }

    /** OPC part names and extensions compare without regard to case. */
    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    private static Map.Entry<String, String> ooxml(String mainPart, String document) {
        String prefix = "application/vnd.openxmlformats-officedocument.";
        return Map.entry(prefix + mainPart, prefix + document);
    }

    /** StAX without DTDs or external entities: these parts come from strangers. */
    private static XMLInputFactory safeXml() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
