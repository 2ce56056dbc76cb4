package io.newstrends.article;

import com.hankcs.hanlp.HanLP;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Document-level clean-up of a decoded daily issue, before it is cut into paragraphs.
 *
 * <p>The steps, in order (README "Normalization" documents them for users):
 * <ol>
 *   <li>width: full-width ASCII letters and digits become half-width, ideographic and
 *       no-break spaces become plain spaces, zero-width characters go;</li>
 *   <li>mojibake is counted (U+FFFD, {@code ?!}-style debris, Latin capitals wedged between
 *       Han characters) and replacement characters are removed; the count is reported, so
 *       the damage is flagged rather than silently kept;</li>
 *   <li>pinyin annotations after a character ({@code 據(jù)}) are removed;</li>
 *   <li>a document written in traditional characters is converted to simplified with
 *       HanLP's converter;</li>
 *   <li>web boilerplate lines (copyright footers, "scan the QR code", editor credits) are
 *       dropped;</li>
 *   <li>letter-spaced lines ({@code 优 化 营 商}) are collapsed;</li>
 *   <li>ASCII punctuation next to Han characters becomes the full-width form, the one
 *       punctuation form of every table;</li>
 *   <li>short lines repeated three or more times are dropped as layout debris.</li>
 * </ol>
 * Continuation markers ({@code ■下转第8版}) are left in place: the splitter removes them
 * and flags the article they end.
 */
public final class TextNormalizer {

    /** A syllable with a tone mark in brackets after a character; units such as (kg) have none. */
    private static final Pattern PINYIN_ANNOTATION = Pattern.compile(
            "(?<=\\p{IsHan})[(（](?=[a-zü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]");
    private static final Pattern MOJIBAKE = Pattern.compile(
            "\uFFFD|锟斤拷|烫烫烫|屯屯屯|\\?[!?]|(?<=\\p{IsHan})[A-Z](?=\\p{IsHan})");
    private static final Pattern BOILERPLATE = Pattern.compile(
            "^(?:版权声明|免责声明|责任编辑|编辑[:：]|来源[:：]|原标题[:：]|扫描二维码|分享到|打印本页|关闭窗口|"
                    + "【打印】|【关闭】|上一篇|下一篇|相关阅读|推荐阅读|相关新闻[:：]?$)"
                    + "|如有侵权|转载于网络|转载请注明|All Rights Reserved|Copyright ©|©\\s*\\d{4}");
    private static final Pattern LETTER_SPACED_GAP = Pattern.compile(
            "(?<=[\\p{IsHan}\\p{InCJKSymbolsAndPunctuation}\\p{InHalfwidthAndFullwidthForms}“”‘’]) +"
                    + "(?=[\\p{IsHan}\\p{InCJKSymbolsAndPunctuation}\\p{InHalfwidthAndFullwidthForms}“”‘’])");
    /** Share of changed characters above which a document counts as traditional Chinese. */
    private static final double TRADITIONAL_SHARE = 0.03;
    private static final int REPEATED_LINE_MAX_CHARS = 30;
    private static final int REPEATED_LINE_MIN_COUNT = 3;

    private TextNormalizer() {
    }

