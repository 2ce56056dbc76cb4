package io.newstrends.analyze;

import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Layout;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Term and entity trends per day, ISO week and month, for each region and for all regions.
 *
 * <p>For a period p, region r and term t: {@code count} occurrences, {@code docs} articles
 * containing t, {@code articles} articles of r in p, and {@code share = docs / articles}, so a
 * busy day does not look like a trend. The baseline is the previous {@code baseline-*} periods
 * in which r had articles (a term absent there has share 0): mean μ and standard deviation σ
 * of its shares; the {@code baseline-gap-*} periods just before p are left out, so a burst's
 * later periods are compared with the time before it. With the baseline rate
 * {@code ρ = max((μ·A + ½) / (A + 1), (μ·A + m·μₐ + ½) / (A + m + 1))} (A: the baseline's articles;
 * μₐ: the term's baseline mean in all regions; m: {@code burst-prior-articles}),
 * {@code zscore = (share − μ) / max(σ, min-sd, √(ρ(1 − ρ) / articles))}, left empty with fewer
 * than {@code min-baseline-periods} baseline periods; {@code is_burst} when zscore ≥
 * {@code burst-z}, docs ≥ {@code burst-min-docs} and P(X ≥ docs) ≤ {@code burst-max-p} for
 * X ~ Binomial(articles, ρ): with thousands of terms tested per period, a normal z alone flags
 * chance all the time. A burst spreads to the quieter periods of its story: within
 * {@code burst-continue-*} periods of a burst, before or after it, a period of the subject with
 * zscore above 0 and P(X ≥ docs) ≤ {@code burst-continue-max-p} is a burst too. And a week's
 * burst spreads to its days: a day of a week that is a burst by its own test is a burst when its
 * zscore ≥ {@code burst-z}, docs ≥ {@code burst-week-day-min-docs} and P(X ≥ docs) ≤
 * {@code burst-continue-max-p}.
 *
 * <p>A run recomputes the periods holding its dates, and the periods before them that their
 * bursts can spread to, from the rows of those periods, their neighbours and their baselines
 * only: daily rows for days and weeks (about two months of them), monthly rows for months,
 * whatever the history.
 */
final class Trends {

    private Trends() {
    }

    /**
     * Rewrites {@code table} for the run's periods.
     *
     * @param daily  {@code term_daily} or {@code entity_daily}
     * @param monthly {@code term_monthly} or {@code entity_monthly}
     * @param keys   the columns naming a trend's subject (term; entity and entity_type)
     * @param extras columns carried along, the value of the most frequent row (pos; entity_region_code)
     */
    static long write(DeltaStore store, AnalyzeSettings.Trends settings, RunSlice slice, String dailyTable,
                      String monthlyTable, String table, StructType schema, List<String> keys, List<String> extras, String lineage) {
        List<String> replaced = new ArrayList<>();
        Map<Granularity, SortedSet<LocalDate>> periods = new EnumMap<>(Granularity.class);
        for (Granularity g : Granularity.values()) {
            int leadIn = settings.leadInPeriods(g);
            SortedSet<LocalDate> computed = withLeadIn(slice.computedPeriods(g), g, leadIn);
            replaced.add("(granularity = '" + g.label() + "' AND "
                    + (leadIn == 0 ? slice.periodPredicate(g) : RunSlice.dateIn("period_start", computed)) + ")");
            periods.put(g, computed);
        }
        Dataset<Row> rows = periodTrends(store.read(dailyTable), store.read(monthlyTable), store.read(Tables.ARTICLE_DAILY),
                store.read(Tables.ARTICLE_MONTHLY), periods, settings, keys, extras);
        store.replaceWhere(table, Tables.conform(rows, schema), String.join(" OR ", replaced), Layout.partitionedBy("granularity"), lineage);
        long written = store.lastCommitRows(table);
        store.ensure(table, schema, Layout.partitionedBy("granularity"), lineage);
        return written;
    }

    /**
     * Trend rows of the given periods of every granularity, from the rows of those periods and
     * their baselines: daily rows for days and weeks, monthly rows for months. One plan for all
     * granularities and for each region and all regions together: every row is counted once per
     * (granularity, region or all).
     */
    static Dataset<Row> periodTrends(Dataset<Row> daily, Dataset<Row> monthly, Dataset<Row> articleDaily,
                                     Dataset<Row> articleMonthly, Map<Granularity, SortedSet<LocalDate>> periods,
                                     AnalyzeSettings.Trends settings, List<String> keys, List<String> extras) {
        LocalDate from = null;
        LocalDate to = null;
        LocalDate monthFrom = null;
        LocalDate monthTo = null;
        List<Column> variants = new ArrayList<>();
        for (Map.Entry<Granularity, SortedSet<LocalDate>> e : periods.entrySet()) {
            Granularity g = e.getKey();
            if (e.getValue().isEmpty()) {
                continue;
            }
            // The periods a burst can spread from need their own baselines too (those after the
            // run's dates are read when they exist, not written).
            LocalDate lo = g.minus(e.getValue().first(), settings.baselinePeriods(g) + settings.gapPeriods(g)
                    + settings.continuePeriods(g));
            LocalDate hi = g.end(g.minus(e.getValue().last(), -settings.continuePeriods(g)));
            if (g == Granularity.MONTH) {
                monthFrom = lo;
                monthTo = hi;
            } else {
                from = from == null || lo.isBefore(from) ? lo : from;
                to = to == null || hi.isAfter(to) ? hi : to;
            }
            // The period of this granularity holding the row, or null when it is outside what the
            // run computes and their baselines. Months count monthly rows, days and weeks daily ones.
            Column ofItsKind = g == Granularity.MONTH ? col("is_month") : not(col("is_month"));
            variants.add(when(ofItsKind.and(col("issue_date").geq(lit(lo)).and(col("issue_date").leq(lit(hi)))),
                    struct(lit(g.label()).as("granularity"), expr(g.sqlStart("issue_date")).as("period_start"),
                            lit(settings.baselinePeriods(g)).as("baseline"))));
        }
        if (from == null && monthFrom == null) {
            throw new IllegalArgumentException("no periods to compute");
        }
        daily = inputs(daily, monthly, from, to, monthFrom, monthTo);
        articleDaily = inputs(articleDaily, articleMonthly, from, to, monthFrom, monthTo);
        Column periodsOfRow = explode(filter(array(variants.toArray(new Column[0])), Column::isNotNull)).as("p");
        Column regionsOfRow = explode(array(col("region_code"), lit(Tables.ALL_REGIONS))).as("region");

        List<Column> groupBy = new ArrayList<>(List.of(col("p.granularity").as("granularity"),
                col("p.period_start").as("period_start"), col("p.baseline").as("baseline"), col("region").as("region_code")));
        keys.forEach(k -> groupBy.add(col(k)));
        List<Column> aggregates = new ArrayList<>(List.of(sum("count").as("count"), sum("docs").as("docs")));
        for (String extra : extras) {
            // The extra of the daily row that counted most (ties: the larger value): deterministic.
            aggregates.add(max(struct(col("count"), col(extra))).getField(extra).as(extra));
        }
        // Spread by subject alone: every window below (a subject's history, a period's regions) is
        // clustered by it, so none of them shuffles the rows again.
        Dataset<Row> counts = daily.select(col("*"), periodsOfRow).select(col("*"), regionsOfRow)
                .groupBy(groupBy.toArray(new Column[0]))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
                .repartition(keys.stream().map(k -> col(k)).toArray(Column[]::new));

        // Articles per period and region, with how many of the baseline periods before it had any.
        Dataset<Row> articles = articleDaily.select(col("*"), periodsOfRow).select(col("*"), regionsOfRow)
                .groupBy(col("p.granularity").as("granularity"), col("p.period_start").as("period_start"),
                        col("region").as("region_code"))
                .agg(sum("articles").as("articles"))
                .withColumn("idx", periodIndex());
        WindowSpec regionHistory = Window.partitionBy("granularity", "region_code").orderBy("idx");
        articles = articles.withColumn("baseline_periods", baseline(count(lit(1)), regionHistory, settings))
                .withColumn("baseline_articles", baseline(sum("articles"), regionHistory, settings));

        List<Column> subject = new ArrayList<>(List.of(col("granularity"), col("region_code")));
        keys.forEach(k -> subject.add(col(k)));
        WindowSpec termHistory = Window.partitionBy(subject.toArray(new Column[0])).orderBy("idx");
        Column mean = coalesce(col("s1"), lit(0.0)).divide(col("baseline_periods"));
        Column variance = greatest(lit(0.0), coalesce(col("s2"), lit(0.0)).divide(col("baseline_periods"))
                .minus(col("baseline_mean").multiply(col("baseline_mean"))));
        Column enough = col("baseline_periods").geq(settings.minBaselinePeriods());
        Column computed = null;
        for (Map.Entry<Granularity, SortedSet<LocalDate>> e : periods.entrySet()) {
            if (!e.getValue().isEmpty()) {
                Column c = col("granularity").equalTo(e.getKey().label())
                        .and(expr(RunSlice.dateIn("period_start", e.getValue())));
                computed = computed == null ? c : computed.or(c);
            }
        }
        // The baseline rate, smoothed by half an article so that a term never seen has a rate above 0,
        // and the share's sampling error at that rate: a floor of the spread as real as min-sd.
        // With a prior weight m, the term's rate in all regions counts as m more baseline articles,
        // but only ever to raise the rate: a word common elsewhere is not news in a region the first
        // time it shows up there, while a word of the region's own (its place names) is judged by
        // the region's own history.
        double m = settings.burstPriorArticles();
        Column baselineDocs = col("baseline_mean").multiply(col("baseline_articles"));
        Column ownRate = baselineDocs.plus(0.5).divide(col("baseline_articles").plus(1));
        Column rate = m == 0 ? ownRate : greatest(ownRate, baselineDocs.plus(coalesce(col("prior_mean"), lit(0.0)).multiply(m))
                .plus(0.5).divide(col("baseline_articles").plus(m + 1)));
        Column samplingError = sqrt(col("rate").multiply(lit(1.0).minus(col("rate"))).divide(col("articles")));
        Dataset<Row> withBaselines = counts.join(broadcast(articles), new String[]{"granularity", "period_start", "region_code"})
                .withColumn("share", col("docs").divide(col("articles")))
                .withColumn("s1", baseline(sum(col("share")), termHistory, settings))
                .withColumn("s2", baseline(sum(col("share").multiply(col("share"))), termHistory, settings))
                .withColumn("baseline_mean", when(col("baseline_periods").gt(0), mean))
                .withColumn("baseline_sd", when(col("baseline_periods").gt(0), sqrt(variance)));
        if (m > 0) {
            List<Column> samePeriodSubject = new ArrayList<>(List.of(col("granularity"), col("period_start")));
            keys.forEach(k -> samePeriodSubject.add(col(k)));
            withBaselines = withBaselines.withColumn("prior_mean", max(when(col("region_code").equalTo(Tables.ALL_REGIONS),
                    col("baseline_mean"))).over(Window.partitionBy(samePeriodSubject.toArray(new Column[0]))));
        }
        Column chance = BinomialTail.atLeast(col("docs"), col("articles"), col("rate"));
        withBaselines = withBaselines
                .withColumn("rate", rate)
                .withColumn("zscore", when(enough, col("share").minus(col("baseline_mean"))
                        .divide(greatest(col("baseline_sd"), lit(settings.minSd()), samplingError))))
                .withColumn("is_burst", coalesce(col("zscore").geq(settings.burstZ()), lit(false))
                        .and(col("docs").geq(settings.burstMinDocs()))
                        .and(coalesce(chance.leq(settings.burstMaxP()), lit(false))));
        // Both spreads read the bursts of the periods' own tests (one expression, so neither sees the other's).
        Column spread = lit(false);
        if (settings.continueMaxP() > 0) {
            Column unusual = coalesce(col("zscore").gt(0), lit(false))
                    .and(coalesce(chance.leq(settings.continueMaxP()), lit(false)));
            spread = unusual.and(burstNearby(termHistory, settings));
        }
        if (settings.weekSpreadsToDays()) {
            Column likePartOfIt = coalesce(col("zscore").geq(settings.burstZ()), lit(false))
                    .and(col("docs").geq(settings.weekDayMinDocs()))
                    .and(coalesce(chance.leq(settings.continueMaxP()), lit(false)));
            spread = spread.or(col("granularity").equalTo(Granularity.DAY.label()).and(likePartOfIt).and(inBurstWeek(keys)));
        }
        withBaselines = withBaselines.withColumn("is_burst", col("is_burst").or(spread));
        return withBaselines
                .where(computed)
                .withColumn("period_end", expr("CASE granularity WHEN 'day' THEN " + Granularity.DAY.sqlEnd("period_start")
                        + " WHEN 'week' THEN " + Granularity.WEEK.sqlEnd("period_start")
                        + " ELSE " + Granularity.MONTH.sqlEnd("period_start") + " END"));
    }

    /**
     * {@code periods} and the {@code leadIn} periods before each: a burst in a run's periods can make
     * bursts of the periods just before them, which the run therefore computes again.
     */
    static SortedSet<LocalDate> withLeadIn(SortedSet<LocalDate> periods, Granularity g, int leadIn) {
        SortedSet<LocalDate> result = new TreeSet<>(periods);
        for (LocalDate p : periods) {
            for (int i = 1; i <= leadIn; i++) {
                result.add(g.minus(p, i));
            }
        }
        return result;
    }

    /**
     * Whether the subject has a burst within {@code burst-continue-*} periods of the row's, before or
     * after it: the quieter days of a story, its first ones included, belong to its burst.
     */
    private static Column burstNearby(WindowSpec history, AnalyzeSettings.Trends settings) {
        Column result = lit(false);
        for (Granularity g : Granularity.values()) {
            int periods = settings.continuePeriods(g);
            if (periods > 0) {
                Column recent = max(col("is_burst").cast("int")).over(history.rangeBetween(-periods, periods));
                result = when(col("granularity").equalTo(g.label()), coalesce(recent.equalTo(1), lit(false))).otherwise(result);
            }
        }
        return result;
    }

    /**
     * Whether the subject's week holding the row is a burst, in the row's region. A story whose
     * articles are spread thin over a week (two one day, three the next) can make a burst of the
     * week that none of its days makes by itself: its days that stand out (burst-z, and at least
     * {@code burst-week-day-min-docs} articles) are the days of that burst. The rows are clustered
     * by subject, so this window sorts but does not shuffle.
     */
    private static Column inBurstWeek(List<String> keys) {
        List<Column> sameWeek = new ArrayList<>(List.of(col("region_code"), expr(Granularity.WEEK.sqlStart("period_start"))));
        keys.forEach(k -> sameWeek.add(col(k)));
        Column weekBurst = max(when(col("granularity").equalTo(Granularity.WEEK.label()), col("is_burst").cast("int")))
                .over(Window.partitionBy(sameWeek.toArray(new Column[0])));
        return coalesce(weekBurst.equalTo(1), lit(false));
    }

    /**
     * The daily rows of [from, to] and the monthly rows of [monthFrom, monthTo] (as rows dated the
     * month's first day), told apart by {@code is_month}.
     */
    private static Dataset<Row> inputs(Dataset<Row> daily, Dataset<Row> monthly, LocalDate from, LocalDate to,
                                       LocalDate monthFrom, LocalDate monthTo) {
        Dataset<Row> days = from == null ? daily.limit(0) : daily.where(col("issue_date").between(from, to));
        Dataset<Row> months = monthFrom == null ? monthly.limit(0) : monthly.where(col("month").between(monthFrom, monthTo));
        return days.withColumn("is_month", lit(false))
                .unionByName(months.withColumnRenamed("month", "issue_date").withColumn("is_month", lit(true)));
    }

    /**
     * {@code aggregate} over the baseline periods before each row: its granularity's number of
     * periods. Frames must be constants, so there is one per granularity; they share the
     * partitioning and order, so Spark computes them in one pass.
     */
    private static Column baseline(Column aggregate, WindowSpec history, AnalyzeSettings.Trends settings) {
        Column result = null;
        for (Granularity g : Granularity.values()) {
            int gap = settings.gapPeriods(g);
            Column framed = aggregate.over(history.rangeBetween(-settings.baselinePeriods(g) - gap, -1 - gap));
            result = result == null ? when(col("granularity").equalTo(g.label()), framed)
                    : result.when(col("granularity").equalTo(g.label()), framed);
        }
        return result;
    }

    /** {@link Granularity#index} in SQL, per row's granularity. */
    private static Column periodIndex() {
        return expr("CASE granularity WHEN 'day' THEN " + Granularity.DAY.sqlIndex("period_start")
                + " WHEN 'week' THEN " + Granularity.WEEK.sqlIndex("period_start")
                + " ELSE " + Granularity.MONTH.sqlIndex("period_start") + " END");
    }
}
