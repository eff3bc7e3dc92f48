package dev.parley.base;

import java.util.Arrays;

/**
 * The one rule for characters that have no business in a name others read: control characters (NUL, CR, LF, tab…),
 * invisible format characters (the direction overrides, embeddings and isolates U+202A–U+202E and U+2066–U+2069, the
 * direction marks U+200E, U+200F and U+061C, the zero-width characters U+200B–U+200D and U+2060, the byte order mark
 * U+FEFF, and their kin), line and paragraph separators, lone surrogates, and private-use and unassigned code points.
 * Such a character shows nothing itself, but a direction override turns "photo\u202Egnp.exe" into what reads as
 * "photoexe.png", and a zero-width space makes a second "alice" that is not the first.
 *
 * <p>Three uses, one rule:
 *
 * <ul>
 *   <li>{@link #withoutInvisible}: every such character removed, for file names.
 *   <li>{@link #name}: for a name a person types and others read (display names, room names, webhook names). Spaces and
 *       invisible characters at its ends are removed, as spaces always were; a direction control anywhere, or another
 *       invisible character inside, is refused with a message that names it, so that nobody's name changes behind their
 *       back. Allowed inside: a zero-width joiner or non-joiner between two visible characters (the joiner makes 👩‍💻
 *       of 👩 and 💻, the non-joiner is part of Persian and Indic spelling), and the tag characters of a subdivision
 *       flag (🏴 followed by tags ending in U+E007F: 🏴󠁧󠁢󠁳󠁣󠁴󠁿).
 *   <li>{@link #cleanedName}: the same rule for a name nobody can be asked to fix (a webhook payload's
 *       {@code username}, the name a single sign-on provider sends): what {@link #name} refuses is removed instead, and
 *       a line break or tab becomes a space.
 * </ul>
 */
public final class VisibleText {

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int FIRST_TAG = 0xE0020;
    private static final int LAST_TAG = 0xE007E;
    private static final int CANCEL_TAG = 0xE007F;

    private VisibleText() {}

    /**
     * Whether the code point shows nothing of its own, or is not text at all: a control or format character, a line or
     * paragraph separator, a lone surrogate, a private-use or an unassigned code point.
     */
    public static boolean invisible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE,
                    Character.UNASSIGNED,
                    Character.PRIVATE_USE -> true;
            default -> false;
        };
    }

    /**
     * Whether the code point changes the direction in which the text around it is shown: the embeddings, overrides and
     * isolates, and the direction marks.
     */
    public static boolean directionControl(int codePoint) {
        return codePoint == 0x061C
                || codePoint == 0x200E
                || codePoint == 0x200F
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    /** The text without any {@link #invisible} character, wherever it is. */
    public static String withoutInvisible(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> !invisible(c)).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /**
     * A name as typed, without spaces and invisible characters at its ends, if it has none elsewhere (see the class
     * comment).
     *
     * @param field what the name is, to begin the message with: "Display name"
     * @throws InvalidInputException when the name has a direction control anywhere, or another invisible character
     *     inside, naming the first one
     */
    public static String name(String field, String text) {
        for (int codePoint : text.codePoints().toArray()) {
            if (directionControl(codePoint)) {
                throw refused(field, codePoint);
            }
        }
        int[] codePoints = trimmed(text.codePoints().toArray());
        for (int i = 0; i < codePoints.length; ) {
            int kept = keptFrom(codePoints, i);
            if (kept == 0) {
                throw refused(field, codePoints[i]);
            }
            i += kept;
        }
        return new String(codePoints, 0, codePoints.length);
    }

    /**
     * A name by the rule of {@link #name} with what it would refuse removed, line breaks and tabs made spaces: for
     * names that cannot be sent back to be fixed.
     */
    public static String cleanedName(String text) {
        int[] spaced = text.codePoints()
                .map(c -> lineBreakOrTab(c) ? ' ' : c)
                .filter(c -> !directionControl(c))
                .toArray();
        int[] codePoints = trimmed(spaced);
        StringBuilder name = new StringBuilder(text.length());
        for (int i = 0; i < codePoints.length; ) {
            int kept = keptFrom(codePoints, i);
            if (kept == 0) {
                i++;
                continue;
            }
            for (int j = i; j < i + kept; j++) {
                name.appendCodePoint(codePoints[j]);
            }
            i += kept;
        }
        // What was removed may have left a space at an end.
        int[] cleaned = trimmed(name.codePoints().toArray());
        return new String(cleaned, 0, cleaned.length);
    }

    /**
     * How many code points from {@code i} on belong in a name: 1 for a visible character, or a joiner between two
     * visible characters; the whole sequence for a subdivision flag; 0 for an invisible character out of place.
     */
    private static int keptFrom(int[] codePoints, int i) {
        int codePoint = codePoints[i];
        if (codePoint == BLACK_FLAG) {
            int end = i + 1;
            while (end < codePoints.length && codePoints[end] >= FIRST_TAG && codePoints[end] <= LAST_TAG) {
                end++;
            }
            if (end > i + 1 && end < codePoints.length && codePoints[end] == CANCEL_TAG) {
                return end + 1 - i;
            }
            return 1;
        }
        if (!invisible(codePoint)) {
            return 1;
        }
        if ((codePoint == ZERO_WIDTH_JOINER || codePoint == ZERO_WIDTH_NON_JOINER)
                && i > 0
                && i + 1 < codePoints.length
                && visible(codePoints[i - 1])
                && visible(codePoints[i + 1])) {
            return 1;
        }
        return 0;
    }

    /** Without spaces and invisible characters at either end; a subdivision flag at the end keeps its tags. */
    private static int[] trimmed(int[] codePoints) {
        int start = 0;
        int end = codePoints.length;
        while (start < end && blankOrInvisible(codePoints[start])) {
            start++;
        }
        while (end > start && blankOrInvisible(codePoints[end - 1]) && !endsFlag(codePoints, start, end)) {
            end--;
        }
        return Arrays.copyOfRange(codePoints, start, end);
    }

    /** Whether {@code codePoints[start, end)} ends with a whole subdivision flag: 🏴, tags, the cancel tag. */
    private static boolean endsFlag(int[] codePoints, int start, int end) {
        if (codePoints[end - 1] != CANCEL_TAG) {
            return false;
        }
        int i = end - 2;
        while (i >= start && codePoints[i] >= FIRST_TAG && codePoints[i] <= LAST_TAG) {
            i--;
        }
        return i >= start && i < end - 2 && codePoints[i] == BLACK_FLAG;
    }

    private static boolean visible(int codePoint) {
        return !blankOrInvisible(codePoint);
    }

    private static boolean blankOrInvisible(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || invisible(codePoint);
    }

    private static boolean lineBreakOrTab(int codePoint) {
        return codePoint == '\t'
                || codePoint == '\n'
                || codePoint == '\r'
                || codePoint == 0x0B
                || codePoint == 0x0C
                || codePoint == 0x85
                || codePoint == 0x2028
                || codePoint == 0x2029;
    }

    private static InvalidInputException refused(String field, int codePoint) {
        return new InvalidInputException(String.format(
                "%s must not contain invisible or direction-changing characters (it has U+%04X)", field, codePoint));
    }
}
