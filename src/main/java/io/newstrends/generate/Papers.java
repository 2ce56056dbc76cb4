package io.newstrends.generate;

import java.util.List;

/**
 * The papers a generated corpus holds, in a fixed order: 内蒙古日报 first, then one city paper
 * per 盟市. A spec asking for P papers gets the first P of them, so paper 1 is always 包头日报.
 */
public final class Papers {

    /**
     * One paper.
     *
     * @param index       position in the fixed order
     * @param name        the name written to manifest.csv as {@code source}
     * @param slug        its folder below the output root (no digits, so PathDates only sees the file's date)
     * @param regionCode  GB/T 2260 code of its 盟市 (150000 for the autonomous region's paper)
     * @param columnWidth hard-wrap width in characters like the PDF columns of seed 002, 0 for one line per paragraph
     */
    public record Paper(int index, String name, String slug, String regionCode, int columnWidth) {

        /** Column papers print headlines after their bodies, as seed 002 does. */
        public boolean isColumnLayout() {
            return columnWidth > 0;
        }
    }

    public static final int MAX = 13;

    // Every third paper is hard-wrapped, at 15 to 18 characters, so a corpus of three papers
    // already holds both layouts the splitter has to handle.
    private static final List<Paper> ALL = List.of(
            new Paper(0, "内蒙古日报", "neimenggu-ribao", "150000", 0),
            new Paper(1, "包头日报", "baotou-ribao", "150200", 0),
            new Paper(2, "呼和浩特日报", "huhehaote-ribao", "150100", 17),
            new Paper(3, "鄂尔多斯日报", "eerduosi-ribao", "150600", 0),
            new Paper(4, "乌海日报", "wuhai-ribao", "150300", 0),
            new Paper(5, "赤峰日报", "chifeng-ribao", "150400", 16),
            new Paper(6, "通辽日报", "tongliao-ribao", "150500", 0),
            new Paper(7, "呼伦贝尔日报", "hulunbeier-ribao", "150700", 0),
            new Paper(8, "巴彦淖尔日报", "bayannaoer-ribao", "150800", 15),
            new Paper(9, "乌兰察布日报", "wulanchabu-ribao", "150900", 0),
            new Paper(10, "兴安日报", "xingan-ribao", "152200", 0),
            new Paper(11, "锡林郭勒日报", "xilinguole-ribao", "152500", 18),
            new Paper(12, "阿拉善日报", "alashan-ribao", "152900", 0));

    private Papers() {
    }

    /** The first {@code n} papers. */
    public static List<Paper> first(int n) {
        if (n < 1 || n > MAX) {
            throw new IllegalArgumentException("papers must be between 1 and " + MAX + ", not " + n);
        }
        return ALL.subList(0, n);
    }
}
