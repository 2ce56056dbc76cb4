package io.newstrends.article;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the lines of a normalized issue back into paragraphs.
 *
 * <p>Two layouts come out of PDF extraction and scraping. In <em>column</em> layout (seed 002)
 * every line is cut at the column width, about 15 characters: a line that reaches the width
 * was wrapped and continues on the next line, even across a blank line when it stops
 * mid-sentence; a shorter line ends its paragraph. In <em>line</em> layout (the other seeds)
 * each line is a paragraph, but extraction sometimes breaks one in the middle of a sentence;
 * a long line with commas that does not end a sentence continues on the next line, unless that
 * line opens a new report (a dateline) or a numbered section.
 */
public final class LayoutReconstructor {

    private static final Pattern MARKDOWN_HEADING = Pattern.compile("^#{1,6}\\s+");
    private static final Pattern PHRASE_GAP = Pattern.compile("\\p{IsHan}[”」]? +[“「]?\\p{IsHan}");
    /** Minimum number of lines before a column layout is trusted. */
    private static final int COLUMN_MIN_LINES = 20;
    private static final int COLUMN_MAX_WIDTH = 30;

    private LayoutReconstructor() {
    }

    /** Result of reconstruction: paragraphs and the column width found (0 for line layout). */
    public record Layout(List<Paragraph> paragraphs, int columnWidth) {
    }

    private record Line(String text, boolean blankBefore, boolean markdown, boolean continued) {
    }

    /** Rebuilds paragraphs from normalized text. */
    public static Layout reconstruct(String normalizedText) {
        List<Line> lines = readLines(normalizedText);
        int column = columnWidth(lines);
        List<Paragraph> paragraphs = new ArrayList<>();
        StringBuilder current = null;
        Line first = null;
        boolean continued = false;
        Line previous = null;
        boolean previousOpensParagraph = false;
        for (Line line : lines) {
            boolean join = previous != null && current != null
                    && (column > 0 ? joinsInColumn(previous, line, column, previousOpensParagraph)
                    : joinsInLines(current, first.markdown(), continued, line));
            previousOpensParagraph = !join && (previous == null || Sentences.endsSentence(previous.text()));
            if (join) {
                appendJoined(current, line.text());
                continued |= line.continued();
            } else {
                if (current != null) {
                    paragraphs.add(new Paragraph(current.toString(), first.blankBefore(), first.markdown(), continued));
                }
                current = new StringBuilder(line.text());
                first = line;
                continued = line.continued();
            }
            previous = line;
        }
        if (current != null) {
            paragraphs.add(new Paragraph(current.toString(), first.blankBefore(), first.markdown(), continued));
        }
        return new Layout(paragraphs, column);
    }

    private static List<Line> readLines(String text) {
        List<Line> lines = new ArrayList<>();
        boolean blank = true;
        String[] raw = text.split("\n", -1);
        for (String value : raw) {
            String line = value.strip();
            boolean continued = false;
            Matcher marker = ContinuationMarkers.PATTERN.matcher(line);
            if (marker.find()) {
                continued = true;
                line = marker.replaceAll("").strip();
            }
            if (line.isEmpty()) {
                if (continued && !lines.isEmpty()) {
                    Line last = lines.remove(lines.size() - 1);
                    lines.add(new Line(last.text(), last.blankBefore(), last.markdown(), true));
                }
                blank = true;
                continue;
            }
            boolean markdown = false;
            Matcher heading = MARKDOWN_HEADING.matcher(line);
            if (heading.find()) {
                markdown = true;
                line = line.substring(heading.end()).strip();
            }
            lines.add(new Line(line, blank, markdown, continued));
            blank = false;
        }
        return lines;
    }

    /**
     * The modal line width when most lines are cut at one narrow width, else 0.
     */
    static int columnWidth(List<Line> lines) {
        if (lines.size() < COLUMN_MIN_LINES) {
            return 0;
        }
        Map<Integer, Integer> histogram = new HashMap<>();
        for (Line line : lines) {
            int w = (int) Math.round(TextWidth.of(line.text()));
            if (w >= 8) {
                histogram.merge(w, 1, Integer::sum);
            }
        }
        int mode = 0;
        int modeCount = 0;
        for (Map.Entry<Integer, Integer> e : histogram.entrySet()) {
            if (e.getValue() > modeCount || (e.getValue() == modeCount && e.getKey() > mode)) {
                mode = e.getKey();
                modeCount = e.getValue();
            }
        }
        if (mode == 0 || mode > COLUMN_MAX_WIDTH) {
            return 0;
        }
        int near = 0;
        for (Line line : lines) {
            double w = TextWidth.of(line.text());
            if (w >= mode - 2 && w <= mode + 1.5) {
                near++;
            }
        }
        return near * 10 >= lines.size() * 4 ? mode : 0;
    }

    private static boolean joinsInColumn(Line previous, Line line, int column, boolean previousOpensParagraph) {
        if (line.markdown() || previous.markdown() || previous.continued()) {
            return false;
        }
        if (!line.blankBefore() && DatelineParser.isDatelineOnly(previous.text())) {
            // "本报巴彦淖尔2月7日电 （记者" wraps into its credit, whatever the next line looks like
            return true;
        }
        if (isPhraseSpaced(line.text())) {
            return false;
        }
        // PDF gaps are whole cells, so spaces count full width here.
        double width = TextWidth.of(previous.text()) + 0.5 * spaces(previous.text());
        boolean full = width >= column - 2
                // the first line of a paragraph is indented by two cells
                || previousOpensParagraph && width >= column - 4 && !line.blankBefore()
                && TextWidth.of(line.text()) >= column - 2;
        if (!line.blankBefore()) {
            return full;
        }
        // Across a blank line only a full-width line cut mid-sentence continues.
        return full && width <= column + 2 && !Sentences.endsSentence(previous.text())
                && !DatelineParser.startsWithDateline(line.text());
    }

    /** Headline lines set phrases apart with spaces ({@code 石泰峰讲话 王莉霞主持}); body lines do not. */
    private static boolean isPhraseSpaced(String text) {
        return PHRASE_GAP.matcher(text).results().count() >= 2 && text.indexOf('，') < 0 && text.indexOf('。') < 0;
    }

    private static int spaces(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }

    private static boolean joinsInLines(CharSequence current, boolean currentMarkdown, boolean currentContinued, Line line) {
        String text = current.toString();
        if (line.markdown() || currentMarkdown || currentContinued || Sentences.endsSentence(text)
                || Sentences.isEnumerated(text) || Sentences.isEnumerated(line.text())
                || DatelineParser.startsWithDateline(line.text())
                || ArticleSplitter.role(new Paragraph(line.text(), line.blankBefore(), false, false)) != ArticleSplitter.Role.BODY) {
            return false;
        }
        if (DatelineParser.isDatelineOnly(text)) {
            return true;
        }
        // A fragment cut mid-sentence is long and has commas, or already holds a full stop;
        // a headline has neither.
        return TextWidth.of(text) >= 20 && (text.indexOf('，') >= 0 || text.indexOf('、') >= 0)
                || text.indexOf('。') >= 0;
    }

    private static void appendJoined(StringBuilder current, String next) {
        if (current.length() > 0 && !next.isEmpty()
                && isAsciiWord(current.charAt(current.length() - 1)) && isAsciiWord(next.charAt(0))) {
            current.append(' ');
        }
        current.append(next);
    }

    private static boolean isAsciiWord(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }
}
