package io.newstrends.article;

import java.util.List;

/**
 * One article as the splitter found it, before ids, dates and regions are attached.
 *
 * @param ordinal       1-based position in the issue
 * @param kind          news, commentary, photo, notice, interview or document
 * @param kicker        column heading or lead-in line above the headline (引题/栏目), or null
 * @param headline      the main headline, or null when the issue printed none
 * @param subheadline   subtitle or second headline line, or null
 * @param byline        reporter or photographer credit, or null
 * @param datelinePlace place named in the dateline, or null
 * @param datelineMonth month of the dateline, or null
 * @param datelineDay   day of the dateline, or null
 * @param body          body text, paragraphs separated by LF
 * @param flags         quality and layout flags (continued, no_headline, mojibake, …)
 */
public record SplitArticle(int ordinal, String kind, String kicker, String headline, String subheadline,
                           String byline, String datelinePlace, Integer datelineMonth, Integer datelineDay,
                           String body, List<String> flags) {
}
