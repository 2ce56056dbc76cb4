package io.newstrends.analyze;

import io.newstrends.spark.SharedSpark;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trend and IDF arithmetic on small hand-made daily tables, checked against figures worked by hand. */
class TrendsAndIdfTest {

    static final LocalDate D0 = LocalDate.of(2024, 3, 4); // a Monday
    static final SparkSession spark = SharedSpark.get();

    static Dataset<Row> articleDaily(List<Row> rows) {
        return spark.createDataFrame(rows, Tables.ARTICLE_DAILY_SCHEMA);
    }

    static Dataset<Row> termDaily(List<Row> rows) {
        return spark.createDataFrame(rows, Tables.TERM_DAILY_SCHEMA);
    }

    static Dataset<Row> termMonthly(List<Row> rows) {
        return spark.createDataFrame(rows, Tables.TERM_MONTHLY_SCHEMA);
    }

    static Dataset<Row> articleMonthly(List<Row> rows) {
        return spark.createDataFrame(rows, Tables.ARTICLE_MONTHLY_SCHEMA);
    }

    @Test
    void dailyZScoresAgainstTheTrailingBaseline() {
        // Region A has 10 articles a day for 6 days; 草原 is in 1 of them on days 0-3 (day 1: absent),
        // and in 6 on day 5. Region B has 5 articles a day and 草原 in 1 every day.
        List<Row> articles = new ArrayList<>();
        List<Row> terms = new ArrayList<>();
        int[] docsA = {1, 0, 1, 1, 1, 6};
        for (int i = 0; i < 6; i++) {
            LocalDate d = D0.plusDays(i);
            articles.add(RowFactory.create(d, "A", 10L));
            articles.add(RowFactory.create(d, "B", 5L));
            if (docsA[i] > 0) {
                terms.add(RowFactory.create(d, "A", "草原", "n", (long) docsA[i] * 2, docsA[i] * (1 + Math.log(2)),
                        (long) docsA[i]));
            }
            terms.add(RowFactory.create(d, "B", "草原", "n", 1L, 1.0, 1L));
        }
        // A lenient burst-max-p (1e-2) first, to check the arithmetic; the default (1e-6) below.
        Map<String, Row> byKey = daily(terms, articles, new AnalyzeSettings.Trends(4, 8, 6, 0, 0, 0, 3, 0.02, 3.0, 3, 1e-2, 0, 0, 6, 1, 1, 0));
        assertEquals(6, byKey.size(), byKey.keySet().toString()); // two days × A, B, all

        // Day 2 of A: only two earlier days, fewer than min-baseline-periods (3): no z-score.
        Row a2 = byKey.get(D0.plusDays(2) + "/A");
        assertNull(a2.getAs("zscore"));
        assertFalse(a2.<Boolean>getAs("is_burst"));
        assertEquals(2L, (long) a2.getAs("baseline_periods"));

        // Day 5 of A: baseline days 1-4 (40 articles) with shares 0, .1, .1, .1: mean .075, sd
        // sqrt(.0075 - .075²) = .0433; rate (.075·40 + .5) / 41 = .0854, whose sampling error over 10
        // articles, sqrt(.0854 · .9146 / 10) = .0884, is the larger spread: z = (.6 - .075) / .0884 = 5.94;
        // 6 or more of 10 at that rate has a chance of 6e-5.
        Row a5 = byKey.get(D0.plusDays(5) + "/A");
        assertEquals(0.6, a5.<Double>getAs("share"), 1e-12);
        assertEquals(4L, (long) a5.getAs("baseline_periods"));
        assertEquals(0.075, a5.<Double>getAs("baseline_mean"), 1e-12);
        assertEquals(Math.sqrt(0.03 / 4 - 0.075 * 0.075), a5.<Double>getAs("baseline_sd"), 1e-12);
        double rate = (0.075 * 40 + 0.5) / 41;
        assertEquals((0.6 - 0.075) / Math.sqrt(rate * (1 - rate) / 10), a5.<Double>getAs("zscore"), 1e-9);
        assertEquals(5.94, a5.<Double>getAs("zscore"), 0.01);
        assertEquals(6.1e-5, BinomialTail.atLeast(6, 10, rate), 0.1e-5);
        assertTrue(a5.<Boolean>getAs("is_burst"));
        assertEquals(12L, (long) a5.getAs("count"));

        // B is flat at .2: sd 0; z = 0, no burst.
        Row b5 = byKey.get(D0.plusDays(5) + "/B");
        assertEquals(0.0, b5.<Double>getAs("zscore"), 1e-12);
        assertFalse(b5.<Boolean>getAs("is_burst"));

        // All regions on day 5: 7 of 15 articles against 1/15, 2/15, 2/15, 2/15: z 4.1, chance 1e-3.
        Row all5 = byKey.get(D0.plusDays(5) + "/all");
        assertEquals(7.0 / 15, all5.<Double>getAs("share"), 1e-12);
        assertEquals(15L, (long) all5.getAs("articles"));
        assertTrue(all5.<Double>getAs("zscore") > 4, all5.toString());
        assertTrue(all5.<Boolean>getAs("is_burst"));

        // At the default burst-max-p of 1e-6 neither is a burst: 6 of 10 and 7 of 15 happen by chance
        // often enough that, over thousands of terms, they would flag noise every day.
        Map<String, Row> strict = daily(terms, articles, new AnalyzeSettings.Trends(4, 8, 6, 0, 0, 0, 3, 0.02, 3.0, 3, 1e-6, 0, 0, 6, 1, 1, 0));
        assertEquals(a5.<Double>getAs("zscore"), strict.get(D0.plusDays(5) + "/A").<Double>getAs("zscore"), 1e-12);
        assertFalse(strict.get(D0.plusDays(5) + "/A").<Boolean>getAs("is_burst"));
        assertFalse(strict.get(D0.plusDays(5) + "/all").<Boolean>getAs("is_burst"));

        // A gap of 2 days: day 5 is compared with days 0-2 (frame 6 to 3 days back), shares .1, 0, .1.
        Map<String, Row> gapped = daily(terms, articles, new AnalyzeSettings.Trends(4, 8, 6, 2, 0, 0, 3, 0.02, 3.0, 3, 1e-2, 0, 0, 6, 1, 1, 0));
        Row g5 = gapped.get(D0.plusDays(5) + "/A");
        assertEquals(3L, (long) g5.getAs("baseline_periods"));
        assertEquals(0.2 / 3, g5.<Double>getAs("baseline_mean"), 1e-12);
    }

