package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.accounts.UserId;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageAuthor;
import dev.parley.messages.MessageId;
import dev.parley.rooms.RoomId;
import java.time.Instant;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class MessageHtmlTest {

    @Test
    void what_users_write_stays_text() {
        ChatMessage message = new ChatMessage(
                new MessageId(1),
                new RoomId(1),
                1,
                new MessageAuthor(new UserId(3), "eve", "<b>Eve</b>\" onmouseover=\"x", "E"),
                "<img src=x onerror=alert(1)> <script>alert(2)</script> & \"quotes\"",
                Instant.EPOCH);

        String html = MessageHtml.render(new MessageHtml.Key(message, "just now", "1 Jan 1970, 00:00"));
        Document parsed = Jsoup.parseBodyFragment(html);

        assertThat(parsed.select("img, script, b, [onmouseover], [onerror]")).isEmpty();
        assertThat(parsed.select(".message-body").text())
                .isEqualTo("<img src=x onerror=alert(1)> <script>alert(2)</script> & \"quotes\"");
        assertThat(parsed.select(".message-author").text()).isEqualTo("<b>Eve</b>\" onmouseover=\"x");
        assertThat(parsed.select(".message-author").attr("title")).isEqualTo("@eve");
        assertThat(parsed.select(".avatar").text()).isEqualTo("E");
        assertThat(parsed.select(".message-time").text()).isEqualTo("just now");
        assertThat(parsed.select(".message-time").attr("title")).isEqualTo("1 Jan 1970, 00:00");
    }
}