    /**
     * Normalizes a whole decoded document (LF line endings expected).
     *
     * @return the clean text and what was found on the way
     */
    public static NormalizedDocument normalize(String decoded) {
        String text = normalizeWidth(decoded);

        int mojibake = countMatches(MOJIBAKE, text);
        text = text.replace("\uFFFD", "");

        Matcher pinyin = PINYIN_ANNOTATION.matcher(text);
        int pinyinAnnotations = 0;
        StringBuilder withoutPinyin = new StringBuilder(text.length());
        while (pinyin.find()) {
            pinyinAnnotations++;
            pinyin.appendReplacement(withoutPinyin, "");
        }
        pinyin.appendTail(withoutPinyin);
        text = withoutPinyin.toString();

        boolean traditional = false;
        if (hasHan(text)) {
            String simplified = HanLP.convertToSimplifiedChinese(text);
            if (changedHanShare(text, simplified) >= TRADITIONAL_SHARE) {
                traditional = true;
                text = simplified;
            }
        }

        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int boilerplate = 0;
        Map<String, Integer> shortLineCounts = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = collapseLetterSpacing(lines.get(i).strip());
            line = fullWidthPunctuation(line);
            if (!line.isEmpty() && BOILERPLATE.matcher(line).find()) {
                boilerplate++;
                line = "";
            }
            lines.set(i, line);
            if (!line.isEmpty() && line.length() <= REPEATED_LINE_MAX_CHARS && !isContinuationMarker(line)) {
                shortLineCounts.merge(line, 1, Integer::sum);
            }
        }
        int repeated = 0;
        for (int i = 0; i < lines.size(); i++) {
            Integer count = shortLineCounts.get(lines.get(i));
            if (count != null && count >= REPEATED_LINE_MIN_COUNT) {
                lines.set(i, "");
                repeated++;
            }
        }
        return new NormalizedDocument(String.join("\n", lines), traditional, pinyinAnnotations,
                mojibake, boilerplate, repeated);
    }

    /** True when the line holds nothing but a continuation marker such as {@code ■下转第8版}. */
    static boolean isContinuationMarker(String line) {
        Matcher marker = ContinuationMarkers.PATTERN.matcher(line);
        return marker.find() && marker.replaceAll("").isBlank();
    }

    static String normalizeWidth(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '０' && c <= '９') || (c >= 'Ａ' && c <= 'Ｚ') || (c >= 'ａ' && c <= 'ｚ')
                    || c == '．' || c == '％' || c == '＋' || c == '－' || c == '／') {
                out.append((char) (c - 0xFEE0));
            } else if (c == '\u3000' || c == '\u00A0' || c == '\t' || c == '\f' || c == '\u2002'
                    || c == '\u2003' || c == '\u2009') {
                out.append(' ');
            } else if (c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF' || c == '\r') {
                // zero-width characters and stray CRs carry no text
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Collapses letter-spaced text ({@code 习 近 平 向 英 国}): when most space-separated
     * tokens of a line are single characters, the spaces between CJK characters go.
     */
    static String collapseLetterSpacing(String line) {
        if (line.indexOf(' ') < 0) {
            return line;
        }
        String[] tokens = line.trim().split(" +");
        if (tokens.length < 4) {
            return line;
        }
        int single = 0;
        for (String token : tokens) {
            if (token.codePointCount(0, token.length()) <= 2) {
                single++;
            }
        }
        if (single * 10 < tokens.length * 7) {
            return line;
        }
        return LETTER_SPACED_GAP.matcher(line).replaceAll("");
    }

    /**
     * ASCII punctuation touching a Han character takes its full-width form; between digits
     * or Latin text ({@code 8:00}, {@code 3.5}) it stays.
     */
    static String fullWidthPunctuation(String line) {
        StringBuilder out = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            char wide = switch (c) {
                case ',' -> '，';
                case ';' -> '；';
                case ':' -> '：';
                case '!' -> '！';
                case '?' -> '？';
                case '(' -> '（';
                case ')' -> '）';
                default -> 0;
            };
            if (wide == 0) {
                continue;
            }
            boolean touchesHan = c == '(' || c == ')' ? bracketPairTouchesHan(line, i)
                    : isHanOrCjkPunct(before(line, i)) || isHanOrCjkPunct(after(line, i));
            if (touchesHan && !(c == '?' && isMojibakeQuestionMark(line, i))) {
                if (out == null) {
                    out = new StringBuilder(line);
                }
                out.setCharAt(i, wide);
            }
        }
        return out == null ? line : out.toString();
    }

    /**
     * Brackets change width as a pair, so {@code 报告(2021)} becomes {@code 报告（2021）}: a pair
     * turns full-width when a Han character touches it on either side or inside.
     */
    private static boolean bracketPairTouchesHan(String line, int i) {
        int open = i;
        int close = i;
        if (line.charAt(i) == '(') {
            close = line.indexOf(')', i + 1);
        } else {
            open = line.lastIndexOf('(', i - 1);
        }
        if (open < 0 || close < 0) {
            return isHanOrCjkPunct(before(line, i)) || isHanOrCjkPunct(after(line, i));
        }
        return isHanOrCjkPunct(before(line, open)) || isHanOrCjkPunct(after(line, open))
                || isHanOrCjkPunct(before(line, close)) || isHanOrCjkPunct(after(line, close));
    }

    private static boolean isMojibakeQuestionMark(String line, int i) {
        char next = after(line, i);
        return next == '!' || next == '?';
    }

    private static char before(String s, int i) {
        int j = i - 1;
        while (j >= 0 && s.charAt(j) == ' ') {
            j--;
        }
        return j >= 0 ? s.charAt(j) : 0;
    }

    private static char after(String s, int i) {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) == ' ') {
            j++;
        }
        return j < s.length() ? s.charAt(j) : 0;
    }

    static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    static boolean isHanOrCjkPunct(char c) {
        if (c == 0) {
            return false;
        }
        if (isHan(c)) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || (block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS && c > '～')
                || c == '“' || c == '”' || c == '‘' || c == '’' || c == '—' || c == '…' || c == '·'
                || c == '，' || c == '：' || c == '；' || c == '！' || c == '？' || c == '（' || c == '）';
    }

    private static boolean hasHan(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isHan(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static double changedHanShare(String original, String converted) {
        if (original.length() != converted.length()) {
            // The converter works character for character on these texts; a length change
            // means phrase-level rewriting, which only happens on traditional text.
            return 1.0;
        }
        int han = 0;
        int changed = 0;
        for (int i = 0; i < original.length(); i++) {
            char c = original.charAt(i);
            if (isHan(c)) {
                han++;
                if (c != converted.charAt(i)) {
                    changed++;
                }
            }
        }
        return han == 0 ? 0.0 : (double) changed / han;
    }

    private static int countMatches(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Counts mojibake spans in a piece of already-normalized text (used per article). */
    public static int countMojibake(String text) {
        return countMatches(MOJIBAKE, text);
    }
}
