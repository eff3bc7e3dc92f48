package dev.parley.files;

import dev.parley.base.VisibleText;
import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * Turns the name a client sent into a display name that is safe to show and to put in a header: only its last path
 * segment, without control characters (NUL, CR, LF…), invisible format characters (bidi overrides such as U+202E,
 * zero-width characters) and line separators (by the rule of {@link VisibleText}, which names follow too), trimmed to
 * {@value #MAX_LENGTH} characters with its extension kept, and never empty. It is never used as a path: stored files
 * get random names.
 */
final class FileNames {

    static final int MAX_LENGTH = Attachment.NAME_MAX_LENGTH;

    /** The name when nothing usable is left. */
    static final String FALLBACK = "file";

    /** Extensions up to this long are kept when a long name is shortened. */
    private static final int MAX_EXTENSION = 16;

    private FileNames() {}

    static String displayName(@Nullable String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String cleaned = VisibleText.withoutInvisible(Normalizer.normalize(raw, Normalizer.Form.NFC));
        String name = lastSegment(cleaned).strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return FALLBACK;
        }
        return shortened(name);
    }

    /**
     * What follows the last slash or backslash: {@code ../../etc/passwd} and {@code ..\..\boot.ini} lose their path.
     */
    private static String lastSegment(String name) {
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(cut + 1);
    }

    /** At most {@value #MAX_LENGTH} characters, cut between code points, keeping a short extension. */
    private static String shortened(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION ? name.substring(dot) : "";
        String base = name.substring(0, name.length() - extension.length());
        int keep = MAX_LENGTH - extension.length();
        if (Character.isLowSurrogate(base.charAt(keep))) {
            keep--;
        }
        String shortened = base.substring(0, keep).strip();
        return shortened.isEmpty() ? FALLBACK + extension : shortened + extension;
    }
}
