package dev.parley.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates Slack's "mrkdwn" into the Markdown messages are written in ({@link dev.parley.messages.MessageMarkdown}),
 * so that what tools send to Slack reads the same here. Only what differs is translated; the result still goes through
 * the same rendering and allow-list as everything a member writes:
 *
 * <ul>
 *   <li>{@code <https://…|label>} becomes a Markdown link, {@code <https://…>} an autolink ({@code http:},
 *       {@code https:} and {@code mailto:} only; anything else keeps its label as text);
 *   <li>{@code <!here>}, {@code <!channel>} and {@code <!everyone>} become the words {@code @here} and so on (they
 *       notify nobody), {@code <@U123|name>} {@code @name}, {@code <#C123|name>} {@code #name}, and any other
 *       {@code <…|label>} its label;
 *   <li>{@code *bold*} becomes {@code **bold**} and {@code ~strike~} {@code ~~strike~~}; {@code _italic_},
 *       {@code `code`}, quotes and lists are the same in both; Markdown's own {@code **bold**} and links are left as
 *       they are, so a tool that sends Markdown (as Mattermost's users do) is not garbled;
 *   <li>Slack's escapes {@code &amp;}, {@code &lt;} and {@code &gt;} become the characters again;
 *   <li>code spans and blocks are kept as they are (a {@code ```block```} on one line gets the line breaks Markdown
 *       needs around a fence).
 * </ul>
 */
final class SlackMrkdwn {

    private static final Pattern CODE = Pattern.compile("```([\\s\\S]*?)```|`[^`\\n]+`");
    private static final Pattern CONTROL = Pattern.compile("<([^<>\\n]+)>");
    private static final Pattern BOLD =
            Pattern.compile("(?<![\\p{L}\\p{N}*\\\\])\\*(?![\\s*])([^*\\n]*?[^\\s*\\\\])\\*(?![\\p{L}\\p{N}*])");
    private static final Pattern BOLD_ONE =
            Pattern.compile("(?<![\\p{L}\\p{N}*\\\\])\\*([^\\s*])\\*(?![\\p{L}\\p{N}*])");
    private static final Pattern STRIKE =
            Pattern.compile("(?<![\\p{L}\\p{N}~\\\\])~(?![\\s~])([^~\\n]*?[^\\s~\\\\])~(?![\\p{L}\\p{N}~])");
    private static final Pattern PLACEHOLDER = Pattern.compile("\u0000(\\d+)\u0000");

    private SlackMrkdwn() {}

    static String toMarkdown(String mrkdwn) {
        String text = mrkdwn.replace("\u0000", "");
        StringBuilder out = new StringBuilder(text.length() + 16);
        Matcher code = CODE.matcher(text);
        int last = 0;
        while (code.find()) {
            out.append(prose(text.substring(last, code.start())));
            if (code.group(1) != null) {
                String inner = unescape(code.group(1)).replaceAll("^\\n|\\n$", "");
                if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
                out.append("```\n").append(inner).append("\n```\n");
            } else {
                out.append(unescape(code.group()));
            }
            last = code.end();
        }
        out.append(prose(text.substring(last)));
        return out.toString();
    }

    /** Text outside code: controls first (kept aside, so that a URL's {@code *} is never bold), then emphasis. */
    private static String prose(String text) {
        List<String> kept = new ArrayList<>();
        String marked = CONTROL.matcher(text).replaceAll(control -> {
            kept.add(control(control.group(1)));
            return "\u0000" + (kept.size() - 1) + "\u0000";
        });
        marked = BOLD.matcher(marked).replaceAll("**$1**");
        marked = BOLD_ONE.matcher(marked).replaceAll("**$1**");
        marked = STRIKE.matcher(marked).replaceAll("~~$1~~");
        marked = unescape(marked);
        return PLACEHOLDER
                .matcher(marked)
                .replaceAll(placeholder -> Matcher.quoteReplacement(kept.get(Integer.parseInt(placeholder.group(1)))));
    }

    /** One {@code <…>}: a link, a mention of someone or of a channel, a special word, or its label. */
    private static String control(String inner) {
        int bar = inner.indexOf('|');
        String target = unescape(bar < 0 ? inner : inner.substring(0, bar));
        String label = bar < 0 ? null : unescape(inner.substring(bar + 1));
        String lower = target.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:")) {
            String url = target.replace(" ", "%20").replace("(", "%28").replace(")", "%29");
            if (label == null || label.isBlank() || label.equals(target)) {
                return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">";
            }
            return "[" + label.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]") + "](" + url + ")";
        }
        if (target.startsWith("!")) {
            if (label != null) {
                return label;
            }
            String word = target.substring(1);
            int caret = word.indexOf('^');
            return "@" + (caret < 0 ? word : word.substring(0, caret));
        }
        if (target.startsWith("@")) {
            return label != null ? "@" + label.replaceFirst("^@", "") : target;
        }
        if (target.startsWith("#")) {
            return label != null ? "#" + label.replaceFirst("^#", "") : target;
        }
        return label != null ? label : target;
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
