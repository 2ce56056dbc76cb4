package io.newstrends.article;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads datelines at the start of a report. Forms seen in the corpus:
 * {@code 本报4月1日讯}, {@code 本报包头4月1日电}, {@code 本报巴彦淖尔2月7日电}, {@code 新华社北京2月7日电},
 * {@code 本报讯}, {@code 本报综合消息}, {@code 康巴什讯}, and a reporter credit in place of a dateline
 * ({@code 本报融媒记者张诗曼 赵琛玮 6月13日,…}).
 */
public final class DatelineParser {

    private static final String AGENCY = "本报|新华社|中新社|人民日报|光明日报|经济日报|央视网|中国日报|内蒙古日报";
    private static final Pattern DATED = Pattern.compile(
            "^\\s*(?<agency>" + AGENCY + ")\\s*(?<place>\\p{IsHan}{0,8}?)\\s*(?<m>\\d{1,2})\\s*月\\s*(?<d>\\d{1,2})\\s*日\\s*(?:讯|电)");
    private static final Pattern UNDATED = Pattern.compile("^\\s*(?<agency>本报)(?:讯|综合消息|消息)");
    private static final Pattern PLACE_ONLY = Pattern.compile("^\\s*(?<place>\\p{IsHan}{2,6}?)讯(?=[\\s（(])");
    private static final Pattern CREDIT_IN_PARENS = Pattern.compile(
            "^\\s*[（(]\\s*(?<credit>(?:本报|融媒|特约|实习)?(?:记者|通讯员|实习生)[^）)]{1,60})[）)]");
    private static final Pattern CREDIT_INLINE = Pattern.compile(
            "^\\s*(?<credit>(?:本报|市|旗|区|县)?(?:融媒|融媒体中心|奔腾融媒)?(?:记者|通讯员)\\s*\\p{IsHan}{2,4}(?:\\s+(?:[\\p{IsHan}]*记者)?\\p{IsHan}{2,4})*?)\\s+(?=\\d{1,2}\\s*月|近日|近年来|日前|记者从|据)");
    /** A credit opening the report where the dateline would be (seed 003). */
    private static final Pattern CREDIT_ONLY = Pattern.compile(
            "^\\s*(?<credit>本报(?:融媒)?记者\\s*\\p{IsHan}{2,4}(?:\\s+\\p{IsHan}{2,4})*)\\s+(?=\\d|\\p{IsHan}{2})");

    private DatelineParser() {
    }

    /** The dateline that opens this paragraph, if any. */
    public static Optional<Dateline> parse(String paragraph) {
        Matcher m = DATED.matcher(paragraph);
        if (m.find()) {
            String place = m.group("place").isEmpty() ? null : m.group("place");
            return Optional.of(withCredit(paragraph, m.end(), m.group("agency"), place,
                    Integer.valueOf(m.group("m")), Integer.valueOf(m.group("d"))));
        }
        m = UNDATED.matcher(paragraph);
        if (m.find()) {
            return Optional.of(withCredit(paragraph, m.end(), m.group("agency"), null, null, null));
        }
        m = PLACE_ONLY.matcher(paragraph);
        if (m.find()) {
            return Optional.of(withCredit(paragraph, m.end(), null, m.group("place"), null, null));
        }
        m = CREDIT_ONLY.matcher(paragraph);
        if (m.find()) {
            return Optional.of(new Dateline("本报", null, null, null, clean(m.group("credit")), m.end()));
        }
        return Optional.empty();
    }

    private static Dateline withCredit(String paragraph, int end, String agency, String place, Integer month, Integer day) {
        String rest = paragraph.substring(end);
        Matcher parens = CREDIT_IN_PARENS.matcher(rest);
        if (parens.find()) {
            return new Dateline(agency, place, month, day, clean(parens.group("credit")), end + parens.end());
        }
        Matcher inline = CREDIT_INLINE.matcher(rest);
        if (inline.find()) {
            return new Dateline(agency, place, month, day, clean(inline.group("credit")), end + inline.end());
        }
        return new Dateline(agency, place, month, day, null, end);
    }

    private static String clean(String credit) {
        return credit.strip().replaceAll("\\s+", " ");
    }

    /** True when the paragraph opens with a dateline. */
    public static boolean startsWithDateline(String paragraph) {
        return DATED.matcher(paragraph).find() || UNDATED.matcher(paragraph).find()
                || PLACE_ONLY.matcher(paragraph).find() || CREDIT_ONLY.matcher(paragraph).find();
    }

    /** True when the paragraph is nothing but a dateline and its credit (a wrapped first line). */
    static boolean isDatelineOnly(String paragraph) {
        Optional<Dateline> d = parse(paragraph);
        if (d.isEmpty() || d.get().agency() == null) {
            return false;
        }
        // What follows may be the start of a credit cut by the wrap: "（记者" or a lone digit.
        String rest = paragraph.substring(d.get().length()).strip();
        return TextWidth.of(rest) <= 8 && !Sentences.endsSentence(rest) && rest.indexOf('，') < 0;
    }
}
