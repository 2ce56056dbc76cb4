package io.newstrends.generate;

import io.newstrends.article.DatelineParser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What real text may be reused where, so that the splitter reads a generated issue back exactly
 * as it was composed. The rules are deliberately stricter than the splitter's own: a body
 * paragraph ends a sentence (so it is never taken for a headline or joined to the next line) and
 * opens no report (no dateline, no photo credit); a headline is a short clause with nothing a
 * body, a byline or a subtitle would have.
 */
final class TextRules {

    private static final String SENTENCE_END = "。！？";
    private static final String CLOSERS = "”’」』）";
    /** Separators that end the first clause of a sentence. */
    private static final String CLAUSE_END = "，。！？；：、,;:";
    /** Marks of layout debris: continuation arrows, markdown, mojibake question marks, replacement characters. */
    private static final String DEBRIS = "■□◆◇▲△●○★☆#?!\uFFFD";
    /** Line starts and phrases the normalizer drops as web boilerplate (a wrapped line may start anywhere). */
    private static final Pattern BOILERPLATE = Pattern.compile(
            "版权|声明|责任编辑|编辑[:：]|来源[:：]|原标题|二维码|分享到|打印|关闭窗口|【|上一篇|下一篇|相关阅读|推荐阅读|相关新闻"
                    + "|侵权|转载|Rights|Copyright|©|下转|上接");
    /** A Latin capital between Chinese characters, which the normalizer counts as mojibake. */
    private static final Pattern WEDGED_CAPITAL = Pattern.compile("\\p{IsHan}[A-Z]\\p{IsHan}");
    /** A short line with an early colon reads as a key: value row (a notice), not as prose. */
    private static final Pattern KEY_VALUE = Pattern.compile("^[^：:，。]{2,14}[：:]");
    /** Characters a headline does not end with (the splitter's list of open-clause endings). */
    private static final String NOT_TITLE_END = "：，、:,（(“的和与及在对把被从向为是将并而或以其";
    /** Headline words that would change the article's kind, or make a headline a series line. */
    private static final Pattern KIND_WORDS = Pattern.compile(
            "评论员|社论|时评|快评|述评|专访|访谈|对话|公告|通告|启事|公示|通知|电话|邮箱|系列|^访|^[一二三四五六七八九十]{1,2}论"
                    + "|[之其][一二三四五六七八九十]{1,3}$|摄$");
    private static final Pattern CREDIT_START = Pattern.compile("^(?:本报|新华社|记者|通讯员|评论员|实习生|特约|融媒)");

    static final int HEADLINE_MIN_WIDTH = 8;
    static final int HEADLINE_MAX_WIDTH = 20;
    private static final int PARAGRAPH_MIN_CHARS = 12;
    private static final int PARAGRAPH_MAX_CHARS = 1500;

    private TextRules() {
    }

    /** Printed width in full-width cells, as the splitter measures it: CJK 1, ASCII 1/2. */
    static double width(CharSequence s) {
        double w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += cellWidth(s.charAt(i));
        }
        return w;
    }

    static double cellWidth(char c) {
        if (Character.isLowSurrogate(c)) {
            return 0;
        }
        return c < 0x2E80 && c != '—' && c != '…' && c != '“' && c != '”' ? 0.5 : 1.0;
    }

    /** Ends with 。！？, possibly inside closing quotes or brackets. */
    static boolean endsSentence(String text) {
        int i = text.length() - 1;
        while (i >= 0 && CLOSERS.indexOf(text.charAt(i)) >= 0) {
            i--;
        }
        return i >= 0 && SENTENCE_END.indexOf(text.charAt(i)) >= 0;
    }

    /** True for a paragraph that can stand anywhere in a body and read back unchanged. */
    static boolean isBodyParagraph(String p) {
        if (p.length() < PARAGRAPH_MIN_CHARS || p.length() > PARAGRAPH_MAX_CHARS || !endsSentence(p)
                || p.indexOf(' ') >= 0 || p.indexOf('\n') >= 0 || p.startsWith("—") || p.startsWith("-")) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            if (DEBRIS.indexOf(p.charAt(i)) >= 0 || Character.isISOControl(p.charAt(i))) {
                return false;
            }
        }
        if (hanCount(p) * 2 < p.length() || BOILERPLATE.matcher(p).find() || WEDGED_CAPITAL.matcher(p).find()
                || DatelineParser.startsWithDateline(p) || CREDIT_START.matcher(p).find()) {
            return false;
        }
        return !(p.length() <= 60 && KEY_VALUE.matcher(p).find());
    }

    /** Sentences of a paragraph, each with its end punctuation and closing quotes. */
    static List<String> sentences(String paragraph) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < paragraph.length()) {
            if (SENTENCE_END.indexOf(paragraph.charAt(i)) >= 0) {
                int end = i + 1;
                while (end < paragraph.length() && (SENTENCE_END.indexOf(paragraph.charAt(end)) >= 0
                        || CLOSERS.indexOf(paragraph.charAt(end)) >= 0)) {
                    end++;
                }
                out.add(paragraph.substring(start, end));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < paragraph.length()) {
            out.add(paragraph.substring(start));
        }
        return out;
    }

    /** First clauses of the paragraph's sentences that can serve as a headline, in order. */
    static List<String> headlineClauses(String paragraph) {
        List<String> out = new ArrayList<>();
        for (String sentence : sentences(paragraph)) {
            int end = 0;
            while (end < sentence.length() && CLAUSE_END.indexOf(sentence.charAt(end)) < 0) {
                end++;
            }
            String clause = sentence.substring(0, end);
            if (isHeadline(clause)) {
                out.add(clause);
            }
        }
        return out;
    }

    /** A clause a reader would take for a headline and the splitter for a title line. */
    static boolean isHeadline(String clause) {
        double w = width(clause);
        if (w < HEADLINE_MIN_WIDTH || w > HEADLINE_MAX_WIDTH || hanCount(clause) < 6) {
            return false;
        }
        int quotes = 0;
        int books = 0;
        for (int i = 0; i < clause.length(); i++) {
            char c = clause.charAt(i);
            if (c == '“') {
                quotes++;
            } else if (c == '”') {
                quotes--;
            } else if (c == '《') {
                books++;
            } else if (c == '》') {
                books--;
            } else if (!isHan(c) && !(c < 128 && Character.isLetterOrDigit(c)) && c != '·') {
                return false;
            }
            if (quotes < 0 || books < 0) {
                return false;
            }
        }
        char last = clause.charAt(clause.length() - 1);
        return quotes == 0 && books == 0 && NOT_TITLE_END.indexOf(last) < 0
                && !KIND_WORDS.matcher(clause).find() && !CREDIT_START.matcher(clause).find()
                && !DatelineParser.startsWithDateline(clause);
    }

    static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    static int hanCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (isHan(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
