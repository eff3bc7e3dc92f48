package dev.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void slugs_are_readable_ascii() {
        assertThat(Slugs.fromName("Release Planning 2027!")).isEqualTo("release-planning-2027");
        assertThat(Slugs.fromName("  Café Crème  ")).isEqualTo("cafe-creme");
        assertThat(Slugs.fromName("日本語")).isEqualTo("room");
        assertThat(Slugs.fromName("a".repeat(100))).hasSize(Room.SLUG_MAX_LENGTH);
    }
}
