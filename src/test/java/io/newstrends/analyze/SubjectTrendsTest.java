package io.newstrends.analyze;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-subject trend rules in plain Java; TrendsAndIdfTest runs the same rules through Spark. */
class SubjectTrendsTest {

    private static final LocalDate D0 = LocalDate.of(2024, 3, 4); // a Monday
    private static final String ALL = "all";
    // baseline 4 days, no gap, at least 3 baseline periods, min-sd .02, z 3, 3 docs, p 1e-2, no prior, no spreading
    private static final AnalyzeSettings.Trends TESTS =
            new AnalyzeSettings.Trends(4, 8, 6, 0, 0, 0, 3, 0.02, 3.0, 3, 1e-2, 0, 0, 0, 0, 0, 0);

    private static SubjectTrends.Observation day(int i, String region, long docs, String pos) {
        return new SubjectTrends.Observation(D0.plusDays(i), false, region, docs, docs, new String[]{pos});
    }

    private static SubjectTrends.Observation articles(int i, String region, long n) {
        return new SubjectTrends.Observation(D0.plusDays(i), false, region, n, 0, new String[0]);
    }

    private static List<SubjectTrends.TrendRow> trends(List<SubjectTrends.Observation> articleRows,
                                                       List<SubjectTrends.Observation> rows, SortedSet<LocalDate> days,
                                                       AnalyzeSettings.Trends tests) {
        return trends(articleRows, rows, Map.of(Granularity.DAY, days), tests);
    }

    private static List<SubjectTrends.TrendRow> trends(List<SubjectTrends.Observation> articleRows,
                                                       List<SubjectTrends.Observation> rows,
                                                       Map<Granularity, SortedSet<LocalDate>> periods,
                                                       AnalyzeSettings.Trends tests) {
        return new SubjectTrends(periods, tests, SubjectTrends.periodArticles(articleRows, periods, tests, ALL), ALL).trends(rows);
    }

    @Test
    void aDayIsComparedWithTheRegionsDaysBeforeItAndAnAbsentDayCountsAsZero() {
        List<SubjectTrends.Observation> articleRows = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {
            articleRows.add(articles(i, "A", 10));
        }
        // In 1 of 10 articles on days 1-3, in none on day 4, in 5 on day 5.
        List<SubjectTrends.Observation> rows = List.of(day(1, "A", 1, "n"), day(2, "A", 1, "n"), day(3, "A", 1, "n"),
                day(5, "A", 5, "n"));
        List<SubjectTrends.TrendRow> result = trends(articleRows, rows, new TreeSet<>(List.of(D0.plusDays(5))), TESTS);

        assertEquals(2, result.size(), "region A and all regions");
        SubjectTrends.TrendRow a = result.stream().filter(r -> r.region().equals("A")).findFirst().orElseThrow();
        assertEquals(4, a.baselinePeriods());
        double mean = (0.1 + 0.1 + 0.1 + 0.0) / 4;
        double sd = Math.sqrt((0.01 * 3) / 4 - mean * mean);
        assertEquals(mean, a.baselineMean(), 1e-15);
        assertEquals(sd, a.baselineSd(), 1e-15);
        double rate = (mean * 40 + 0.5) / 41;
        double samplingError = Math.sqrt(rate * (1 - rate) / 10);
        assertEquals((0.5 - mean) / Math.max(sd, samplingError), a.zscore(), 1e-12);
        assertTrue(a.burst());
        assertEquals(0.5, a.share());
        assertEquals(5, a.docs());
    }

    @Test
    void tooShortABaselineGivesNoZscoreAndNoBurst() {
        List<SubjectTrends.Observation> articleRows = List.of(articles(3, "A", 10), articles(4, "A", 10), articles(5, "A", 10));
        List<SubjectTrends.Observation> rows = List.of(day(5, "A", 9, "n"));
        SubjectTrends.TrendRow a = trends(articleRows, rows, new TreeSet<>(List.of(D0.plusDays(5))), TESTS).get(0);
        assertEquals(2, a.baselinePeriods());
        assertEquals(0.0, a.baselineMean());
        assertNull(a.zscore());
        assertFalse(a.burst());
    }

    @Test
    void onlyTheComputedPeriodsAreReturnedAndEachExtraIsThatOfTheRowThatCountedMost() {
        List<SubjectTrends.Observation> articleRows = List.of(articles(0, "A", 10), articles(0, "B", 10), articles(1, "A", 10));
        // All regions on day 0: A's "v" and B's "n" both counted 2; the larger tag wins the tie.
        List<SubjectTrends.Observation> rows = List.of(day(0, "A", 2, "v"), day(0, "B", 2, "n"), day(1, "A", 1, "vn"));
        List<SubjectTrends.TrendRow> result = trends(articleRows, rows, new TreeSet<>(List.of(D0)), TESTS);
        assertEquals(3, result.size());
        for (SubjectTrends.TrendRow r : result) {
            assertEquals(D0, r.periodStart());
        }
        SubjectTrends.TrendRow all = result.stream().filter(r -> r.region().equals(ALL)).findFirst().orElseThrow();
        assertEquals("v", all.extras()[0]);
        assertEquals(4, all.count());
        assertEquals(20, all.articles());
    }

