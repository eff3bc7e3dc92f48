package dev.parley.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names without the characters that spoof what others read, and file names without anything invisible. */
class VisibleTextTest {

    /** 👩‍💻: woman, zero-width joiner, laptop. */
    private static final String TECHNOLOGIST = "\uD83D\uDC69\u200D\uD83D\uDCBB";

    /** 🏴󠁧󠁢󠁳󠁣󠁴󠁿: black flag, the tags "gbsct", cancel tag. */
    private static final String SCOTLAND =
            "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F";

    @Test
    void direction_controls_are_refused_anywhere_in_a_name_and_the_message_names_them() {
        List<String> spoofs = List.of(
                "photo\u202Egnp.exe",
                "\u202Eadmin",
                "admin\u202C",
                "\u2066Ada\u2069",
                "Ada\u200F",
                "\u200ELovelace",
                "a\u061Cb",
                "x\u202Ay",
                "x\u2067y");

        for (String spoof : spoofs) {
            assertThatThrownBy(() -> VisibleText.name("Display name", spoof))
                    .as(spoof)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("Display name must not contain invisible or direction-changing characters");
        }
        assertThatThrownBy(() -> VisibleText.name("Room name", "Secret\u202Esdrawkcab"))
                .hasMessage("Room name must not contain invisible or direction-changing characters (it has U+202E)");
    }

    @Test
    void invisible_characters_at_the_ends_go_like_spaces_and_inside_they_are_refused() {
        assertThat(VisibleText.name("Display name", "\uFEFF\u200B Ada Lovelace \u200D\u2060\u00A0"))
                .isEqualTo("Ada Lovelace");
        assertThat(VisibleText.name("Display name", "\u200B")).isEmpty();
        for (String hidden :
                List.of("ad\u200Bmin", "ad\u2060min", "ad\uFEFFmin", "a\u0000b", "a\tb", "a\nb", "a\u2028b")) {
            assertThatThrownBy(() -> VisibleText.name("Display name", hidden))
                    .as(hidden)
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> VisibleText.name("Webhook name", "CI\u00ADbot"))
                .hasMessage("Webhook name must not contain invisible or direction-changing characters (it has U+00AD)");
    }

    @Test
    void joiners_between_visible_characters_and_flags_with_their_tags_are_kept() {
        assertThat(VisibleText.name("Display name", "Ada " + TECHNOLOGIST)).isEqualTo("Ada " + TECHNOLOGIST);
        assertThat(VisibleText.name("Display name", "👨‍👩‍👧 family")).isEqualTo("👨‍👩‍👧 family");
        assertThat(VisibleText.name("Display name", "🏳️‍🌈")).isEqualTo("🏳️‍🌈");
        // A zero-width non-joiner is part of Persian spelling: می‌خواهم.
        assertThat(VisibleText.name("Display name", "می\u200Cخواهم")).isEqualTo("می\u200Cخواهم");
        assertThat(VisibleText.name("Display name", "Ewan " + SCOTLAND)).isEqualTo("Ewan " + SCOTLAND);
        assertThat(VisibleText.name("Display name", SCOTLAND + " Ewan")).isEqualTo(SCOTLAND + " Ewan");
        // Arabic and Hebrew need no marks: the text's own direction is shown right.
        assertThat(VisibleText.name("Room name", "שלום עולם")).isEqualTo("שלום עולם");
        assertThat(VisibleText.name("Display name", "Zoë Ångström 1️⃣")).isEqualTo("Zoë Ångström 1️⃣");

        assertThatThrownBy(() -> VisibleText.name("Display name", "a \u200D b"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> VisibleText.name("Display name", "a\u200D\u200Db"))
                .isInstanceOf(InvalidInputException.class);
        // Tags that are no flag's hide text: refused inside, removed at the end like any invisible character.
        assertThatThrownBy(() -> VisibleText.name("Display name", "a\uDB40\uDC69\uDB40\uDC7Fda"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(VisibleText.name("Display name", "ada\uDB40\uDC69\uDB40\uDC7F"))
                .isEqualTo("ada");
    }

    @Test
    void a_name_nobody_can_fix_loses_what_a_typed_one_would_be_refused_for() {
        assertThat(VisibleText.cleanedName("\u202EGrafana\u202C alerts\u200B")).isEqualTo("Grafana alerts");
        assertThat(VisibleText.cleanedName("CI\nbot\tnightly")).isEqualTo("CI bot nightly");
        assertThat(VisibleText.cleanedName("ad\u200Bmin " + TECHNOLOGIST)).isEqualTo("admin " + TECHNOLOGIST);
        assertThat(VisibleText.cleanedName("\u200B\u202E")).isEmpty();
        assertThat(VisibleText.cleanedName("Ewan " + SCOTLAND)).isEqualTo("Ewan " + SCOTLAND);
    }

    @Test
    void file_names_lose_every_invisible_character() {
        assertThat(VisibleText.withoutInvisible("photo\u202Egnp.exe")).isEqualTo("photognp.exe");
        assertThat(VisibleText.withoutInvisible("a\u0000b\r\nc\u200D\uFEFF.txt"))
                .isEqualTo("abc.txt");
        assertThat(VisibleText.withoutInvisible("Grüße 🎉.txt")).isEqualTo("Grüße 🎉.txt");
    }
}