    @Test
    void aWordCommonInOtherRegionsIsNoBurstTheFirstTimeARegionUsesIt() {
        // Regions A and B have 20 articles a day for 6 days. 口岸 is in 10 of B's every day and
        // in none of A's until day 5, when it is in 5; 白灾 is nowhere until those same 5 of A's.
        List<Row> articles = new ArrayList<>();
        List<Row> terms = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            LocalDate d = D0.plusDays(i);
            articles.add(RowFactory.create(d, "A", 20L));
            articles.add(RowFactory.create(d, "B", 20L));
            terms.add(RowFactory.create(d, "B", "口岸", "n", 10L, 10.0, 10L));
        }
        LocalDate day5 = D0.plusDays(5);
        terms.add(RowFactory.create(day5, "A", "口岸", "n", 5L, 5.0, 5L));
        terms.add(RowFactory.create(day5, "A", "白灾", "n", 5L, 5.0, 5L));

        // No prior: A's rate for both is ½ article over its 80 baseline articles, and 5 of 20 at
        // that rate has a chance of about 1e-7: both are bursts.
        Map<String, Row> alone = dailyByTerm(terms, articles, 0);
        assertTrue(alone.get("口岸/A").<Boolean>getAs("is_burst"));
        assertTrue(alone.get("白灾/A").<Boolean>getAs("is_burst"));