    @Test
    void withoutWeekSpreadingABurstSpreadsToTheQuieterDaysBesideItButNotToTheWeekBeforeIt() {
        // One paper of 8 articles a day for 12 weeks. The term is in 1 article every 14 days, then in
        // 1 on days 72, 74 and 76 (week 10: 3 of 56, chance about 0.02 at the baseline rate, under
        // burst-continue-max-p), then in 5 of 8 every day of week 11.
        List<SubjectTrends.Observation> articleRows = new ArrayList<>();
        List<SubjectTrends.Observation> rows = new ArrayList<>();
        for (int i = 0; i < 84; i++) {
            articleRows.add(articles(i, "A", 8));
            long docs = i < 70 ? (i % 14 == 0 ? 1 : 0) : i < 77 ? (i == 72 || i == 74 || i == 76 ? 1 : 0) : 5;
            if (docs > 0) {
                rows.add(day(i, "A", docs, "n"));
            }
        }
        LocalDate week10 = D0.plusDays(70);
        LocalDate week11 = D0.plusDays(77);
        SortedSet<LocalDate> days = new TreeSet<>();
        for (int i = 70; i < 84; i++) {
            days.add(D0.plusDays(i));
        }
        Map<Granularity, SortedSet<LocalDate>> periods = Map.of(Granularity.DAY, days,
                Granularity.WEEK, new TreeSet<>(List.of(week10, week11)));
        // The default tests (weeks do not spread, burst-continue-weeks = 0) and the same with weeks spreading.
        AnalyzeSettings.Trends weeksOff = AnalyzeSettings.defaults().trends();
        AnalyzeSettings.Trends weeksSpread = new AnalyzeSettings.Trends(weeksOff.baselineDays(), weeksOff.baselineWeeks(),
                weeksOff.baselineMonths(), weeksOff.gapDays(), weeksOff.gapWeeks(), weeksOff.gapMonths(),
                weeksOff.minBaselinePeriods(), weeksOff.minSd(), weeksOff.burstZ(), weeksOff.burstMinDocs(),
                weeksOff.burstMaxP(), weeksOff.burstPriorArticles(), weeksOff.continueMaxP(),
                weeksOff.continueDays(), 1, weeksOff.continueMonths(), weeksOff.weekDayMinDocs());

        Map<SubjectTrends.PeriodKey, SubjectTrends.TrendRow> off = rowsOfA(articleRows, rows, periods, weeksOff);
        assertTrue(off.get(new SubjectTrends.PeriodKey(Granularity.WEEK, week11, "A")).burst(), "the story's week");
        assertFalse(off.get(new SubjectTrends.PeriodKey(Granularity.WEEK, week10, "A")).burst(),
                "the week before it: 3 of 56 articles, chance");
        assertTrue(off.get(new SubjectTrends.PeriodKey(Granularity.DAY, D0.plusDays(76), "A")).burst(),
                "the day before the story: 1 of 8 articles, next to its burst days");
        assertTrue(off.get(new SubjectTrends.PeriodKey(Granularity.DAY, D0.plusDays(77), "A")).burst());

        // Weeks spreading as days do (burst-continue-weeks = 1) flag the week before as well.
        SubjectTrends.TrendRow before = rowsOfA(articleRows, rows, periods, weeksSpread)
                .get(new SubjectTrends.PeriodKey(Granularity.WEEK, week10, "A"));
        assertTrue(before.burst());
        assertTrue(before.zscore() > 0, "above its baseline, though too few articles for a burst by its own test");
    }

