package dev.parley.files;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Files for upload tests, made in code: real images, a minimal PDF, and hostile content. */
public final class TestFiles {

    private TestFiles() {}

    /** A real PNG of this size, opaque, with a diagonal so that scaling has something to do. */
    public static byte[] png(int width, int height) {
        return image(width, height, BufferedImage.TYPE_INT_RGB, "png");
    }

    /** A real PNG with transparency. */
    public static byte[] transparentPng(int width, int height) {
        return image(width, height, BufferedImage.TYPE_INT_ARGB, "png");
    }

    public static byte[] jpeg(int width, int height) {
        return image(width, height, BufferedImage.TYPE_INT_RGB, "jpeg");
    }

    /**
     * A PNG whose header declares {@code width} × {@code height} pixels, followed by a few bytes of image data: it can
     * only be refused quickly if nobody tries to decode it.
     */
    public static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13);
        header.putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        chunk(out, "IHDR", header.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A minimal, valid PDF of one empty page. */
    public static byte[] pdf() {
        return ("%PDF-1.4\n"
                        + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                        + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                        + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
                        + "trailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A minimal Word document: a main part that the package's relationships and content types name. */
    public static byte[] docx() {
        return ooxml("word/document.xml", "wordprocessingml.document.main+xml");
    }

    /** A minimal Excel workbook. */
    public static byte[] xlsx() {
        return ooxml("xl/workbook.xml", "spreadsheetml.sheet.main+xml");
    }

    /** A minimal OpenDocument text: its {@code mimetype} entry first, and its manifest. */
    public static byte[] odt() {
        return zip(
                "mimetype",
                "application/vnd.oasis.opendocument.text",
                "META-INF/manifest.xml",
                "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>",
                "content.xml",
                "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>");
    }

    /** A plain ZIP archive of one text file. */
    public static byte[] zip() {
        return zip("notes.txt", "hello");
    }

    /** The start of a ZIP's first entry, then garbage: no archive can be read from it (11 bytes). */
    public static byte[] brokenZip() {
        return new byte[] {'P', 'K', 3, 4, 'g', 'a', 'r', 'b', 'a', 'g', 'e'};
    }

    /** An OOXML package whose main part at {@code mainPart} has the content type {@code mainType}. */
    private static byte[] ooxml(String mainPart, String mainType) {
        return zip(
                "[Content_Types].xml",
                "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/" + mainPart
                        + "\" ContentType=\"application/vnd.openxmlformats-officedocument."
                        + mainType + "\"/></Types>",
                "_rels/.rels",
                "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                        + "relationships/officeDocument\" Target=\"" + mainPart + "\"/></Relationships>",
                mainPart,
                "<?xml version=\"1.0\"?><document/>");
    }

    /** A ZIP of the given entries: name, then content, for each. */
    private static byte[] zip(String... namesAndContents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] html() {
        return "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] svgWithScript() {
        return ("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                        + "<script>alert(document.cookie)</script></svg>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The start of a Windows executable. */
    public static byte[] exe() {
        byte[] bytes = new byte[512];
        bytes[0] = 'M';
        bytes[1] = 'Z';
        bytes[0x3c] = (byte) 0x80;
        bytes[0x80] = 'P';
        bytes[0x81] = 'E';
        return bytes;
    }

    public static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    /** {@code size} bytes that start like a text file, made as they are read: nothing this big is held in memory. */
    public static InputStream textOfSize(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return 'a';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                Arrays.fill(buffer, offset, offset + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
    }

    private static byte[] image(int width, int height, int type, String format) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(30, 120, 200, 255));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(250, 200, 40, 200));
            g.drawLine(0, 0, width - 1, height - 1);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
