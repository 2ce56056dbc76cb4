package io.newstrends.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Infers an issue date from the text of an issue.
 *
 * <p>Evidence, strongest first: a signature date on a line of its own ({@code 2021年10月23日}
 * under the issuing body), datelines ({@code 本报4月1日讯}, {@code 新华社北京2月7日电}), full dates
 * in the text, then bare month-day mentions. The month and day with the highest score win.
 * Datelines carry no year, so the year comes from a full date with that month and day if the
 * text has one, else from the year the text mentions most often (ties go to the later year:
 * reports look back more often than ahead).
 */
public final class ContentDates {

    private static final Pattern SIGNATURE = Pattern.compile(
            "(?m)^\\s*(?<y>(?:19|20)\\d{2})\\s*年\\s*(?<m>\\d{1,2})\\s*月\\s*(?<d>\\d{1,2})\\s*日\\s*$");
    private static final Pattern DATELINE = Pattern.compile(
            "(?m)^\\s*(?:#+\\s*)?(?:本报|新华社|中新社|人民日报|内蒙古日报)\\p{IsHan}{0,8}?\\s*(?<m>\\d{1,2})\\s*月\\s*(?<d>\\d{1,2})\\s*日\\s*(?:讯|电)");
    private static final Pattern FULL_DATE = Pattern.compile(
            "(?<![0-9])(?<y>(?:19|20)\\d{2})\\s*年\\s*(?<m>\\d{1,2})\\s*月\\s*(?<d>\\d{1,2})\\s*日");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "(?<![0-9年])(?<m>\\d{1,2})\\s*月\\s*(?<d>\\d{1,2})\\s*日");
    private static final Pattern YEAR = Pattern.compile("(?<![0-9])(?<y>(?:19|20)\\d{2})\\s*年");

    private static final int SIGNATURE_WEIGHT = 100;
    private static final int DATELINE_WEIGHT = 10;
    private static final int FULL_DATE_WEIGHT = 2;
    private static final int MENTION_WEIGHT = 1;

    private ContentDates() {
    }

    /** The issue date the text points to, or empty when it names no usable date. */
    public static Optional<IssueDate> infer(String text) {
        Map<Integer, Integer> monthDayScore = new HashMap<>();
        Map<Integer, Integer> fullDateYears = new HashMap<>();
        Map<Integer, String> evidence = new HashMap<>();

        score(SIGNATURE.matcher(text), SIGNATURE_WEIGHT, monthDayScore, fullDateYears, evidence, "signature");
        score(DATELINE.matcher(text), DATELINE_WEIGHT, monthDayScore, null, evidence, "dateline");
        score(FULL_DATE.matcher(text), FULL_DATE_WEIGHT, monthDayScore, fullDateYears, evidence, "date in text");
        score(MONTH_DAY.matcher(text), MENTION_WEIGHT, monthDayScore, null, evidence, "date in text");
        if (monthDayScore.isEmpty()) {
            return Optional.empty();
        }
        int best = monthDayScore.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow().getKey();
        int month = best / 100;
        int day = best % 100;

        Integer year = null;
        String yearEvidence;
        int fullKeyBest = -1;
        for (Map.Entry<Integer, Integer> e : fullDateYears.entrySet()) {
            int key = e.getKey();
            if (key % 10000 == best && e.getValue() > fullKeyBest) {
                year = key / 10000;
                fullKeyBest = e.getValue();
            }
        }
        if (year != null) {
            yearEvidence = "year from a full date";
        } else {
            Map<Integer, Integer> years = new HashMap<>();
            Matcher y = YEAR.matcher(text);
            while (y.find()) {
                years.merge(Integer.parseInt(y.group("y")), 1, Integer::sum);
            }
            if (years.isEmpty()) {
                return Optional.empty();
            }
            Map.Entry<Integer, Integer> top = years.entrySet().stream()
                    .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow();
            year = top.getKey();
            yearEvidence = "year " + year + " mentioned " + top.getValue() + "x";
        }
        try {
            LocalDate date = LocalDate.of(year, month, day);
            return Optional.of(new IssueDate(date, "content",
                    evidence.get(best) + " " + month + "月" + day + "日 (score " + monthDayScore.get(best) + "); " + yearEvidence));
        } catch (DateTimeException impossible) {
            return Optional.empty();
        }
    }

    private static void score(Matcher m, int weight, Map<Integer, Integer> monthDayScore,
                              Map<Integer, Integer> fullDateYears, Map<Integer, String> evidence, String kind) {
        while (m.find()) {
            int month = Integer.parseInt(m.group("m"));
            int day = Integer.parseInt(m.group("d"));
            if (month < 1 || month > 12 || day < 1 || day > 31) {
                continue;
            }
            int key = month * 100 + day;
            monthDayScore.merge(key, weight, Integer::sum);
            evidence.putIfAbsent(key, kind);
            if (fullDateYears != null) {
                fullDateYears.merge(Integer.parseInt(m.group("y")) * 10000 + key, weight, Integer::sum);
            }
        }
    }
}
