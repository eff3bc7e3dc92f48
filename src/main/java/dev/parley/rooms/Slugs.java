package dev.parley.rooms;

import java.text.Normalizer;
import java.util.Locale;

/** Turns a room name into the readable part of its URL: {@code "Release Planning 2027!"} → {@code release-planning-2027}. */
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
}