    @Test
    void aStorysSecondWeekIsComparedWithTheWeeksBeforeItBegan() {
        // One paper of 8 articles a day for 12 weeks; the term in 1 article every 14 days, then in 4
        // of 8 on the last 3 days of week 10 and in 3 of 8 on the first 4 of week 11 (a story of
        // 7 days across two weeks). With the default week gap (1), week 11 is compared with weeks
        // 2-9; without a gap its baseline holds week 10 (13 of 56), and its zscore is about 2.4.
        List<SubjectTrends.Observation> articleRows = new ArrayList<>();
        List<SubjectTrends.Observation> rows = new ArrayList<>();
        for (int i = 0; i < 84; i++) {
            articleRows.add(articles(i, "A", 8));
            long docs = i < 74 ? (i % 14 == 0 ? 1 : 0) : i < 77 ? 4 : i < 81 ? 3 : 0;
            if (docs > 0) {
                rows.add(day(i, "A", docs, "n"));
            }
        }
        LocalDate week10 = D0.plusDays(70);
        LocalDate week11 = D0.plusDays(77);
        Map<Granularity, SortedSet<LocalDate>> periods = Map.of(Granularity.WEEK, new TreeSet<>(List.of(week10, week11)));
        AnalyzeSettings.Trends gap = AnalyzeSettings.defaults().trends();
        AnalyzeSettings.Trends noGap = new AnalyzeSettings.Trends(gap.baselineDays(), gap.baselineWeeks(),
                gap.baselineMonths(), gap.gapDays(), 0, gap.gapMonths(), gap.minBaselinePeriods(), gap.minSd(), gap.burstZ(),
                gap.burstMinDocs(), gap.burstMaxP(), gap.burstPriorArticles(), gap.continueMaxP(), gap.continueDays(),
                gap.continueWeeks(), gap.continueMonths(), gap.weekDayMinDocs());

        Map<SubjectTrends.PeriodKey, SubjectTrends.TrendRow> withGap = rowsOfA(articleRows, rows, periods, gap);
        assertTrue(withGap.get(new SubjectTrends.PeriodKey(Granularity.WEEK, week10, "A")).burst());
        SubjectTrends.TrendRow second = withGap.get(new SubjectTrends.PeriodKey(Granularity.WEEK, week11, "A"));
        assertTrue(second.burst());
        assertEquals(8, second.baselinePeriods());
        assertEquals(4.0 / 56 / 8, second.baselineMean(), 1e-15, "weeks 2-9: 4 articles of 56 in one of them");

        SubjectTrends.TrendRow secondNoGap = rowsOfA(articleRows, rows, periods, noGap)
                .get(new SubjectTrends.PeriodKey(Granularity.WEEK, week11, "A"));
        assertFalse(secondNoGap.burst(), "its baseline holds the story's first week");
    }

    /** The rows of region A, by period. */
    private static Map<SubjectTrends.PeriodKey, SubjectTrends.TrendRow> rowsOfA(List<SubjectTrends.Observation> articleRows,
            List<SubjectTrends.Observation> rows, Map<Granularity, SortedSet<LocalDate>> periods, AnalyzeSettings.Trends tests) {
        Map<SubjectTrends.PeriodKey, SubjectTrends.TrendRow> result = new java.util.HashMap<>();
        for (SubjectTrends.TrendRow r : trends(articleRows, rows, periods, tests)) {
            if (r.region().equals("A")) {
                result.put(new SubjectTrends.PeriodKey(r.granularity(), r.periodStart(), "A"), r);
            }
        }
        return result;
    }

    @Test
    void aBaselineFrameSkipsTheGapAndMissingPeriods() {
        // Periods 0, 1, 2, 5, 6, 9 of a series; baseline 3 periods, gap 1: period 6 looks at 2-4,
        // of which only 2 is there; period 9 at 5-7.
        int[][] frames = SubjectTrends.baselineFrames(new long[]{0, 1, 2, 5, 6, 9}, 3, new int[]{1, 1, 1, 1, 1, 1});
        assertEquals(List.of("0-0", "0-0", "0-1", "1-3", "2-3", "3-5"),
                java.util.Arrays.stream(frames).map(f -> f[0] + "-" + f[1]).toList());
        assertEquals(0, SubjectTrends.baselineFrames(new long[0], 28, new int[0]).length);
    }

    @Test
    void theGapShortensWhereItWouldLeaveTooFewBaselinePeriods() {
        // Periods 0-5 and 11; baseline 4 periods, gap 2, at least 3 of them. Period 3 has 3 before it
        // only with no gap; period 4 with a gap of 1; period 5 keeps its gap (3 to 6 before: 0, 1, 2).
        // Periods 0-2 never have 3, nor has period 11 (only 5 in 3 to 6 before, none nearer): they
        // keep the gap.
        long[] indices = {0, 1, 2, 3, 4, 5, 11};
        int[] gaps = SubjectTrends.gaps(indices, 4, 2, 3);
        assertEquals(List.of(2, 2, 2, 0, 1, 2, 2), java.util.Arrays.stream(gaps).boxed().toList());
        assertEquals(List.of("0-0", "0-0", "0-0", "0-3", "0-3", "0-3", "5-6"),
                java.util.Arrays.stream(SubjectTrends.baselineFrames(indices, 4, gaps)).map(f -> f[0] + "-" + f[1]).toList());
        assertEquals(List.of(0, 0, 0), java.util.Arrays.stream(SubjectTrends.gaps(new long[]{0, 5, 6}, 4, 0, 3)).boxed().toList());
    }

    @Test
    void stringsCompareByCodePointWithNullFirst() {
        // U+1F600 is stored as two UTF-16 units below U+FF21; by code point (and UTF-8 bytes) it is above.
        assertTrue(SubjectTrends.compareNullsFirst("\uD83D\uDE00", "\uFF21") > 0);
        assertTrue("\uD83D\uDE00".compareTo("\uFF21") < 0);
        assertTrue(SubjectTrends.compareNullsFirst(null, "150200") < 0);
        assertTrue(SubjectTrends.compareNullsFirst("nr", "n") > 0);
        assertEquals(0, SubjectTrends.compareNullsFirst(null, null));
    }
}
