package dev.parley.rooms;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Turns a room name into the readable part of its URL: {@code "Release Planning 2027!"} →
 * {@code release-planning-2027}.
 */
final class Slugs {

    private Slugs() {}

    static String fromName(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        if (slug.length() > Room.SLUG_MAX_LENGTH) {
            slug = slug.substring(0, Room.SLUG_MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "room" : slug;
    }

    /** The slug of {@code name}, or with "-2", "-3", … after it when {@code taken} says it is in use. */
    static String unique(String name, Predicate<String> taken) {
        String base = fromName(name);
        String slug = base;
        for (int n = 2; taken.test(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }
}
