package dev.parley.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Display names from hostile client names, and sizes for people. */
class FileNamesTest {

    @Test
    void only_the_last_path_segment_is_kept() {
        assertThat(FileNames.displayName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.displayName("..\\..\\boot.ini")).isEqualTo("boot.ini");
        assertThat(FileNames.displayName("C:\\Users\\me\\photo.png")).isEqualTo("photo.png");
        assertThat(FileNames.displayName("folder/")).isEqualTo("file");
        assertThat(FileNames.displayName("/..")).isEqualTo("file");
        assertThat(FileNames.displayName(null)).isEqualTo("file");
    }

    @Test
    void control_bidi_and_invisible_characters_are_removed() {
        assertThat(FileNames.displayName("a\u0000b\r\nc\td\u007f\u0085.txt")).isEqualTo("abcd.txt");
        assertThat(FileNames.displayName("photo\u202Egnp.exe")).isEqualTo("photognp.exe");
        assertThat(FileNames.displayName("\u2066x\u2069\u200B\u200F\uFEFF.pdf")).isEqualTo("x.pdf");
        assertThat(FileNames.displayName("line\u2028break.txt")).isEqualTo("linebreak.txt");
        assertThat(FileNames.displayName("  spaced  ")).isEqualTo("spaced");
        assertThat(FileNames.displayName("Grüße 🎉.txt")).isEqualTo("Grüße 🎉.txt");
    }

    @Test
    void long_names_are_cut_to_255_characters_keeping_the_extension_and_whole_code_points() {
        assertThat(FileNames.displayName("x".repeat(1000) + ".docx")).isEqualTo("x".repeat(250) + ".docx");
        assertThat(FileNames.displayName("y".repeat(300))).hasSize(255);
        String emoji = FileNames.displayName("🎉".repeat(200));
        assertThat(emoji.length()).isLessThanOrEqualTo(255);
        assertThat(emoji.codePoints().allMatch(c -> c == "🎉".codePointAt(0))).isTrue();
    }

    @Test
    void sizes_read_like_people_write_them() {
        assertThat(Attachment.formatSize(512)).isEqualTo("512 B");
        assertThat(Attachment.formatSize(12 * 1024 + 100)).isEqualTo("12 KB");
        assertThat(Attachment.formatSize((long) (3.4 * 1024 * 1024))).isEqualTo("3.4 MB");
        assertThat(Attachment.formatSize(10L * 1024 * 1024)).isEqualTo("10 MB");
        assertThat(Attachment.formatSize(5L * 1024 * 1024 * 1024)).isEqualTo("5 GB");
    }
}
