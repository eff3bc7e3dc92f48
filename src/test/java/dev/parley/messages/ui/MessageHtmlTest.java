package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.accounts.UserId;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageAuthor;
import dev.parley.messages.MessageId;
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
            new MessageAuthor(new UserId(3), "eve", "<b>Eve</b>\" onmouseover=\"x", "E");

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

        assertThat(parsed.select(".message-actions button").eachAttr("data-action"))
                .containsExactly("edit", "delete");
        assertThat(parsed.select(".message-actions button").eachAttr("aria-label"))
                .containsExactly("Edit message", "Delete message");
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
                List.of());
    }

    private static Document render(ChatMessage message, String editedTime) {
        return Jsoup.parseBodyFragment(
                MessageHtml.render(new MessageHtml.Key(message, "just now", "1 Jan 1970, 00:00", editedTime)));
    }
}
