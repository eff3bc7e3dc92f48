package dev.parley.rooms;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Turns a room name into the readable part of its URL: {@code "Release Planning 2027!"} →
 * {@code release-planning-2027}.
 *
 * <p>A new room's slug must not tell its creator anything about rooms they cannot see. A counter ("-2" when the plain
 * slug is taken) told anyone that a private room of that name existed, so there is none: a public room gets the plain
 * slug of its name while no room has it, and otherwise, like every private room, the plain slug with a random suffix
 * ({@code secret-ops-k7qz2m}). Private rooms never take a plain slug, so the suffix of a public room says only that a
 * room has held the name in public (see docs/design-decisions/2026-12-07-slugs-and-names.md). Slugs never change.
 */
final class Slugs {

    /** Lower-case letters and digits, without the look-alikes 0, o, 1, l and i: easy to read out and to type. */
    private static final String SUFFIX_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    /** 31^6, close to 900 million suffixes per name: a collision is rare, and then another is drawn. */
    static final int SUFFIX_LENGTH = 6;

    private static final RandomGenerator RANDOM = new SecureRandom();

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

    /**
     * The slug of a new room named {@code name}: the plain slug for a public room when {@code taken} says no room has
     * it; the plain slug with a random suffix for a private room, and for a public one whose plain slug is taken.
     */
    static String forNewRoom(String name, boolean isPrivate, Predicate<String> taken) {
        String plain = fromName(name);
        if (!isPrivate && !taken.test(plain)) {
            return plain;
        }
        return withSuffix(plain, taken);
    }

    /** {@code base} with a random suffix that {@code taken} says no room has: {@code dm-k7qz2m}. */
    static String withSuffix(String base, Predicate<String> taken) {
        String slug;
        do {
            StringBuilder suffixed = new StringBuilder(base.length() + 1 + SUFFIX_LENGTH)
                    .append(base)
                    .append('-');
            for (int i = 0; i < SUFFIX_LENGTH; i++) {
                suffixed.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
            }
            slug = suffixed.toString();
        } while (taken.test(slug));
        return slug;
    }
}
