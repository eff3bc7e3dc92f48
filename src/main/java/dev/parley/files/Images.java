package dev.parley.files;

import dev.parley.files.FileRefusedException.Reason;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Raster images: their dimensions from the header alone, and a bounded thumbnail or a square picture. An image is
 * decoded only after its declared size passed the pixel limit, only while it holds one of the server's
 * {@link ImageDecoders}, and then with subsampling, so that decoding never holds much more than the thumbnail's pixels
 * twice over, whatever the image claims.
 */
final class Images {

    /** What an image became: its real dimensions and its thumbnail's media type. */
    record Thumbnail(int width, int height, String mediaType) {}

    private Images() {}

    /**
     * Checks the image's declared dimensions, then, holding a decoder, writes a thumbnail that fits {@code size} ×
     * {@code size} (never enlarged): PNG when the image has transparency, JPEG otherwise.
     *
     * @param decoding the server's decoders, and what to tell when the image must wait for one
     * @throws FileRefusedException {@link Reason#TOO_MANY_PIXELS} over {@code maxPixels}, before any decoding or
     *     waiting; {@link Reason#CONTENT_MISMATCH} when the content cannot be read as an image of its type
     * @throws DecodersBusyException when no decoder came free in time
     */
    static Thumbnail thumbnail(
            Path image, String mediaType, String name, long maxPixels, int size, Path target, Turn decoding)
            throws IOException {
        return read(image, mediaType, name, maxPixels, decoding, (reader, width, height) -> {
            BufferedImage decoded = decode(reader, width, height, size, name, null);
            boolean alpha = decoded.getColorModel().hasAlpha();
            BufferedImage small = scaled(decoded, width, height, size, alpha);
            String thumbnailType = alpha ? "image/png" : "image/jpeg";
            write(small, thumbnailType, target);
            return new Thumbnail(width, height, thumbnailType);
        });
    }

    /**
     * Checks the image's declared dimensions like {@link #thumbnail}, then writes its centre square scaled to exactly
     * {@code size} × {@code size} (a picture of a person: smaller images are enlarged): PNG when the image has
     * transparency, JPEG otherwise. Only the centre square is decoded, subsampled as for a thumbnail.
     *
     * @throws FileRefusedException as {@link #thumbnail} does
     */
    static Thumbnail square(
            Path image, String mediaType, String name, long maxPixels, int size, Path target, Turn decoding)
            throws IOException {
        return read(image, mediaType, name, maxPixels, decoding, (reader, width, height) -> {
            int side = Math.min(width, height);
            Rectangle centre = new Rectangle((width - side) / 2, (height - side) / 2, side, side);
            BufferedImage decoded = decode(reader, side, side, size, name, centre);
            // A reader that ignored the region gave the whole image: its centre square is what is wanted still.
            int decodedSide = Math.min(decoded.getWidth(), decoded.getHeight());
            BufferedImage cropped = decoded.getSubimage(
                    (decoded.getWidth() - decodedSide) / 2,
                    (decoded.getHeight() - decodedSide) / 2,
                    decodedSide,
                    decodedSide);
            boolean alpha = cropped.getColorModel().hasAlpha();
            BufferedImage small = resized(cropped, size, size, alpha);
            String squareType = alpha ? "image/png" : "image/jpeg";
            write(small, squareType, target);
            return new Thumbnail(width, height, squareType);
        });
    }

    /** The server's decoders, and what to tell when the image must wait for one of them. */
    record Turn(ImageDecoders decoders, Runnable waiting) {}

    /** What is done with an image whose header was read and whose size is allowed. */
    @FunctionalInterface
    private interface Decoding {
        Thumbnail apply(ImageReader reader, int width, int height) throws IOException;
    }

    /**
     * Opens the image, reads its dimensions from the header and refuses too many pixels, then decodes it holding a
     * decoder.
     */
    private static Thumbnail read(
            Path image, String mediaType, String name, long maxPixels, Turn turn, Decoding decoding)
            throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(image.toFile())) {
            ImageReader reader = readerFor(input, mediaType, name);
            try {
                reader.setInput(input, true, true);
                int width;
                int height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw unreadable(name, e);
                }
                if (width < 1 || height < 1) {
                    throw unreadable(name, null);
                }
                if ((long) width * height > maxPixels) {
                    throw new FileRefusedException(
                            Reason.TOO_MANY_PIXELS,
                            String.format(
                                    Locale.ROOT,
                                    "%s is %d × %d pixels; images can be at most %s",
                                    name,
                                    width,
                                    height,
                                    megapixels(maxPixels)));
                }
                int w = width;
                int h = height;
                return turn.decoders().decode(name, turn.waiting(), () -> decoding.apply(reader, w, h));
            } finally {
                reader.dispose();
            }
        }
    }

    private static ImageReader readerFor(ImageInputStream input, String mediaType, String name) {
        if (input == null) {
            throw unreadable(name, null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mediaType);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + mediaType + ": is its plugin on the classpath?");
        }
        return readers.next();
    }

    /**
     * Decodes the first frame (only {@code region} of it, when given: {@code width} × {@code height} is then the
     * region's size), subsampled to no less than twice the thumbnail's size.
     */
    private static BufferedImage decode(
            ImageReader reader, int width, int height, int size, String name, @Nullable Rectangle region) {
        ImageReadParam param = reader.getDefaultReadParam();
        if (region != null) {
            param.setSourceRegion(region);
        }
        int step = Math.max(1, Math.max(width, height) / (2 * size));
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        try {
            return reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw unreadable(name, e);
        }
    }

    /** Fits the image into {@code size} × {@code size}, keeping its proportions, never enlarging it. */
    private static BufferedImage scaled(BufferedImage source, int width, int height, int size, boolean alpha) {
        double factor = Math.min(1.0, Math.min((double) size / width, (double) size / height));
        int w = Math.max(1, (int) Math.round(width * factor));
        int h = Math.max(1, (int) Math.round(height * factor));
        return resized(source, w, h, alpha);
    }

    private static BufferedImage resized(BufferedImage source, int w, int h, boolean alpha) {
        BufferedImage result =
                new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = result.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return result;
    }

    private static void write(BufferedImage image, String mediaType, Path target) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByMIMEType(mediaType).next();
        try (OutputStream out = Files.newOutputStream(target);
                ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteCompressed() && mediaType.equals("image/jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.85f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static String megapixels(long pixels) {
        return pixels % 1_000_000 == 0
                ? pixels / 1_000_000 + " megapixels"
                : String.format(Locale.ROOT, "%,d pixels", pixels);
    }

    private static FileRefusedException unreadable(String name, @Nullable Throwable cause) {
        FileRefusedException refused =
                new FileRefusedException(Reason.CONTENT_MISMATCH, name + ": this image cannot be read");
        if (cause != null) {
            refused.initCause(cause);
        }
        return refused;
    }
}
