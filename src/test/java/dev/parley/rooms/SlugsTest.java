package dev.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlugsTest {

    private static final String SUFFIX = "-[a-hj-km-np-z2-9]{" + Slugs.SUFFIX_LENGTH + "}";

    @Test
    void slugs_are_readable_ascii() {
        assertThat(Slugs.fromName("Release Planning 2027!")).isEqualTo("release-planning-2027");
        assertThat(Slugs.fromName("  Café Crème  ")).isEqualTo("cafe-creme");
        assertThat(Slugs.fromName("日本語")).isEqualTo("room");
        assertThat(Slugs.fromName("a".repeat(100))).hasSize(Room.SLUG_MAX_LENGTH);
    }

    @Test
    void a_public_room_gets_its_plain_slug_while_no_room_has_it_and_a_random_suffix_after() {
        assertThat(Slugs.forNewRoom("Secret Ops", false, slug -> false)).isEqualTo("secret-ops");
        assertThat(Slugs.forNewRoom("Secret Ops", false, "secret-ops"::equals)).matches("secret-ops" + SUFFIX);
    }

    @Test
    void a_private_room_always_gets_a_random_suffix_so_that_it_never_holds_a_plain_slug() {
        assertThat(Slugs.forNewRoom("Secret Ops", true, slug -> false)).matches("secret-ops" + SUFFIX);
        assertThat(Slugs.forNewRoom("Secret Ops", true, "secret-ops"::equals)).matches("secret-ops" + SUFFIX);
        assertThat(Slugs.forNewRoom("a".repeat(100), true, slug -> false))
                .hasSize(Room.SLUG_MAX_LENGTH + 1 + Slugs.SUFFIX_LENGTH);
    }

    @Test
    void a_suffix_already_taken_is_drawn_again() {
        Set<String> asked = new HashSet<>();
        // Every suffix but the third one drawn is taken.
        String slug = Slugs.withSuffix("dm", candidate -> asked.add(candidate) && asked.size() < 3);

        assertThat(slug).matches("dm" + SUFFIX);
        assertThat(asked).hasSize(3).contains(slug);
    }
}
