package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.accounts.UserId;
import dev.parley.files.Attachment;
import dev.parley.files.FileId;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageAuthor;
import dev.parley.messages.MessageId;
import dev.parley.messages.Reaction;
import dev.parley.messages.Reactions;
import dev.parley.messages.Reactor;
import dev.parley.rooms.RoomId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MessageHtmlTest {

    private static final MessageAuthor EVE =
            new MessageAuthor(new UserId(3), "eve", "<b>Eve</b>\" onmouseover=\"x", "E", 0, false);

    @Test
    void what_users_write_stays_text() {
        ChatMessage message =
                message("<img src=x onerror=alert(1)> <script>alert(2)</script> & \"quotes\"", null, false, Set.of());

        Document parsed = render(message, "");

        assertThat(parsed.select("img, script, b, [onmouseover], [onerror]")).isEmpty();
        assertThat(parsed.select(".message-body").text())
                .isEqualTo("<img src=x onerror=alert(1)> <script>alert(2)</script> & \"quotes\"");
        assertThat(parsed.select(".message-author").text()).isEqualTo("<b>Eve</b>\" onmouseover=\"x");
        assertThat(parsed.select(".message-author").attr("title")).isEqualTo("@eve");
        assertThat(parsed.select(".avatar").text()).isEqualTo("E");
        assertThat(parsed.select(".message-time").text()).isEqualTo("just now");
        assertThat(parsed.select(".message-time").attr("title")).isEqualTo("1 Jan 1970, 00:00");
    }

    @Test
    void the_body_is_markdown_with_mentions_of_members_highlighted() {
        ChatMessage message = message(
                "**bold**, _italic_ and `code`\n> quoted\n\n- one\n- two\n\n[docs](https://example.com) @bob @carol",
                null,
                false,
                Set.of("bob"));

        Document parsed = render(message, "");

        assertThat(parsed.select(".message-body strong").text()).isEqualTo("bold");
        assertThat(parsed.select(".message-body em").text()).isEqualTo("italic");
        assertThat(parsed.select(".message-body code").text()).isEqualTo("code");
        assertThat(parsed.select(".message-body blockquote").text()).isEqualTo("quoted");
        assertThat(parsed.select(".message-body ul li").eachText()).containsExactly("one", "two");
        assertThat(parsed.select(".message-body a").attr("href")).isEqualTo("https://example.com");
        assertThat(parsed.select(".message-body .mention").eachText()).containsExactly("@bob");
        assertThat(parsed.select(".message-body").text()).contains("@carol");
    }

    @Test
    void a_live_message_has_both_actions_for_css_to_show_per_viewer() {
        Document parsed = render(message("hello", null, false, Set.of()), "");

        assertThat(parsed.select(".message-actions > button").eachAttr("data-action"))
                .containsExactly("edit", "delete");
        assertThat(parsed.select(".message-actions > button").eachAttr("aria-label"))
                .containsExactly("Edit message", "Delete message");
        assertThat(parsed.select(".message-actions .reaction-palette button").eachAttr("data-emoji"))
                .containsExactlyElementsOf(Reactions.PALETTE);
        assertThat(parsed.select(".reaction-palette button").eachAttr("data-action"))
                .containsOnly("react");
        assertThat(parsed.select(".reaction-palette button").first().attr("aria-label"))
                .isEqualTo("React with 👍");
        assertThat(parsed.select(".reactions")).isEmpty();
        assertThat(parsed.select(".message-edited")).isEmpty();
    }

    @Test
    void an_edited_message_is_marked_with_the_edit_time_on_hover() {
        Document parsed = render(message("fixed", Instant.ofEpochSecond(90), false, Set.of()), "1 Jan 1970, 00:01");

        assertThat(parsed.select(".message-edited").text()).isEqualTo("(edited)");
        assertThat(parsed.select(".message-edited").attr("title")).isEqualTo("Edited 1 Jan 1970, 00:01");
        assertThat(parsed.select(".message-body").text()).isEqualTo("fixed");
    }

    @Test
    void a_deleted_message_is_a_tombstone_without_actions() {
        Document parsed = render(message("", Instant.ofEpochSecond(90), true, Set.of()), "1 Jan 1970, 00:01");

        assertThat(parsed.select(".message-body.message-tombstone").text()).isEqualTo("message deleted");
        assertThat(parsed.select(".message-actions, button, .message-edited")).isEmpty();
        assertThat(parsed.select(".message-author").text()).isEqualTo(EVE.displayName());
    }

    @Test
    void reaction_chips_show_count_and_names_and_names_stay_text() {
        Reactor eve = new Reactor(new UserId(3), "eve", "<script>alert(1)</script>\" onclick=\"x");
        Reactor bob = new Reactor(new UserId(4), "bob", "Bob & Co");
        Reactor carol = new Reactor(new UserId(5), "carol", "Carol");
        ChatMessage message = new ChatMessage(
                new MessageId(1),
                new RoomId(1),
                1,
                EVE,
                "hello",
                Instant.EPOCH,
                1,
                null,
                false,
                Set.of(),
                List.of(new Reaction("👍", List.of(eve, bob, carol)), new Reaction("🎉", List.of(bob))),
                List.of());

        Document parsed = render(message, "");

        assertThat(parsed.select("script, [onclick]")).isEmpty();
        var chips = parsed.select(".reactions > button.reaction");
        assertThat(chips.eachAttr("data-action")).containsExactly("react", "react");
        assertThat(chips.eachAttr("data-emoji")).containsExactly("👍", "🎉");
        assertThat(chips.eachText()).containsExactly("👍 3", "🎉 1");
        assertThat(chips.first().select("span").text()).isEqualTo("3");
        assertThat(chips.first().attr("title")).isEqualTo("<script>alert(1)</script>\" onclick=\"x, Bob & Co, Carol");
        assertThat(chips.first().attr("aria-label"))
                .isEqualTo("👍 3, <script>alert(1)</script>\" onclick=\"x, Bob & Co and Carol");
        assertThat(chips.last().attr("title")).isEqualTo("Bob & Co");
        assertThat(chips.last().attr("aria-label")).isEqualTo("🎉 1, Bob & Co");
        assertThat(MessageHtml.spoken(List.of("Alice Tester", "Bob Tester"))).isEqualTo("Alice Tester and Bob Tester");
    }

    @Test
    void attachments_are_a_thumbnail_button_per_image_and_a_link_per_file_with_hostile_names_as_text() {
        String hostile = "<img src=x onerror=alert(1)>\" onclick=\"x.pdf";
        ChatMessage message = new ChatMessage(
                new MessageId(1),
                new RoomId(1),
                1,
                EVE,
                "",
                Instant.EPOCH,
                1,
                null,
                false,
                Set.of(),
                List.of(),
                List.of(
                        new Attachment(new FileId(7), "chart.png", "image/png", 2048, 320, 200),
                        new Attachment(new FileId(8), hostile, "application/pdf", 5_000_000, 0, 0)));

        Document parsed = render(message, "");

        assertThat(parsed.select("[onerror], [onclick], script")).isEmpty();
        var image = parsed.select(".attachments button.attachment-image").first();
        assertThat(image).isNotNull();
        assertThat(image.attr("data-action")).isEqualTo("view-image");
        assertThat(image.attr("data-file")).isEqualTo("7");
        assertThat(image.select("img").attr("src")).isEqualTo("/files/7/thumbnail");
        assertThat(image.select("img").attr("alt")).isEqualTo("chart.png");
        var file = parsed.select(".attachments a.attachment-file").first();
        assertThat(file).isNotNull();
        assertThat(file.attr("href")).isEqualTo("/files/8");
        assertThat(file.attr("download")).isEqualTo(hostile);
        assertThat(file.select(".attachment-name").text()).isEqualTo(hostile);
        assertThat(file.select(".attachment-size").text()).isEqualTo("4.8 MB");
        assertThat(file.select(".attachment-icon").text()).isEqualTo("PDF");
        assertThat(MessageHtml.kindLabel("report.pdf")).isEqualTo("PDF");
        assertThat(MessageHtml.kindLabel("notes")).isEqualTo("FILE");
    }

    @Test
    void an_author_with_a_picture_shows_it_in_place_of_the_initials_and_a_new_author_renders_anew() {
        ChatMessage withInitials = message("hi", null, false, Set.of());
        ChatMessage withPicture = withInitials.withAuthor(new MessageAuthor(EVE.id(), "eve", "Eve", "E", 4, false));

        Document parsed = render(withPicture, "");

        assertThat(parsed.select("span.avatar")).isEmpty();
        assertThat(parsed.select("img.avatar")).singleElement().satisfies(img -> {
            assertThat(img.attr("src")).isEqualTo("/avatars/3?v=4");
            assertThat(img.attr("alt")).isEmpty();
        });
        assertThat(parsed.select(".message-author").text()).isEqualTo("Eve");
        assertThat(withPicture.version()).isEqualTo(withInitials.version());
        // The cache is keyed by the whole message: the same message by its renamed author is a new rendering.
        assertThat(MessageHtml.of(withPicture, "now", "", ""))
                .isNotEqualTo(MessageHtml.of(withInitials, "now", "", ""));
    }

    private static ChatMessage message(String body, @Nullable Instant editedAt, boolean deleted, Set<String> mentions) {
        return new ChatMessage(
                new MessageId(1),
                new RoomId(1),
                1,
                EVE,
                body,
                Instant.EPOCH,
                1,
                editedAt,
                deleted,
                mentions,
                List.of(),
                List.of());
    }

    private static Document render(ChatMessage message, String editedTime) {
        return Jsoup.parseBodyFragment(
                MessageHtml.render(new MessageHtml.Key(message, "just now", "1 Jan 1970, 00:00", editedTime)));
    }
}
