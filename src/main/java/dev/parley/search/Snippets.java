package dev.parley.search;

import java.text.Normalizer;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;
import org.jspecify.annotations.Nullable;

/**
 * Snippets of search hits. The highlighter marks the words that matched the whole-word field; the word being typed
 * matched the prefix field, whose edge n-grams the highlighter cannot mark, so the words of the snippet that start
 * with it are marked here.
 */
final class Snippets {

    static final String OPEN = "<mark>";
    static final String CLOSE = "</mark>";

    private static final Safelist MARKS_ONLY = Safelist.none().addTags("mark");

    private Snippets() {}

    /**
     * The snippet as HTML: the highlighter's output (the user's text escaped, matched words in {@code <mark>}), with
     * the words starting with {@code prefix} (ignoring case and accents) marked too, cleaned to text and
     * {@code <mark>} only, although the highlighter has escaped the user's text already.
     */
    static String of(@Nullable String highlighted, @Nullable String prefix) {
        String html = highlighted == null ? "" : highlighted;
        String folded = prefix == null ? "" : fold(prefix);
        if (!folded.isEmpty()) {
            html = markPrefix(html, folded);
        }
        return Jsoup.clean(html, MARKS_ONLY);
    }

    private static String markPrefix(String html, String prefix) {
        StringBuilder out = new StringBuilder(html.length() + 32);
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (html.startsWith(OPEN, i)) {
                int end = html.indexOf(CLOSE, i);
                end = end < 0 ? html.length() : end + CLOSE.length();
                out.append(html, i, end);
                i = end;
            } else if (c == '&') {
                // An entity of the escaped text (&lt; &amp; &#39;): copied whole, never split by a mark.
                int end = html.indexOf(';', i);
                end = end < 0 ? html.length() : end + 1;
                out.append(html, i, end);
                i = end;
            } else if (Character.isLetterOrDigit(c)) {
                int end = i;
                while (end < html.length() && Character.isLetterOrDigit(html.charAt(end))) {
                    end++;
                }
                String word = html.substring(i, end);
                if (fold(word).startsWith(prefix)) {
                    out.append(OPEN).append(word).append(CLOSE);
                } else {
                    out.append(word);
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Lower case without accents, as the prefix field's analyzers fold words. */
    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }
}
