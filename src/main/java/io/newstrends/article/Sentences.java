package io.newstrends.article;

import java.util.regex.Pattern;

/** Small predicates about sentence boundaries shared by reconstruction and classification. */
final class Sentences {

    private static final Pattern ENUMERATED = Pattern.compile(
            "^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\\d{1,2}[.．、](?!\\d)|第[一二三四五六七八九十]{1,3}[,，、])");
    private static final String SENTENCE_END = "。！？!?…；;";

    private Sentences() {
    }

    /** True when the text ends a sentence: final punctuation, possibly inside closing quotes. */
    static boolean endsSentence(String text) {
        String t = text.strip();
        // A trailing credit in brackets, as in "…动能。（祁淑婧 方瑞敏）", follows a finished sentence.
        if (t.endsWith("）") || t.endsWith(")")) {
            int open = Math.max(t.lastIndexOf('（'), t.lastIndexOf('('));
            if (open > 0 && endsSentence(t.substring(0, open))) {
                return true;
            }
        }
        int i = text.length() - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || "”’」』）)".indexOf(text.charAt(i)) >= 0)) {
            if (i < text.length() - 1 || text.charAt(i) != ' ') {
                // a closing quote or bracket may follow the full stop
                if (i > 0 && SENTENCE_END.indexOf(text.charAt(i - 1)) >= 0) {
                    return true;
                }
            }
            i--;
        }
        return i >= 0 && (SENTENCE_END.indexOf(text.charAt(i)) >= 0 || text.charAt(i) == '摄');
    }

    /** True for numbered section headings and items ({@code 一、}, {@code （二）}, {@code 3.}). */
    static boolean isEnumerated(String text) {
        return ENUMERATED.matcher(text).find();
    }
}
