package dev.parley.messages;

import dev.parley.accounts.User;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.commonmark.renderer.html.UrlSanitizer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Turns a message's Markdown into a safe HTML fragment, and finds the {@code @username} mentions in it. Rendering is on
 * the server (commonmark-java), and its output always goes through a jsoup {@link Safelist}, so what a user writes can
 * never become script, style, a frame or a request to another site.
 *
 * <p>What is rendered, and why:
 *
 * <ul>
 *   <li>Bold, italic, {@code ~~strikethrough~~} (two tildes: one, as in {@code ~5 min}, means "about"), {@code `inline
 *       code`}, fenced code blocks (with a {@code language-xxx} class for a later highlighter), block quotes, bullet
 *       and numbered lists, and links: Markdown links, {@code <https://…>} autolinks, and bare URLs and e-mail
 *       addresses in the text.
 *   <li>Links only to {@code http:}, {@code https:} and {@code mailto:} URLs; each opens in a new tab with
 *       {@code rel="noopener noreferrer nofollow"}. A link to anything else ({@code javascript:}, {@code data:},
 *       {@code vbscript:}, relative URLs) keeps its text and loses the link.
 *   <li>Raw HTML is shown as the text it is: {@code <b>hi</b>} reads as typed, it is never markup.
 *   <li>Images are not loaded: {@code ![alt](url)} becomes a link to the URL with the alt text (or the URL) as its
 *       text, so a message can't make every reader's browser fetch a tracking pixel. An image inside a link becomes
 *       just that text, so links never nest.
 *   <li>Headings, thematic breaks ({@code ---}) and indented code are not Markdown here: a chat line starting with
 *       {@code # }, a line of dashes under a sentence or pasted indented text stays the text it was, instead of a giant
 *       heading, a rule or a code block the writer didn't ask for.
 *   <li>A single newline in a paragraph is a line break ({@code <br>}): in chat, Enter means a new line.
 *   <li>{@code @username} (the characters of {@link User#GUEST_NAME_PATTERN}, {@value User#GUEST_NAME_MIN_LENGTH} to
 *       {@value User#NAME_MAX_LENGTH} characters, any case: accounts' usernames and guests' names) is a mention when
 *       the caller says that user can be mentioned, and is then wrapped in {@code <span class="mention">}. It is never
 *       a mention in code, in a link (its text or its URL), or right after a letter, digit or one of {@code _.+-@/}
 *       ({@code bob@example}, {@code a@bob.com}), so e-mail addresses and paths mention nobody.
 * </ul>
 *
 * <p>The output uses only {@code p, br, strong, em, del, code, pre, blockquote, ul, ol, li, a, span}; the only
 * attributes are {@code href}, {@code rel} and {@code target} on {@code a}, {@code class} on {@code span}
 * ({@code mention}) and {@code code} ({@code language-xxx}), and {@code start} on {@code ol} (so a list that starts at
 * 3 is numbered from 3). Thread-safe: the parser, renderer and safelist are built once and never changed.
 */
public final class MessageMarkdown {

    /** One character of a mentioned username as written: any case, as mentions are matched in lower case. */
    private static final String MENTION_CHARACTER = "[a-zA-Z0-9_-]";

    /** An {@code @} right after one of these starts no mention: it is an e-mail address, a path or a longer word. */
    private static final String NOT_BEFORE_MENTION = "(?<![\\p{L}\\p{N}_.+\\-@/])";

    /**
     * {@code @name}, not glued to the word, address or path before it, and not cut short: {@code @} followed by 51 name
     * characters is no mention at all.
     */
    private static final Pattern MENTION = Pattern.compile(NOT_BEFORE_MENTION + "@(" + MENTION_CHARACTER + "{"
            + User.GUEST_NAME_MIN_LENGTH + "," + User.NAME_MAX_LENGTH + "})(?!" + MENTION_CHARACTER + ")");

    /**
     * A mention being written at the end of a text (the text before the caret, in the composer): {@code @} where a
     * mention may start, and the at most {@value User#NAME_MAX_LENGTH} name characters typed after it so far, as group
     * 1, maybe none. Same characters and same rule for what comes before as a finished mention, so that what the
     * composer completes is a mention once sent. Its syntax reads the same as a Java {@link Pattern} and as a
     * JavaScript {@code RegExp} with the {@code u} flag, so the composer's browser-side event filter uses this very
     * text. Mind Java's {@code $}, which also matches before a final line break: check that the match ends the text.
     */
    public static final String MENTION_BEING_TYPED =
            NOT_BEFORE_MENTION + "@(" + MENTION_CHARACTER + "{0," + User.NAME_MAX_LENGTH + "})$";

    private static final Pattern CODE_LANGUAGE_CLASS = Pattern.compile("language-[A-Za-z0-9_+#.-]{1,32}");

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private static final List<String> ALLOWED_URL_PREFIXES = List.of("http:", "https:", "mailto:");

    private static final List<Extension> EXTENSIONS =
            List.of(StrikethroughExtension.builder().requireTwoTildes(true).build(), AutolinkExtension.create());

    private static final Parser PARSER = Parser.builder()
            // Heading, ThematicBreak, IndentedCodeBlock and HtmlBlock are left out on purpose (see the class doc);
            // HTML that is left as inline text is escaped by the renderer.
            .enabledBlockTypes(Set.of(BlockQuote.class, FencedCodeBlock.class, ListBlock.class))
            .extensions(EXTENSIONS)
            .build();

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new AllowListUrlSanitizer())
            .softbreak("<br>")
            .nodeRendererFactory(context -> new MentionRenderer(context.getWriter()))
            .build();

    private static final TextContentRenderer PLAIN_RENDERER =
            TextContentRenderer.builder().extensions(EXTENSIONS).build();

    private static final Safelist SAFELIST = new Safelist()
            .addTags("p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "span")
            .addAttributes("a", "href")
            .addAttributes("span", "class")
            .addAttributes("code", "class")
            .addAttributes("ol", "start")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .addEnforcedAttribute("a", "target", "_blank");

    private MessageMarkdown() {}

    /**
     * Renders a message as a sanitised HTML fragment.
     *
     * @param markdown what the user wrote
     * @param isMentionable asked with a lower-case username; only names it accepts are highlighted as mentions
     * @return block elements ({@code <p>}, {@code <pre>}, {@code <blockquote>}, lists) with safe inline markup,
     *     possibly several side by side: set it as the inner HTML of one element; empty for a blank message
     */
    public static String toHtml(String markdown, Predicate<String> isMentionable) {
        Node document = PARSER.parse(markdown);
        replaceImagesWithLinks(document);
        highlightMentions(document, isMentionable);
        return sanitise(RENDERER.render(document));
    }

    /**
     * A message as a line of plain text for a notification or a toast: the Markdown's text without its markup,
     * whitespace collapsed, cut at {@code max} characters with an ellipsis. Plain text, to be shown as text.
     */
    public static String toSnippet(String markdown, int max) {
        String line = PLAIN_RENDERER.render(PARSER.parse(markdown)).strip().replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max - 1).stripTrailing() + "…";
    }

    /**
     * The users a message mentions, whether or not they exist: lower-case usernames in order of first appearance,
     * leaving out code and links as {@link #toHtml} does.
     */
    public static Set<String> mentionsIn(String markdown) {
        Set<String> usernames = new LinkedHashSet<>();
        for (Text text : mentionableTexts(PARSER.parse(markdown))) {
            Matcher matcher = MENTION.matcher(text.getLiteral());
            while (matcher.find()) {
                usernames.add(matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return Collections.unmodifiableSet(usernames);
    }

    private static void replaceImagesWithLinks(Node document) {
        List<Image> images = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                images.add(image);
                visitChildren(image);
            }
        });
        for (Image image : images) {
            // inside a link, a second link would nest anchors (which HTML parsers pull apart): keep the text only
            Node replacement = isInsideLink(image) ? null : new Link(image.getDestination(), image.getTitle());
            if (image.getFirstChild() == null) {
                image.appendChild(new Text(image.getDestination()));
            }
            for (Node child = image.getFirstChild(); child != null; ) {
                Node next = child.getNext();
                if (replacement != null) {
                    replacement.appendChild(child);
                } else {
                    image.insertBefore(child);
                }
                child = next;
            }
            if (replacement != null) {
                image.insertBefore(replacement);
            }
            image.unlink();
        }
    }

    private static boolean isInsideLink(Node node) {
        for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent instanceof Link) {
                return true;
            }
        }
        return false;
    }

    private static void highlightMentions(Node document, Predicate<String> isMentionable) {
        Map<String, Boolean> answers = new HashMap<>();
        for (Text text : mentionableTexts(document)) {
            String literal = text.getLiteral();
            Matcher matcher = MENTION.matcher(literal);
            int done = 0;
            while (matcher.find()) {
                String username = matcher.group(1).toLowerCase(Locale.ROOT);
                if (!answers.computeIfAbsent(username, isMentionable::test)) {
                    continue;
                }
                if (matcher.start() > done) {
                    text.insertBefore(new Text(literal.substring(done, matcher.start())));
                }
                text.insertBefore(new Mention(matcher.group()));
                done = matcher.end();
            }
            if (done == literal.length()) {
                text.unlink();
            } else if (done > 0) {
                text.setLiteral(literal.substring(done));
            }
        }
    }

    /** Text nodes outside links and images; code spans and blocks hold literals, not text nodes. */
    private static List<Text> mentionableTexts(Node document) {
        List<Text> texts = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                texts.add(text);
            }

            @Override
            public void visit(Link link) {}

            @Override
            public void visit(Image image) {}
        });
        return texts;
    }

    /**
     * The allow-list pass over the renderer's HTML: the renderer already escapes raw HTML and drops unsafe URLs, and
     * this makes sure of it whatever changes in the renderer, and fixes up what a safelist can't express.
     */
    private static String sanitise(String html) {
        Document clean = new Cleaner(SAFELIST).clean(Jsoup.parseBodyFragment(html, ""));
        for (Element link : clean.body().select("a")) {
            if (!link.hasAttr("href")) {
                link.unwrap();
            }
        }
        for (Element span : clean.body().select("span")) {
            if (!span.attr("class").equals("mention")) {
                span.unwrap();
            }
        }
        for (Element code : clean.body().select("code[class]")) {
            if (!CODE_LANGUAGE_CLASS.matcher(code.attr("class")).matches()) {
                code.removeAttr("class");
            }
        }
        for (Element list : clean.body().select("ol[start]")) {
            if (!DIGITS.matcher(list.attr("start")).matches()) {
                list.removeAttr("start");
            }
        }
        clean.outputSettings().prettyPrint(false);
        return clean.body().html().strip();
    }

    /** Keeps only http, https and mailto URLs; anything else becomes an empty link, which the cleaner unwraps. */
    private static final class AllowListUrlSanitizer implements UrlSanitizer {

        @Override
        public String sanitizeLinkUrl(String url) {
            String lower = url.strip().toLowerCase(Locale.ROOT);
            return ALLOWED_URL_PREFIXES.stream().anyMatch(lower::startsWith) ? url.strip() : "";
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return ""; // images are turned into links before rendering; this is only the fallback
        }
    }

    /** A highlighted {@code @username}, as written. */
    private static final class Mention extends CustomNode {

        private final String written;

        Mention(String written) {
            this.written = written;
        }
    }

    private static final class MentionRenderer implements NodeRenderer {

        private final HtmlWriter html;

        MentionRenderer(HtmlWriter html) {
            this.html = html;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Mention.class);
        }

        @Override
        public void render(Node node) {
            html.tag("span", Map.of("class", "mention"));
            html.text(((Mention) node).written);
            html.tag("/span");
        }
    }
}
