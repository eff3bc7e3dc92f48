package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageMarkdownTest {

    private static final Predicate<String> NOBODY = username -> false;
    private static final Predicate<String> EVERYBODY = username -> true;
    private static final String LINK_ATTRIBUTES = "rel=\"noopener noreferrer nofollow\" target=\"_blank\"";

    private static final Set<String> ALLOWED_TAGS =
            Set.of("p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "span");
    private static final Set<String> FORBIDDEN_TAGS = Set.of(
            "script",
            "style",
            "iframe",
            "img",
            "svg",
            "object",
            "embed",
            "form",
            "math",
            "noscript",
            "link",
            "meta",
            "base");
    private static final Pattern ALLOWED_CODE_CLASS = Pattern.compile("language-[A-Za-z0-9_+#.-]+");

    private static String html(String markdown) {
        return MessageMarkdown.toHtml(markdown, NOBODY);
    }

    // --- Markdown features ---

    @Test
    void bold_italic_strikethrough_and_inline_code_render_inline() {
        assertThat(html("**bold**, *italic*, _italic_, ~~gone~~ and `x < y`"))
                .isEqualTo("<p><strong>bold</strong>, <em>italic</em>, <em>italic</em>, <del>gone</del>"
                        + " and <code>x &lt; y</code></p>");
    }

    @Test
    void a_single_tilde_means_about_not_strikethrough() {
        assertThat(html("back in ~5 min, ~maybe~")).isEqualTo("<p>back in ~5 min, ~maybe~</p>");
    }

    @Test
    void fenced_code_keeps_its_text_and_names_its_language() {
        assertThat(html("```java\nif (a < b && **c**) {}\n```"))
                .isEqualTo("<pre><code class=\"language-java\">if (a &lt; b &amp;&amp; **c**) {}\n</code></pre>");
    }

    @Test
    void fenced_code_without_a_plain_language_name_has_no_class() {
        assertThat(html("```\nplain\n```")).isEqualTo("<pre><code>plain\n</code></pre>");
        assertThat(html("```js\"onclick=\"x\nplain\n```")).isEqualTo("<pre><code>plain\n</code></pre>");
    }

    @Test
    void block_quotes_render_with_their_line_breaks() {
        assertThat(html("> quoted\n> still quoted\n\nreply"))
                .isEqualTo("<blockquote>\n<p>quoted<br>still quoted</p>\n</blockquote>\n<p>reply</p>");
    }

    @Test
    void bullet_and_numbered_lists_render_and_a_numbered_list_keeps_its_start() {
        assertThat(html("- one\n- **two**")).isEqualTo("<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>");
        assertThat(html("1. one\n2. two")).isEqualTo("<ol>\n<li>one</li>\n<li>two</li>\n</ol>");
        assertThat(html("3. three\n4. four")).isEqualTo("<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>");
    }

    @Test
    void links_open_in_a_new_tab_without_referrer_or_title() {
        assertThat(html("[the docs](https://example.com/docs \"Docs\")"))
                .isEqualTo("<p><a href=\"https://example.com/docs\" " + LINK_ATTRIBUTES + ">the docs</a></p>");
        assertThat(html("<https://example.com>"))
                .isEqualTo("<p><a href=\"https://example.com\" " + LINK_ATTRIBUTES + ">https://example.com</a></p>");
    }

    @Test
    void bare_urls_are_linked_without_the_full_stop_after_them() {
        assertThat(html("see https://example.com/x."))
                .isEqualTo("<p>see <a href=\"https://example.com/x\" " + LINK_ATTRIBUTES
                        + ">https://example.com/x</a>.</p>");
        assertThat(html("or www.example.com"))
                .isEqualTo("<p>or <a href=\"http://www.example.com\" " + LINK_ATTRIBUTES + ">www.example.com</a></p>");
    }

    @Test
    void e_mail_addresses_become_mailto_links() {
        assertThat(html("write to ann@example.com"))
                .isEqualTo("<p>write to <a href=\"mailto:ann@example.com\" " + LINK_ATTRIBUTES
                        + ">ann@example.com</a></p>");
        assertThat(html("[ann](mailto:ann@example.com)"))
                .isEqualTo("<p><a href=\"mailto:ann@example.com\" " + LINK_ATTRIBUTES + ">ann</a></p>");
    }

    @Test
    void links_to_anything_but_http_https_or_mailto_keep_only_their_text() {
        assertThat(html("[a](javascript:alert(1)) [b](data:text/html,x) [c](/relative) [d](ftp://example.com)"))
                .isEqualTo("<p>a b c d</p>");
        assertThat(html("<javascript:alert(1)>")).isEqualTo("<p>javascript:alert(1)</p>");
    }

    @Test
    void headings_rules_and_indented_text_stay_the_text_that_was_typed() {
        assertThat(html("# not a heading")).isEqualTo("<p># not a heading</p>");
        assertThat(html("## nor this")).isEqualTo("<p>## nor this</p>");
        assertThat(html("underlined\n---")).isEqualTo("<p>underlined<br>---</p>");
        assertThat(html("***")).isEqualTo("<p>***</p>");
        assertThat(html("    indented")).isEqualTo("<p>indented</p>");
    }

    @Test
    void a_newline_in_a_paragraph_is_a_line_break_and_a_blank_line_a_new_paragraph() {
        assertThat(html("one\ntwo\n\nthree")).isEqualTo("<p>one<br>two</p>\n<p>three</p>");
        assertThat(html("hard  \nbreak")).isEqualTo("<p>hard<br>\nbreak</p>");
    }

    @Test
    void raw_html_is_shown_as_text() {
        assertThat(html("<b>hi</b> & <i>you</i>"))
                .isEqualTo("<p>&lt;b&gt;hi&lt;/b&gt; &amp; &lt;i&gt;you&lt;/i&gt;</p>");
        assertThat(html("<div>\nblock\n</div>")).isEqualTo("<p>&lt;div&gt;<br>block<br>&lt;/div&gt;</p>");
    }

    @Test
    void images_become_links_and_are_never_loaded() {
        assertThat(html("![a cat](https://example.com/cat.png)"))
                .isEqualTo("<p><a href=\"https://example.com/cat.png\" " + LINK_ATTRIBUTES + ">a cat</a></p>");
        assertThat(html("![](https://example.com/cat.png)"))
                .isEqualTo("<p><a href=\"https://example.com/cat.png\" " + LINK_ATTRIBUTES
                        + ">https://example.com/cat.png</a></p>");
        assertThat(html("![a cat](javascript:alert(1))")).isEqualTo("<p>a cat</p>");
    }

    @Test
    void an_image_inside_a_link_becomes_the_links_text_so_links_never_nest() {
        assertThat(html("[![build](https://example.com/badge.svg)](https://example.com/ci)"))
                .isEqualTo("<p><a href=\"https://example.com/ci\" " + LINK_ATTRIBUTES + ">build</a></p>");
    }

    @Test
    void empty_and_blank_messages_render_as_nothing() {
        assertThat(html("")).isEmpty();
        assertThat(html(" \n ")).isEmpty();
    }

    // --- Mentions ---

    @Test
    void a_mention_is_highlighted_only_when_the_user_can_be_mentioned() {
        Predicate<String> members = Set.of("bob", "carol_1")::contains;

        assertThat(MessageMarkdown.toHtml("hi @bob, @Carol_1 and @mallory", members))
                .isEqualTo("<p>hi <span class=\"mention\">@bob</span>, <span class=\"mention\">@Carol_1</span>"
                        + " and @mallory</p>");
    }

    @Test
    void the_predicate_is_asked_with_lower_case_names_once_each() {
        List<String> asked = new ArrayList<>();

        MessageMarkdown.toHtml("@Bob @bob @BOB @eve", username -> {
            asked.add(username);
            return false;
        });

        assertThat(asked).containsExactly("bob", "eve");
    }

    @Test
    void mentions_inside_emphasis_and_quotes_and_lists_are_highlighted() {
        assertThat(MessageMarkdown.toHtml("> **@bob** look\n> - @bob", EVERYBODY))
                .isEqualTo("<blockquote>\n<p><strong><span class=\"mention\">@bob</span></strong> look</p>\n"
                        + "<ul>\n<li><span class=\"mention\">@bob</span></li>\n</ul>\n</blockquote>");
    }

    @Test
    void no_mention_in_code_links_urls_or_e_mail_addresses() {
        String markdown = "`@bob` [@bob](https://example.com/@bob) https://example.com/@bob bob@example.com"
                + " me@bob.example.com x@bob path/@bob\n```\n@bob\n```";

        assertThat(MessageMarkdown.toHtml(markdown, EVERYBODY)).doesNotContain("mention");
        assertThat(MessageMarkdown.mentionsIn(markdown)).isEmpty();
    }

    @Test
    void a_mention_needs_a_name_of_1_to_50_characters() {
        // Guests' names are 1 to 50 characters; accounts' usernames 3 to 32 fall within.
        String tooLong = "a".repeat(51);

        assertThat(MessageMarkdown.toHtml("@ @a @" + tooLong + " @" + "b".repeat(50), EVERYBODY))
                .isEqualTo("<p>@ <span class=\"mention\">@a</span> @" + tooLong + " <span class=\"mention\">@"
                        + "b".repeat(50) + "</span></p>");
    }

    @Test
    void a_mention_ends_at_punctuation() {
        assertThat(MessageMarkdown.toHtml("@bob. @bob's (@bob) @bob!", EVERYBODY))
                .isEqualTo("<p><span class=\"mention\">@bob</span>. <span class=\"mention\">@bob</span>'s"
                        + " (<span class=\"mention\">@bob</span>) <span class=\"mention\">@bob</span>!</p>");
    }

    @Test
    void mentions_in_lists_every_name_once_in_lower_case_in_order_of_first_appearance() {
        assertThat(MessageMarkdown.mentionsIn("@Zoe and @adam, then @zoe again; `@code` @nobody_here *@emma*"))
                .containsExactly("zoe", "adam", "nobody_here", "emma");
    }

    @Test
    void mentions_in_a_message_without_any_is_empty() {
        assertThat(MessageMarkdown.mentionsIn("just text, a@b.example and a lone @"))
                .isEmpty();
    }

    // --- XSS corpus ---

    @Test
    void the_xss_corpus_has_enough_payloads() {
        assertThat(xssCorpus()).hasSizeGreaterThanOrEqualTo(35).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("xssCorpus")
    void xss_payload_renders_no_executable_markup(String payload) {
        assertNoExecutableMarkup(MessageMarkdown.toHtml(payload, EVERYBODY));
    }

    @Test
    void the_xss_check_itself_catches_executable_markup() {
        List<String> unsafe = List.of(
                "<img src=x>",
                "<p onclick=\"alert(1)\">x</p>",
                "<a href=\"javascript:alert(1)\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">x</a>",
                "<a href=\" JaVaScRiPt:alert(1)\">x</a>",
                "<p><svg></svg></p>",
                "<span class=\"x\">x</span>",
                "<code class=\"language-a b\">x</code>",
                "<p style=\"color:red\">x</p>");
        for (String html : unsafe) {
            assertThatThrownBy(() -> assertNoExecutableMarkup(html)).as(html).isInstanceOf(AssertionError.class);
        }
        assertNoExecutableMarkup("<p><a href=\"https://example.com\" " + LINK_ATTRIBUTES + ">x</a></p>");
    }

    /** Allowed tags only, no active elements, no event handlers, safe hrefs, and known attributes with known values. */
    private static void assertNoExecutableMarkup(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        for (Element element : body.getAllElements()) {
            if (element == body) {
                continue;
            }
            String tag = element.normalName();
            assertThat(tag).as("tag in %s", html).isIn(ALLOWED_TAGS).isNotIn(FORBIDDEN_TAGS);
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute.getValue();
                assertThat(name).as("attribute in %s", html).doesNotStartWith("on");
                switch (name) {
                    case "href" -> {
                        assertThat(tag).isEqualTo("a");
                        assertThat(value.strip().toLowerCase(Locale.ROOT))
                                .as("href in %s", html)
                                .matches("(http|https|mailto):.*");
                    }
                    case "rel" -> assertThat(tag + " " + value).isEqualTo("a noopener noreferrer nofollow");
                    case "target" -> assertThat(tag + " " + value).isEqualTo("a _blank");
                    case "class" -> {
                        if (tag.equals("span")) {
                            assertThat(value).as("class in %s", html).isEqualTo("mention");
                        } else {
                            assertThat(tag).as("class in %s", html).isEqualTo("code");
                            assertThat(value).as("class in %s", html).matches(ALLOWED_CODE_CLASS);
                        }
                    }
                    case "start" -> assertThat(tag + " " + value).matches("ol [0-9]+");
                    default -> throw new AssertionError("attribute " + name + " on " + tag + " in " + html);
                }
            }
        }
    }

    /** Parsing the output again must give the same markup, or a browser could see something this test never checked. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("xssCorpus")
    void xss_payload_renders_markup_that_parses_back_to_itself(String payload) {
        String html = MessageMarkdown.toHtml(payload, EVERYBODY);
        Document reparsed = Jsoup.parseBodyFragment(html);
        reparsed.outputSettings().prettyPrint(false);

        assertThat(reparsed.body().html()).isEqualTo(html);
    }

    static List<String> xssCorpus() {
        try (InputStream in = Objects.requireNonNull(
                        MessageMarkdownTest.class.getResourceAsStream("/xss-corpus.txt"), "xss-corpus.txt");
                Stream<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()) {
            return lines.filter(line -> !line.isBlank() && !line.startsWith("# "))
                    .map(line -> line.replace("\\n", "\n").replace("\\t", "\t"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
