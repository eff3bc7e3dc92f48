package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.messages.MessageMarkdown;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Slack's payloads and mrkdwn, as tools written for Slack send them, read into a message's Markdown. */
class SlackPayloadTest {

    private final ObjectMapper json = JsonMapper.builder().build();

    @Test
    void links_mentions_and_special_words_become_markdown_and_plain_words() {
        assertThat(SlackMrkdwn.toMarkdown("Build <https://ci.example/b/42?a=1&amp;b=2|#42> passed"))
                .isEqualTo("Build [#42](https://ci.example/b/42?a=1&b=2) passed");
        assertThat(SlackMrkdwn.toMarkdown("See <https://example.com/a_b*c*>"))
                .isEqualTo("See <https://example.com/a_b*c*>");
        assertThat(SlackMrkdwn.toMarkdown("<!here> <!channel|@channel> <@U123|ada> <#C9|ops> <mailto:a@b.c|mail>"))
                .isEqualTo("@here @channel @ada #ops [mail](mailto:a@b.c)");
        assertThat(SlackMrkdwn.toMarkdown("<javascript:alert(1)|click>")).isEqualTo("click");
        assertThat(SlackMrkdwn.toMarkdown("<https://x.example/a_(b)|label [1]>"))
                .isEqualTo("[label \\[1\\]](https://x.example/a_%28b%29)");
    }

    @Test
    void slack_bold_and_strike_become_markdown_and_markdown_stays_markdown() {
        assertThat(SlackMrkdwn.toMarkdown("*bold* and _italic_ and ~gone~"))
                .isEqualTo("**bold** and _italic_ and ~~gone~~");
        assertThat(SlackMrkdwn.toMarkdown("**already** [a](https://a.example) 2*3*4 ~5 min"))
                .isEqualTo("**already** [a](https://a.example) 2*3*4 ~5 min");
        assertThat(SlackMrkdwn.toMarkdown("*x*")).isEqualTo("**x**");
    }

    @Test
    void escapes_are_undone_and_code_is_left_alone() {
        assertThat(SlackMrkdwn.toMarkdown("a &lt;b&gt; &amp; `*not bold* &lt;x&gt;`"))
                .isEqualTo("a <b> & `*not bold* <x>`");
        assertThat(SlackMrkdwn.toMarkdown("Log: ```*raw* <https://a.example|a>```"))
                .isEqualTo("Log: \n```\n*raw* <https://a.example|a>\n```\n");
    }

    @Test
    void translated_text_renders_through_the_same_safe_markdown() {
        String html = MessageMarkdown.toHtml(
                SlackMrkdwn.toMarkdown("*Deploy* <https://ci.example|done> <img src=x onerror=alert(1)>"), n -> false);

        assertThat(html).contains("<strong>Deploy</strong>").contains("href=\"https://ci.example\"");
        assertThat(html).doesNotContain("<img").doesNotContain("onerror=\"");
    }

    @Test
    void a_payload_has_text_a_name_and_a_picture() {
        SlackPayload payload = SlackPayload.of(
                json.readTree(
                        "{\"text\":\"*hi*\",\"username\":\" Jenkins \",\"icon_url\":\"https://j.example/i.png\",\"channel\":\"#x\"}"));

        assertThat(payload).isEqualTo(new SlackPayload("**hi**", "Jenkins", "https://j.example/i.png"));
    }

    @Test
    void alertmanager_and_grafana_attachments_become_the_text() {
        SlackPayload payload = SlackPayload.of(json.readTree("""
                {"username":"Alertmanager","attachments":[{
                  "fallback":"[FIRING:1] HighLatency","color":"danger",
                  "pretext":"Production","title":"[FIRING:1] HighLatency",
                  "title_link":"https://am.example/#/alerts","text":"*p99* above 2 s",
                  "fields":[{"title":"severity","value":"page","short":true}]}]}"""));

        assertThat(payload.text())
                .isEqualTo(
                        "Production\n**[\\[FIRING:1\\] HighLatency](https://am.example/#/alerts)**\n**p99** above 2 s\n"
                                + "**severity**: page");
        assertThat(SlackPayload.of(json.readTree("{\"attachments\":[{\"fallback\":\"only this\"}]}"))
                        .text())
                .isEqualTo("only this");
        assertThat(SlackPayload.of(
                                json.readTree(
                                        "{\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*blocks*\"}}]}"))
                        .text())
                .isEqualTo("**blocks**");
    }

    @Test
    void a_payload_without_text_or_not_an_object_is_refused_with_slacks_codes() {
        assertThatThrownBy(() -> SlackPayload.of(json.readTree("{\"username\":\"x\"}")))
                .isInstanceOfSatisfying(
                        WebhookPayloadException.class, e -> assertThat(e.code()).isEqualTo("no_text"));
        assertThatThrownBy(() -> SlackPayload.of(json.readTree("{\"text\":\"  \"}")))
                .isInstanceOfSatisfying(
                        WebhookPayloadException.class, e -> assertThat(e.code()).isEqualTo("no_text"));
        assertThatThrownBy(() -> SlackPayload.of(json.readTree("[1]")))
                .isInstanceOfSatisfying(
                        WebhookPayloadException.class, e -> assertThat(e.code()).isEqualTo("invalid_payload"));
    }
}
