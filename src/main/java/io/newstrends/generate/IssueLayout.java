package io.newstrends.generate;

import io.newstrends.article.LayoutReconstructor;
import io.newstrends.article.TextNormalizer;
import io.newstrends.generate.Papers.Paper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints composed articles the way the seed issues are printed.
 *
 * <p><em>Line</em> layout (seeds 000, 004): the headline, an optional {@code ——} subtitle and byline,
 * then one line per paragraph, blank lines between, a {@code ■下转第N版} line after a report that
 * continues elsewhere. <em>Column</em> layout (seed 002): every paragraph hard-wrapped at the
 * paper's column width, and the headline printed <em>after</em> its body. A column issue the
 * splitter would not read back exactly (too short for its columns to be recognized, or with a
 * line it would drop as repeated) is printed in line layout instead.
 */
final class IssueLayout {

    private IssueLayout() {
    }

    static String render(Paper paper, List<GeneratedArticle> articles) {
        if (paper.isColumnLayout()) {
            String text = columns(articles, paper.columnWidth());
            if (text != null && detectedColumnWidth(text) == paper.columnWidth()) {
                return text;
            }
        }
        return lines(articles);
    }

    private static String lines(List<GeneratedArticle> articles) {
        StringBuilder out = new StringBuilder(16_384);
        for (GeneratedArticle a : articles) {
            header(out, a);
            for (String p : a.paragraphs()) {
                out.append('\n').append(p).append('\n');
            }
            if (a.continuation() != null) {
                out.append('\n').append(a.continuation()).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The issue in columns, or null when some line would be printed three times. */
    private static String columns(List<GeneratedArticle> articles, int width) {
        StringBuilder out = new StringBuilder(16_384);
        Map<String, Integer> printed = new HashMap<>();
        for (GeneratedArticle a : articles) {
            for (int i = 0; i < a.paragraphs().size(); i++) {
                if (i > 0) {
                    out.append('\n');
                }
                for (String line : wrap(a.paragraphs().get(i), width, printed)) {
                    out.append(line).append('\n');
                }
            }
            if (a.continuation() != null) {
                out.append(a.continuation()).append('\n');
            }
            out.append('\n');
            header(out, a);
            out.append('\n');
        }
        return printed.values().stream().allMatch(n -> n <= 2) ? out.toString() : null;
    }

    private static void header(StringBuilder out, GeneratedArticle a) {
        out.append(a.headline()).append('\n');
        if (a.subheadline() != null) {
            out.append("——").append(a.subheadline()).append('\n');
        }
        if (a.byline() != null) {
            out.append(a.byline()).append('\n');
        }
    }

    /**
     * Cuts a paragraph into lines of the column width. A line that reaches the width continues on
     * the next one, so lines are filled to the width; a cut never falls inside a run of ASCII
     * letters and digits (the splitter would rejoin it with a space) or a surrogate pair.
     *
     * <p>The normalizer drops a line printed three times in an issue as layout debris, and in
     * narrow columns lines repeat: paragraph tails ({@code 。}, {@code 发展。}), datelines
     * ({@code 本报乌拉特中旗1月8日电（记者}), stock phrases cut at the same place. So when a line
     * would be printed a third time, the paragraph is cut again with its first line one or two
     * cells shorter (still full enough to continue), which shifts every later cut, or with its
     * last cut a little earlier.
     *
     * @param printed how often each line has been printed in this issue; updated
     */
    static List<String> wrap(String paragraph, int width, Map<String, Integer> printed) {
        List<String> lines = null;
        for (int shift = 0; shift <= 2; shift++) {
            List<String> candidate = lines(paragraph, cuts(paragraph, width, width - shift, printed));
            if (lines == null) {
                lines = candidate;
            }
            if (fitsAfter(candidate, printed)) {
                lines = candidate;
                break;
            }
        }
        for (String line : lines) {
            printed.merge(line.strip(), 1, Integer::sum);
        }
        return lines;
    }

    /** True when no line, counting the paragraph's own repeats, would be printed a third time. */
    private static boolean fitsAfter(List<String> lines, Map<String, Integer> printed) {
        Map<String, Integer> own = new HashMap<>();
        for (String line : lines) {
            String key = line.strip();
            if (printed.getOrDefault(key, 0) + own.merge(key, 1, Integer::sum) > 2) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> cuts(String paragraph, int width, int firstLimit, Map<String, Integer> printed) {
        List<Integer> cuts = new ArrayList<>();
        int n = paragraph.length();
        int start = 0;
        while (start < n) {
            int limit = cuts.isEmpty() ? firstLimit : width;
            double w = 0;
            int end = start;
            while (end < n && w + TextRules.cellWidth(paragraph.charAt(end)) <= limit) {
                w += TextRules.cellWidth(paragraph.charAt(end));
                end++;
            }
            if (end < n) {
                int cut = end;
                double cutWidth = w;
                while (cut > start + 1 && !cuttable(paragraph, cut) && cutWidth > width - 2) {
                    cut--;
                    cutWidth -= TextRules.cellWidth(paragraph.charAt(cut));
                }
                if (!cuttable(paragraph, cut) || cutWidth < width - 2) {
                    // no cut near the width: run on past the ASCII run instead, a little wider
                    cut = end;
                    while (cut < n && !cuttable(paragraph, cut)) {
                        cut++;
                    }
                }
                end = cut;
            }
            cuts.add(end);
            start = end;
        }
        if (cuts.size() >= 2) {
            int previousStart = cuts.size() >= 3 ? cuts.get(cuts.size() - 3) : 0;
            int cut = cuts.get(cuts.size() - 2);
            while (printed.getOrDefault(paragraph.substring(cut).strip(), 0) >= 2 && cut > previousStart + 1) {
                int earlier = cut - 1;
                if (!cuttable(paragraph, earlier)
                        || TextRules.width(paragraph.substring(previousStart, earlier)) < width - 2) {
                    break;
                }
                cut = earlier;
            }
            cuts.set(cuts.size() - 2, cut);
        }
        return cuts;
    }

    private static List<String> lines(String paragraph, List<Integer> cuts) {
        List<String> lines = new ArrayList<>(cuts.size());
        int from = 0;
        for (int to : cuts) {
            lines.add(paragraph.substring(from, to));
            from = to;
        }
        return lines;
    }

    private static boolean cuttable(String s, int at) {
        if (at <= 0 || at >= s.length()) {
            return true;
        }
        char before = s.charAt(at - 1);
        char after = s.charAt(at);
        return !Character.isLowSurrogate(after) && !(isAsciiWord(before) && isAsciiWord(after));
    }

    private static boolean isAsciiWord(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    /**
     * The column width the splitter finds in this text, 0 for none: asked of the splitter's own
     * normalization and layout reconstruction, so the two can never disagree.
     */
    static int detectedColumnWidth(String text) {
        return LayoutReconstructor.reconstruct(TextNormalizer.normalize(text).text()).columnWidth();
    }
}