        // A prior of 100 articles: all regions' baseline share of 口岸 is 10/40 = .25, so A's rate is
        // (0 · 80 + 100 · .25 + .5) / (80 + 100 + 1) = .1409, and 5 of 20 is ordinary (chance .2).
        // 白灾 has an all-regions rate of 0, which would lower its rate to .5 / 181; the prior only
        // raises rates, so A's own .5 / 81 stays, and so does the burst.
        Map<String, Row> withPrior = dailyByTerm(terms, articles, 100);
        double rate = (100 * 0.25 + 0.5) / 181;
        Row port = withPrior.get("口岸/A");
        assertEquals(0.25 / Math.sqrt(rate * (1 - rate) / 20), port.<Double>getAs("zscore"), 1e-9);
        assertTrue(BinomialTail.atLeast(5, 20, rate) > 0.1);
        assertFalse(port.<Boolean>getAs("is_burst"));
        assertTrue(withPrior.get("白灾/A").<Boolean>getAs("is_burst"));
        assertEquals(0.25 / 0.02, withPrior.get("白灾/A").<Double>getAs("zscore"), 1e-9, "min-sd is the spread");
    }

    @Test
    void aBurstSpreadsToTheQuieterDaysOfItsStoryAndNoFurther() {
        // Region A has 10 articles a day for 22 days. 煤炭 is in none until day 13, then in 2, 6, 2, 1, 2
        // of them on days 13-17; 铁路 in 6 on day 14 and in 2 on day 21; 白灾 in 2 on day 15 only.
        List<Row> articles = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            articles.add(RowFactory.create(D0.plusDays(i), "A", 10L));
        }
        List<Row> terms = new ArrayList<>();
        long[] coal = {2, 6, 2, 1, 2};
        for (int i = 0; i < coal.length; i++) {
            terms.add(RowFactory.create(D0.plusDays(13 + i), "A", "煤炭", "n", coal[i], (double) coal[i], coal[i]));
        }
        terms.add(RowFactory.create(D0.plusDays(14), "A", "铁路", "n", 6L, 6.0, 6L));
        terms.add(RowFactory.create(D0.plusDays(21), "A", "铁路", "n", 2L, 2.0, 2L));
        terms.add(RowFactory.create(D0.plusDays(15), "A", "白灾", "n", 2L, 2.0, 2L));
        // Baselines of 4 days with the 7 days before each day left out: days 13-21 are compared with
        // days before day 13, where no term occurs: a rate of ½ article over 40, .0122. 2 of 10 at
        // that rate have a chance of 6.3e-3 (unusual, but fewer than 3 articles), 1 of 10 one of .115.
        // Bursts spread 6 days either way at a chance of at most 1e-2.
        AnalyzeSettings.Trends settings = new AnalyzeSettings.Trends(4, 8, 6, 7, 0, 0, 3, 0.02, 3.0, 3, 1e-6, 0, 1e-2, 6, 1, 1, 0);
        double rate = 0.5 / 41;
        assertEquals(6.3e-3, BinomialTail.atLeast(2, 10, rate), 0.1e-3);
        assertEquals(0.115, BinomialTail.atLeast(1, 10, rate), 1e-3);

        TreeSet<LocalDate> days = new TreeSet<>();
        for (int i = 13; i < 22; i++) {
            days.add(D0.plusDays(i));
        }
        for (String region : List.of("A", Tables.ALL_REGIONS)) {
            // Days 13, 15 and 17 belong to day 14's burst; day 16 (1 of 10) is ordinary. 铁路's day 21
            // is 7 days after its burst; 白灾 has no burst to belong to.
            assertEquals(List.of("煤炭 13", "煤炭 14", "煤炭 15", "煤炭 17", "铁路 14"), bursts(terms, articles, days, settings, region));
            assertEquals(List.of("煤炭 14", "铁路 14"), bursts(terms, articles, days, settings.withoutContinuation(), region));
        }
        // Runs of day 13 alone and of day 17 alone read day 14 with its own baseline and flag them the same.
        assertEquals(List.of("煤炭 13"), bursts(terms, articles, new TreeSet<>(List.of(D0.plusDays(13))), settings, "A"));
        assertEquals(List.of("煤炭 17"), bursts(terms, articles, new TreeSet<>(List.of(D0.plusDays(17))), settings, "A"));
        // So a run of a day recomputes the 6 days before it, which its bursts can reach.
        assertEquals(new TreeSet<>(List.of(D0.plusDays(8), D0.plusDays(9), D0.plusDays(10), D0.plusDays(11), D0.plusDays(12),
                D0.plusDays(13), D0.plusDays(14))), Trends.withLeadIn(new TreeSet<>(List.of(D0.plusDays(14))), Granularity.DAY, 6));
        assertEquals(new TreeSet<>(List.of(D0.minusWeeks(1), D0)), Trends.withLeadIn(new TreeSet<>(List.of(D0)), Granularity.WEEK, 1));
    }

    @Test
    void aWeeksBurstSpreadsToItsDaysThatLookLikePartOfIt() {
        // Regions A and B have 10 articles a day for 7 weeks (days 0-48; day 42 is the Monday of week 6).
        // 口岸 is in none of A's until week 6, then in 2, 2, 1, 2, 0, 2, 1 of them on days 42-48: no day
        // has the 3 articles of a burst, but the week (10 of 70) is one. 铁路 is in 2 of A's on day 44
        // only, and 口岸 in 2 of B's on day 43 only: days as unusual as 口岸's in A, in weeks that are no burst.
        List<Row> articles = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            articles.add(RowFactory.create(D0.plusDays(i), "A", 10L));
            articles.add(RowFactory.create(D0.plusDays(i), "B", 10L));
        }
        List<Row> terms = new ArrayList<>();
        long[] port = {2, 2, 1, 2, 0, 2, 1};
        for (int i = 0; i < port.length; i++) {
            if (port[i] > 0) {
                terms.add(RowFactory.create(D0.plusDays(42 + i), "A", "口岸", "n", port[i], (double) port[i], port[i]));
            }
        }
        terms.add(RowFactory.create(D0.plusDays(44), "A", "铁路", "n", 2L, 2.0, 2L));
        terms.add(RowFactory.create(D0.plusDays(43), "B", "口岸", "n", 2L, 2.0, 2L));
        // Days are compared with 28 days (7 left out) of no such word: a rate of ½ article over 281. 2 of
        // 10 at that rate have a chance of 1.4e-4 and a z-score of 0.2 / 0.02 (min-sd) = 10; 1 of 10 is
        // too few articles (and has a chance of .018). Week 6 of 口岸 in A: 10 of 70 at ½ over 421.
        AnalyzeSettings.Trends settings = new AnalyzeSettings.Trends(28, 8, 6, 7, 0, 0, 3, 0.02, 3.0, 3, 1e-6, 0, 1e-2, 6, 1, 1, 2);
        assertEquals(1.4e-4, BinomialTail.atLeast(2, 10, 0.5 / 281), 0.1e-4);
        assertTrue(BinomialTail.atLeast(10, 70, 0.5 / 421) < 1e-6);
        assertTrue(BinomialTail.atLeast(2, 70, 0.5 / 421) > 1e-6, "铁路's week and 口岸's in B are no bursts");

        LocalDate week6 = D0.plusWeeks(6);
        TreeSet<LocalDate> days = new TreeSet<>();
        for (int i = 42; i < 49; i++) {
            days.add(D0.plusDays(i));
        }
        Map<Granularity, SortedSet<LocalDate>> periods = Map.of(Granularity.DAY, days,
                Granularity.WEEK, new TreeSet<>(List.of(week6)));
        assertEquals(List.of("口岸 42", "口岸 43", "口岸 45", "口岸 47"), dayBursts(terms, articles, periods, settings, "A"));
        assertEquals(List.of(), dayBursts(terms, articles, periods, settings, "B"));
        // All regions: 口岸 in 12 of 140 that week, and 4 of 20 on day 43.
        assertEquals(List.of("口岸 42", "口岸 43", "口岸 45", "口岸 47"), dayBursts(terms, articles, periods, settings,
                Tables.ALL_REGIONS));
        assertEquals(List.of(), dayBursts(terms, articles, periods, settings.withoutWeekToDays(), "A"));
        assertEquals(List.of(), dayBursts(terms, articles, periods, settings.withoutContinuation(), "A"),
                "the days are tested at burst-continue-max-p");
        // A run of the Sunday alone computes the week's other days again, with the week that holds them.
        assertEquals(6, settings.leadInPeriods(Granularity.DAY));
        Map<Granularity, SortedSet<LocalDate>> sunday = Map.of(
                Granularity.DAY, Trends.withLeadIn(new TreeSet<>(List.of(D0.plusDays(48))), Granularity.DAY, 6),
                Granularity.WEEK, new TreeSet<>(List.of(week6)));
        assertEquals(List.of("口岸 42", "口岸 43", "口岸 45", "口岸 47"), dayBursts(terms, articles, sunday, settings, "A"));
        // However short the spreading of day bursts, a day's week and the week before are computed again.
        AnalyzeSettings.Trends shortSpread = new AnalyzeSettings.Trends(28, 8, 6, 7, 0, 0, 3, 0.02, 3.0, 3, 1e-6, 0, 1e-2, 2, 0, 1, 2);
        assertEquals(List.of(6, 1, 1), List.of(shortSpread.leadInPeriods(Granularity.DAY),
                shortSpread.leadInPeriods(Granularity.WEEK), shortSpread.leadInPeriods(Granularity.MONTH)));
        assertEquals(List.of(2, 0, 1), List.of(shortSpread.withoutWeekToDays().leadInPeriods(Granularity.DAY),
                shortSpread.withoutWeekToDays().leadInPeriods(Granularity.WEEK),
                shortSpread.withoutWeekToDays().leadInPeriods(Granularity.MONTH)));
    }

    @Test
    void trendRowsAreShuffledOnceBySubject() {
        List<Row> articles = List.of(RowFactory.create(D0, "A", 10L));
        List<Row> terms = List.of(RowFactory.create(D0, "A", "煤炭", "n", 1L, 1.0, 1L));
        Dataset<Row> rows = Trends.periodTrends(termDaily(terms), termMonthly(List.of()), articleDaily(articles),
                articleMonthly(List.of()), Map.of(Granularity.DAY, new TreeSet<>(List.of(D0))),
                AnalyzeSettings.defaults().trends(), List.of("term"), List.of("pos"));
        rows.collectAsList();
        String plan = rows.queryExecution().executedPlan().toString().split("== Initial Plan ==")[0];
        // The term rows go once to the task of their term, which computes every granularity and
        // region of it; the articles per period are summed on the driver.
        long byTerm = java.util.regex.Pattern.compile("Exchange hashpartitioning\\(term#\\d+, \\d+\\)").matcher(plan).results().count();
        long shuffles = java.util.regex.Pattern.compile("Exchange ").matcher(plan).results().count();
        assertEquals(1, byTerm, plan);
        assertEquals(1, shuffles, plan);
    }

    /** "term day" of the bursts of {@code region} among the day trends of {@code days}. */
    private static List<String> bursts(List<Row> terms, List<Row> articles, TreeSet<LocalDate> days,
                                       AnalyzeSettings.Trends settings, String region) {
        Dataset<Row> rows = Trends.periodTrends(termDaily(terms), termMonthly(List.of()), articleDaily(articles),
                articleMonthly(List.of()), Map.of(Granularity.DAY, days), settings, List.of("term"), List.of("pos"));
        return rows.where(col("is_burst").and(col("region_code").equalTo(region))).collectAsList().stream()
                .map(r -> r.getAs("term") + " " + (r.<LocalDate>getAs("period_start").toEpochDay() - D0.toEpochDay()))
                .sorted().toList();
    }

    /** "term day" of the day bursts of {@code region} among the trends of {@code periods}. */
    private static List<String> dayBursts(List<Row> terms, List<Row> articles, Map<Granularity, SortedSet<LocalDate>> periods,
                                          AnalyzeSettings.Trends settings, String region) {
        Dataset<Row> rows = Trends.periodTrends(termDaily(terms), termMonthly(List.of()), articleDaily(articles),
                articleMonthly(List.of()), periods, settings, List.of("term"), List.of("pos"));
        return rows.where(col("is_burst").and(col("region_code").equalTo(region)).and(col("granularity").equalTo("day")))
                .collectAsList().stream()
                .map(r -> r.getAs("term") + " " + (r.<LocalDate>getAs("period_start").toEpochDay() - D0.toEpochDay()))
                .sorted().toList();
    }

    /** Day 5's trends by term and region, with the given prior weight and otherwise default tests. */
    private static Map<String, Row> dailyByTerm(List<Row> terms, List<Row> articles, double priorArticles) {
        Dataset<Row> rows = Trends.periodTrends(termDaily(terms), termMonthly(List.of()), articleDaily(articles),
                articleMonthly(List.of()), Map.of(Granularity.DAY, new TreeSet<>(List.of(D0.plusDays(5)))),
                new AnalyzeSettings.Trends(4, 8, 6, 0, 0, 0, 3, 0.02, 3.0, 3, 1e-6, priorArticles, 0, 6, 1, 1, 0),
                List.of("term"), List.of("pos"));
        Map<String, Row> byKey = new TreeMap<>();
        for (Row r : rows.collectAsList()) {
            byKey.put(r.getAs("term") + "/" + r.getAs("region_code"), r);
        }
        return byKey;
    }

    /** Day trends of days 2 and 5 by period and region. */
    private static Map<String, Row> daily(List<Row> terms, List<Row> articles, AnalyzeSettings.Trends settings) {
        Dataset<Row> rows = Trends.periodTrends(termDaily(terms), termMonthly(List.of()), articleDaily(articles),
                articleMonthly(List.of()), Map.of(Granularity.DAY, new TreeSet<>(List.of(D0.plusDays(2), D0.plusDays(5)))), settings,
                List.of("term"), List.of("pos"));
        Map<String, Row> byKey = new TreeMap<>();
        for (Row r : rows.collectAsList()) {
            byKey.put(r.<LocalDate>getAs("period_start") + "/" + r.getAs("region_code"), r);
        }
        return byKey;
    }

    @Test
    void weeksStartOnMondayAndRegionsWithoutArticlesAreNotBaseline() {
        // Region A publishes in weeks 0, 2, 3, 4 (not week 1); the term is in 1 of 4 articles
        // each time, and in all 4 in week 4.
        List<Row> articles = new ArrayList<>();
        List<Row> terms = new ArrayList<>();
        for (int w : new int[]{0, 2, 3, 4}) {
            LocalDate d = D0.plusWeeks(w).plusDays(2); // a Wednesday
            articles.add(RowFactory.create(d, "A", 4L));
            terms.add(RowFactory.create(d, "A", "口岸", "n", w == 4 ? 4L : 1L, w == 4 ? 4.0 : 1.0, w == 4 ? 4L : 1L));
        }
        AnalyzeSettings.Trends settings = new AnalyzeSettings.Trends(28, 8, 6, 0, 0, 0, 3, 0.02, 3.0, 3, 1e-2, 0, 0, 6, 1, 1, 0);
        LocalDate week4 = D0.plusWeeks(4);
        // March holds weeks 0, 2 and 3 (April 1st starts week 4): its monthly sums.
        Dataset<Row> monthlyTerms = termMonthly(List.of(
                RowFactory.create(LocalDate.of(2024, 3, 1), "A", "口岸", "n", 3L, 3.0, 3L)));
        Dataset<Row> monthlyArticles = articleMonthly(List.of(RowFactory.create(LocalDate.of(2024, 3, 1), "A", 12L)));
        Dataset<Row> both = Trends.periodTrends(termDaily(terms), monthlyTerms, articleDaily(articles), monthlyArticles,
                Map.of(Granularity.WEEK, new TreeSet<>(List.of(week4)),
                        Granularity.MONTH, new TreeSet<>(List.of(LocalDate.of(2024, 3, 1)))),
                settings, List.of("term"), List.of("pos"));
        Row r = both.where(col("region_code").equalTo("A").and(col("granularity").equalTo("week"))).first();
        // March 2024 (weeks 0-3 are in it, week 4 starts April 1st) has no earlier months: no z-score.
        Row march = both.where(col("region_code").equalTo("A").and(col("granularity").equalTo("month"))).first();
        assertEquals(LocalDate.of(2024, 3, 31), march.getAs("period_end"));
        assertEquals(3L, (long) march.getAs("docs"));
        assertEquals(0.25, march.<Double>getAs("share"), 1e-12);
        assertNull(march.getAs("zscore"));
        assertEquals(week4, r.getAs("period_start"));
        assertEquals(week4.plusDays(6), r.getAs("period_end"));
        assertEquals(3L, (long) r.getAs("baseline_periods")); // weeks 0, 2, 3; week 1 had no articles
        assertEquals(0.25, r.<Double>getAs("baseline_mean"), 1e-12);
        // sd 0; the floor is the sampling error of 4 articles at the rate (.25 · 12 + .5) / 13.
        double rate = (0.25 * 12 + 0.5) / 13;
        assertEquals((1.0 - 0.25) / Math.sqrt(rate * (1 - rate) / 4), r.<Double>getAs("zscore"), 1e-9);
        assertEquals(Math.pow(rate, 4), BinomialTail.atLeast(4, 4, rate), 1e-12); // 4 of 4: .005, under 1e-2
        assertTrue(r.<Boolean>getAs("is_burst"));
    }

    @Test
    void idfCountsWholeMonthsBeforeAndTheMonthUpToTheDay() {
        // 煤炭 in 5 articles in January, 3 in February, 2 on March 2nd and 4 on March 7th;
        // 100 articles in January, 80 in February, 10 a day in March.
        Dataset<Row> terms = Keywords.units(
                termMonthly(List.of(RowFactory.create(LocalDate.of(2024, 1, 1), "A", "煤炭", "n", 5L, 5.0, 5L),
                        RowFactory.create(LocalDate.of(2024, 2, 1), "A", "煤炭", "n", 3L, 3.0, 3L))),
                termDaily(List.of(RowFactory.create(LocalDate.of(2024, 3, 2), "A", "煤炭", "n", 2L, 2.0, 2L),
                        RowFactory.create(LocalDate.of(2024, 3, 7), "B", "煤炭", "n", 4L, 4.0, 4L))),
                "region_code", "term", "pos", "count", "weight", "docs");
        List<Row> days = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            days.add(RowFactory.create(LocalDate.of(2024, 3, i), "A", 10L));
        }
        Dataset<Row> articles = Keywords.units(articleMonthly(List.of(
                        RowFactory.create(LocalDate.of(2024, 1, 1), "A", 100L),
                        RowFactory.create(LocalDate.of(2024, 2, 1), "A", 80L))), articleDaily(days),
                "region_code", "articles");
        Dataset<Row> refs = spark.createDataFrame(List.of(
                        RowFactory.create("煤炭", java.sql.Date.valueOf("2024-03-05")),
                        RowFactory.create("煤炭", java.sql.Date.valueOf("2024-03-10"))),
                new org.apache.spark.sql.types.StructType().add("term", "string").add("ref", "date"));
        Map<String, Row> oneMonth = new TreeMap<>();
        for (Row r : Keywords.idf(terms, articles, refs, 1).collectAsList()) {
            oneMonth.put(r.getAs("ref").toString(), r);
        }
        // One whole month back: February, then March 1st to the day.
        assertEquals(5L, (long) oneMonth.get("2024-03-05").getAs("df"));
        assertEquals(Math.log(131.0 / 6.0) + 1, oneMonth.get("2024-03-05").<Double>getAs("idf"), 1e-12);
        assertEquals(9L, (long) oneMonth.get("2024-03-10").getAs("df"));
        assertEquals(Math.log(181.0 / 10.0) + 1, oneMonth.get("2024-03-10").<Double>getAs("idf"), 1e-12);
        // Two months back takes January too.
        Row twoMonths = Keywords.idf(terms, articles, refs, 2).where(col("ref").equalTo("2024-03-05")).first();
        assertEquals(10L, (long) twoMonths.getAs("df"));
        assertEquals(Math.log(231.0 / 11.0) + 1, twoMonths.<Double>getAs("idf"), 1e-12);
        assertEquals(LocalDate.of(2023, 3, 1), Keywords.windowStart(LocalDate.of(2024, 3, 31), 12));
    }

    /**
     * The day and day × region groups computed in one pass (running sums over each term's units)
     * hold exactly the sums, totals, df and idf that the definitions give, worked out here in
     * plain Java over random units of four months in three regions, and their plan joins nothing
     * but small broadcast tables.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void dayGroupsCountTheirWindowsExactly(int months) {
        java.util.Random random = new java.util.Random(11);
        String[] regions = {"150100", "150200", "152900"};
        String[] tags = {"n", "vn", "nz"};
        List<Row> daily = new ArrayList<>();
        List<Row> dailyArticles = new ArrayList<>();
        // (month, region, term) -> docs, (month, region) -> articles, for the monthly tables
        Map<List<Object>, long[]> monthlyTerms = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        Map<List<Object>, Long> monthlyArticles = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        LocalDate start = LocalDate.of(2024, 1, 1);
        LocalDate end = LocalDate.of(2024, 4, 20);
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            for (String region : regions) {
                long n = 5 + random.nextInt(10);
                dailyArticles.add(RowFactory.create(d, region, n));
                monthlyArticles.merge(List.of(d.withDayOfMonth(1), region), n, Long::sum);
                for (int t = 0; t < 30; t++) {
                    if (random.nextInt(3) == 0) {
                        long docs = 1 + random.nextInt(3);
                        long count = docs + random.nextInt(3);
                        double weight = docs + count / 7.0;
                        daily.add(RowFactory.create(d, region, "t" + t, tags[random.nextInt(tags.length)], count, weight,
                                docs));
                        long[] m = monthlyTerms.computeIfAbsent(List.of(d.withDayOfMonth(1), region, "t" + t),
                                k -> new long[3]);
                        m[0] += count;
                        m[1] += docs;
                    }
                }
            }
        }
        List<Row> monthly = new ArrayList<>();
        monthlyTerms.forEach((k, v) -> monthly.add(RowFactory.create(k.get(0), k.get(1), k.get(2), "n", v[0],
                (double) v[0], v[1])));
        List<Row> monthlyArticleRows = new ArrayList<>();
        monthlyArticles.forEach((k, v) -> monthlyArticleRows.add(RowFactory.create(k.get(0), k.get(1), v)));
        Dataset<Row> terms = Keywords.units(termMonthly(monthly), termDaily(daily),
                "region_code", "term", "pos", "count", "weight", "docs");
        Dataset<Row> articles = Keywords.units(articleMonthly(monthlyArticleRows), articleDaily(dailyArticles),
                "region_code", "articles");
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (LocalDate d = LocalDate.of(2024, 3, 30); !d.isAfter(end); d = d.plusDays(1)) {
            dates.add(d);
        }

        // The expected figures, from the definitions.
        Map<String, Object[]> expected = new TreeMap<>(); // scope|day|region|term -> tf, weight, docs, df, n, total
        Map<String, Double> totals = new TreeMap<>();
        for (Row r : daily) {
            LocalDate d = r.getAs(0);
            if (dates.contains(d)) {
                totals.merge(d + "|" + r.getString(1), r.getDouble(5), Double::sum);
                totals.merge(d + "|all", r.getDouble(5), Double::sum);
            }
        }
        for (LocalDate d : dates) {
            LocalDate windowStart = Keywords.windowStart(d, months);
            long n = 0;
            for (Row a : dailyArticles) {
                LocalDate day = a.getAs(0);
                n += !day.isBefore(d.withDayOfMonth(1)) && !day.isAfter(d) ? a.getLong(2) : 0;
            }
            for (Row a : monthlyArticleRows) {
                LocalDate m = a.getAs(0);
                n += !m.isBefore(windowStart) && m.isBefore(d.withDayOfMonth(1)) ? a.getLong(2) : 0;
            }
            for (int t = 0; t < 30; t++) {
                String term = "t" + t;
                long df = 0;
                for (Row r : daily) {
                    LocalDate day = r.getAs(0);
                    df += r.getString(2).equals(term) && !day.isBefore(d.withDayOfMonth(1)) && !day.isAfter(d)
                            ? r.getLong(6) : 0;
                }
                for (Row r : monthly) {
                    LocalDate m = r.getAs(0);
                    df += r.getString(2).equals(term) && !m.isBefore(windowStart) && m.isBefore(d.withDayOfMonth(1))
                            ? r.getLong(6) : 0;
                }
                for (Row r : daily) {
                    if (r.getAs(0).equals(d) && r.getString(2).equals(term)) {
                        String region = r.getString(1);
                        expected.put("day_region|" + d + "|" + region + "|" + term, new Object[]{r.getLong(4),
                                r.getDouble(5), r.getLong(6), df, n, totals.get(d + "|" + region), r.getString(3)});
                        Object[] all = expected.computeIfAbsent("day|" + d + "|all|" + term,
                                k -> new Object[]{0L, 0.0, 0L, null, null, null, null});
                        all[3] = df;
                        all[4] = n;
                        all[5] = totals.get(d + "|all");
                        all[0] = (long) all[0] + r.getLong(4);
                        all[1] = (double) all[1] + r.getDouble(5);
                        all[2] = (long) all[2] + r.getLong(6);
                    }
                }
            }
        }

        Dataset<Row> groups = Keywords.dayGroups(terms, articles, dates, months, TopTag.of(terms));
        List<Row> got = groups.collectAsList();
        assertEquals(expected.size(), got.size());
        for (Row r : got) {
            String key = r.getAs("scope") + "|" + r.getAs("period_start") + "|" + r.getAs("region_code") + "|"
                    + r.getAs("term");
            Object[] e = expected.get(key);
            assertTrue(e != null, key);
            assertEquals(e[0], r.getAs("tf"), key);
            assertEquals((double) e[1], r.<Double>getAs("weight"), 1e-9, key);
            assertEquals(e[2], r.getAs("docs"), key);
            assertEquals(e[3], r.getAs("df"), key);
            assertEquals(Math.log((1.0 + (long) e[4]) / (1.0 + (long) e[3])) + 1, r.<Double>getAs("idf"), 1e-12, key);
            assertEquals((double) e[5], r.<Double>getAs("total"), 1e-9, key);
            assertEquals(r.<LocalDate>getAs("period_start"), r.getAs("ref"), key);
            if (e[6] != null) {
                assertEquals(e[6], r.getAs("pos"), key);
            }
        }
        String plan = groups.queryExecution().executedPlan().toString();
        assertFalse(plan.contains("SortMergeJoin") || plan.contains("ShuffledHashJoin"), plan);
    }

    /**
     * A term's tag is its most frequent one, ties going to the greatest tag, exactly as
     * {@code max(struct(count, pos))} picks it, but aggregated in a hash map instead of after a sort.
     */
    @Test
    void aTermsTagIsItsMostFrequentOneAndTheAggregationIsHashed() {
        List<Row> rows = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        String[] tags = {"n", "nr", "ns", "nz", "vn", "nt", "nrf", "gm"};
        for (int i = 0; i < 3000; i++) {
            rows.add(RowFactory.create("w" + random.nextInt(300), tags[random.nextInt(tags.length)],
                    (long) random.nextInt(4)));
        }
        rows.add(RowFactory.create("煤炭", "n", 2L));
        rows.add(RowFactory.create("煤炭", "nz", 2L)); // a tie: the greater tag
        rows.add(RowFactory.create("煤炭", "vn", 1L));
        rows.add(RowFactory.create("包头", null, 5L)); // an untagged row does not count
        rows.add(RowFactory.create("包头", "ns", 1L));
        Dataset<Row> counts = spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                .add("term", "string").add("pos", "string").add("count", "long"));
        TopTag top = TopTag.of(counts);
        Dataset<Row> packed = counts.groupBy("term").agg(top.aggregate()).withColumn("pos", top.tag())
                .drop(TopTag.column());
        Dataset<Row> reference = counts.groupBy("term").agg(org.apache.spark.sql.functions.max(
                org.apache.spark.sql.functions.struct(col("count"), col("pos"))).getField("pos").as("expected"));
        Map<String, String> got = new TreeMap<>();
        packed.collectAsList().forEach(r -> got.put(r.getString(0), r.getString(1)));
        assertEquals("nz", got.get("煤炭"));
        assertEquals("ns", got.get("包头"));
        assertEquals(302, got.size()); // w0 … w299, 煤炭 and 包头
        for (Row r : reference.collectAsList()) {
            String term = r.getString(0);
            if (!term.equals("包头")) {
                assertEquals(r.getString(1), got.get(term), term);
            }
        }
        String plan = packed.queryExecution().executedPlan().toString();
        assertTrue(plan.contains("HashAggregate") && !plan.contains("SortAggregate"), plan);
    }

    @Test
    void periodsAndIndexesAgreeBetweenJavaAndSql() {
        LocalDate sunday = LocalDate.of(2024, 3, 10);
        assertEquals(LocalDate.of(2024, 3, 4), Granularity.WEEK.start(sunday));
        assertEquals(LocalDate.of(2024, 2, 29), Granularity.MONTH.end(LocalDate.of(2024, 2, 1)));
        for (Granularity g : Granularity.values()) {
            for (LocalDate d : List.of(LocalDate.of(1999, 12, 31), sunday, LocalDate.of(2025, 1, 1))) {
                Row r = spark.sql("SELECT " + g.sqlStart("DATE'" + d + "'") + " AS s").first();
                LocalDate start = r.getAs("s");
                assertEquals(g.start(d), start, g + " " + d);
                assertEquals(g.index(start) - 1, g.index(g.minus(start, 1)));
                LocalDate end = spark.sql("SELECT " + g.sqlEnd("DATE'" + start + "'")).first().getAs(0);
                assertEquals(g.end(start), end, g + " " + d);
            }
        }
    }
}
