package io.newstrends.generate;

import java.util.List;

/**
 * One article as the generator composed it: what the splitter should read back.
 *
 * @param headline      the headline
 * @param subheadline   the subtitle without its {@code ——}, or null
 * @param byline        the byline printed under the headline ({@code 本报记者 …}, {@code 本报评论员}), or null
 * @param datelinePlace the place named in the dateline, or null
 * @param kind          {@code news}, {@code commentary} or {@code photo}, as the splitter names kinds
 * @param paragraphs    the body paragraphs, the first with its dateline, as written before any wrapping
 * @param continuation  the continuation marker closing it ({@code ■下转第8版}), or null
 * @param terms         planted terms it mentions
 * @param topic         the planted topic it was made from, or null
 */
public record GeneratedArticle(String headline, String subheadline, String byline, String datelinePlace, String kind,
                               List<String> paragraphs, String continuation, List<String> terms, String topic) {

    public GeneratedArticle {
        paragraphs = List.copyOf(paragraphs);
        terms = List.copyOf(terms);
    }

    /** The body as the splitter joins it: paragraphs separated by LF. */
    public String body() {
        return String.join("\n", paragraphs);
    }
}
