package io.newstrends.analyze;

import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Layout;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

/**
 * Keywords by TF-IDF for every scope: an article, a day, an ISO week, a month and a region,
 * overall and per region.
 *
 * <p>IDF is smoothed and counted over articles, in a trailing window ending on the scored day
 * (for a week or month, on its last day; for a region, on its latest issue): the
 * {@code idf-window-months} whole months before that day's month and the month up to that day.
 * {@code idf(t) = ln((1 + N) / (1 + df(t))) + 1}, N the articles of the window and df
 * those containing t. Term frequency is sublinear per article, {@code w(t, a) = 1 + ln tf(t, a)},
 * so one article repeating a word does not outweigh many articles mentioning it. A group of
 * articles (a day, a week, a month, a region) is scored as one document (class-based TF-IDF):
 * {@code score = Σ_a w(t, a) / Σ_t' Σ_a w(t', a) × idf(t)}. Candidates are the
 * {@code term_daily} terms (content tags of {@code keywords.tags}, stopwords already out) with
 * df of at least {@code min-df}. Ranks are 1, 2, 3 … by score, ties broken by term.
 *
 * <p>Reads the monthly sums of the window's whole months and the daily rows of the current
 * month only, so a daily run costs the same after ten years as after one.
 */
final class Keywords {

    static final String ARTICLE = "article";
    static final String DAY = "day";
    static final String DAY_REGION = "day_region";
    static final String WEEK = "week";
    static final String WEEK_REGION = "week_region";
    static final String MONTH = "month";
    static final String MONTH_REGION = "month_region";
    static final String REGION = "region";

    private Keywords() {
    }

    /** Rewrites the keywords of the run's slice; returns the rows written. */
    static long write(SparkSession spark, DeltaStore store, AnalyzeSettings.Keywords settings, RunSlice slice,
                      String lineage) {
        int months = settings.idfWindowMonths();
        LocalDate first = slice.dates().first();
        LocalDate last = slice.dates().last();

        // A region's own keywords cover its IDF window up to its latest issue; they change only
        // when the run touched a date inside that window.
        List<String> scopes = settings.scopes();
        // Article keywords take their refs from the day groups, so the day scope is computed with them.
        Set<String> computed = new HashSet<>(scopes);
        if (scopes.contains(ARTICLE)) {
            computed.add(DAY);
        }
        List<Row> regionRefs = new ArrayList<>();
        for (Row r : !scopes.contains(REGION) ? List.<Row>of() : store.read(Tables.ARTICLE_DAILY)
                .where(col("issue_date").geq(lit(first)))
                .groupBy("region_code")
                .agg(max("issue_date").as("latest"),
                        max(expr("CASE WHEN " + RunSlice.dateIn("issue_date", slice.dates()) + " THEN issue_date END"))
                                .as("touched"))
                .collectAsList()) {
            LocalDate latest = r.getAs("latest");
            LocalDate touched = r.getAs("touched");
            if (touched != null && !touched.isBefore(windowStart(latest, months))) {
                regionRefs.add(RowFactory.create(r.getAs("region_code"), latest));
            }
        }
        LocalDate monthEnd = Granularity.MONTH.end(Granularity.MONTH.start(last));
        LocalDate weekEnd = Granularity.WEEK.end(Granularity.WEEK.start(last));
        LocalDate lastRef = weekEnd.isAfter(monthEnd) ? weekEnd : monthEnd;
        for (Row r : regionRefs) {
            LocalDate latest = r.getAs(1);
            lastRef = latest.isAfter(lastRef) ? latest : lastRef;
        }
        LocalDate firstDay = Granularity.WEEK.start(first).isBefore(Granularity.MONTH.start(first))
                ? Granularity.WEEK.start(first) : Granularity.MONTH.start(first);
        LocalDate firstMonth = windowStart(first, months);
        Dataset<Row> regions = spark.createDataFrame(regionRefs, new StructType()
                .add("region_code", DataTypes.StringType).add("region_ref", DataTypes.DateType));

        // Units of counting: whole months before the current one, days within it.
        Dataset<Row> termUnits = units(
                store.read(Tables.TERM_MONTHLY).where(col("month").between(firstMonth, Granularity.MONTH.start(lastRef))),
                store.read(Tables.TERM_DAILY).where(col("issue_date").between(firstDay, lastRef)),
                "region_code", "term", "pos", "count", "weight", "docs");
        Dataset<Row> articleUnits = units(
                store.read(Tables.ARTICLE_MONTHLY).where(col("month").between(firstMonth, Granularity.MONTH.start(lastRef))),
                store.read(Tables.ARTICLE_DAILY).where(col("issue_date").between(firstDay, lastRef)),
                "region_code", "articles");
        // Cached sets are filled eagerly: the stages of one query that read them start together,
        // and each would otherwise compute the set again.
        List<Dataset<Row>> cached = new ArrayList<>();
        try {
            Column day = col("unit_start");
            Column daily = not(col("is_month"));
            Column week = expr(Granularity.WEEK.sqlStart("unit_start"));
            Column inDates = daily.and(expr(RunSlice.dateIn("unit_start", slice.dates())));
            Column inWeeks = daily.and(expr(RunSlice.dateIn(Granularity.WEEK.sqlStart("unit_start"),
                    slice.computedPeriods(Granularity.WEEK))));
            Column inMonths = col("is_month").and(expr(RunSlice.dateIn("unit_start",
                    slice.computedPeriods(Granularity.MONTH))));
            Column regionStart = add_months(trunc(col("region_ref"), "MM"), -months);
            // Each unit counts towards every group holding it: its day, week and month overall, its
            // week in its region, and its region's window when that is recomputed. One aggregation for all.
            Map<String, Column> all = new LinkedHashMap<>();
            all.put(DAY, when(inDates, variant(DAY, day, day, lit(Tables.ALL_REGIONS), day)));
            all.put(WEEK, when(inWeeks, variant(WEEK, week, date_add(week, 6), lit(Tables.ALL_REGIONS), date_add(week, 6))));
            all.put(WEEK_REGION, when(inWeeks, variant(WEEK_REGION, week, date_add(week, 6), col("region_code"),
                    date_add(week, 6))));
            all.put(MONTH, when(inMonths, variant(MONTH, day, last_day(day), lit(Tables.ALL_REGIONS), last_day(day))));
            all.put(REGION, when(inWindow(regionStart, col("region_ref")),
                    variant(REGION, regionStart, col("region_ref"), col("region_code"), col("region_ref"))));
            all.keySet().retainAll(computed);
            // A day in a region is one daily row and a month in a region one monthly row, so those
            // groups are the units themselves: they skip the aggregation (and its shuffle).
            Map<String, Column> single = new LinkedHashMap<>();
            single.put(DAY_REGION, when(inDates, variant(DAY_REGION, day, day, col("region_code"), day)));
            single.put(MONTH_REGION, when(inMonths, variant(MONTH_REGION, day, last_day(day), col("region_code"),
                    last_day(day))));
            single.keySet().retainAll(computed);
            Dataset<Row> groups = null;
            if (!all.isEmpty()) {
                TopTag unitTag = TopTag.of(termUnits);
                groups = termUnits.join(broadcast(regions), new String[]{"region_code"}, "left")
                        .select(col("term"), col("pos"), col("count"), col("weight"), col("docs"),
                                explode(filter(array(all.values().toArray(new Column[0])), Column::isNotNull)).as("g"))
                        .groupBy(groupKey().toArray(new Column[0]))
                        .agg(sum("count").as("tf"), sum("weight").as("weight"), sum("docs").as("docs"),
                                unitTag.aggregate())
                        .withColumn("pos", unitTag.tag()).drop(TopTag.column());
            }
            for (Column variant : single.values()) {
                List<Column> columns = new ArrayList<>(groupKey());
                columns.addAll(List.of(col("tf"), col("weight"), col("docs"), col("pos")));
                Dataset<Row> units = termUnits.select(col("term"), col("pos"), col("count").as("tf"), col("weight"),
                                col("docs"), variant.as("g"))
                        .where(col("g").isNotNull())
                        .select(columns.toArray(new Column[0]));
                groups = groups == null ? units : groups.unionByName(units);
            }
            groups = filled(groups.withColumn("article_id", lit(null).cast("string")), cached);

            Dataset<Row> articleTerms = store.read(Tables.TERMS).where(scopes.contains(ARTICLE) ? slice.predicate() : "false")
                    .where(DailyAggregates.candidates(settings))
                    .select(lit(ARTICLE).as("scope"), col("issue_date").as("period_start"),
                            col("issue_date").as("period_end"), col("region_code"), col("article_id"), col("term"),
                            col("pos"), col("tf").cast("long").as("tf"), expr("1 + ln(tf)").as("weight"),
                            lit(1L).as("docs"), col("issue_date").as("ref"));
            // A group's total weight: articles from a window over their own rows; the other groups
            // (days, weeks, months and regions: a few per day) from a small table joined by broadcast,
            // so the groups' rows are shuffled once, for the IDF join, instead of once more for a window.
            String[] periodKey = {"scope", "period_start", "region_code"};
            Dataset<Row> groupTotals = groups.groupBy(periodKey[0], periodKey[1], periodKey[2])
                    .agg(sum("weight").as("total"));
            Dataset<Row> grouped = articleTerms.withColumn("total", sum("weight").over(Window.partitionBy("article_id")))
                    .unionByName(groups.join(broadcast(groupTotals), periodKey));

            // An article's (term, day) is also its day group's, so the groups name every ref.
            Dataset<Row> refs = filled(groups.select("term", "ref").distinct(), cached);
            Dataset<Row> idf = idf(termUnits, articleUnits, refs, months);
            var groupKey = Window.partitionBy("scope", "period_start", "region_code", "article_id");
            Dataset<Row> scored = grouped
                    .join(idf, new String[]{"term", "ref"})
                    .where(col("df").geq(settings.minDf()))
                    .withColumn("score", col("weight").divide(col("total")).multiply(col("idf")))
                    .withColumn("rank", row_number().over(groupKey.orderBy(col("score").desc(), col("term").asc())))
                    .where(col("rank").leq(settings.topN()))
                    .where(col("scope").isin(scopes.toArray()));
            String replaced = replacedSlice(slice, regionRefs, scopes);
            store.replaceWhere(Tables.KEYWORDS, Tables.conform(scored, Tables.KEYWORDS_SCHEMA), replaced,
                    Layout.partitionedBy("scope"), lineage);
            long written = DeltaStore.NOTHING.equals(replaced) ? 0 : store.lastCommitRows(Tables.KEYWORDS);
            store.ensure(Tables.KEYWORDS, Tables.KEYWORDS_SCHEMA, Layout.partitionedBy("scope"), lineage);
            return written;
        } finally {
            cached.forEach(Dataset::unpersist);
        }
    }

    private static Dataset<Row> filled(Dataset<Row> rows, List<Dataset<Row>> cached) {
        Dataset<Row> persisted = rows.persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(persisted);
        persisted.count();
        return persisted;
    }

    /** The first day of the IDF window of {@code ref}: the first of the month {@code months} months back. */
    static LocalDate windowStart(LocalDate ref, int months) {
        return ref.withDayOfMonth(1).minusMonths(months);
    }

    /**
     * Monthly rows (whole months) and daily rows (days of the current month) as one set of
     * counting units: {@code unit_start}, {@code is_month} and the given columns.
     */
    static Dataset<Row> units(Dataset<Row> monthly, Dataset<Row> daily, String... columns) {
        List<Column> m = new ArrayList<>(List.of(col("month").as("unit_start"), lit(true).as("is_month")));
        List<Column> d = new ArrayList<>(List.of(col("issue_date").as("unit_start"), lit(false).as("is_month")));
        for (String c : columns) {
            m.add(col(c));
            d.add(col(c));
        }
        return monthly.select(m.toArray(new Column[0])).unionByName(daily.select(d.toArray(new Column[0])));
    }

    /**
     * Whether a unit lies in the window from {@code start} (a month's first day) to {@code ref}:
     * a whole month before ref's month, or a day of ref's month up to ref.
     */
    static Column inWindow(Column start, Column ref) {
        Column refMonth = trunc(ref, "MM");
        return when(col("is_month"), col("unit_start").geq(start).and(col("unit_start").lt(refMonth)))
                .otherwise(col("unit_start").geq(refMonth).and(col("unit_start").leq(ref)));
    }

    /**
     * df and idf of each (term, ref) asked for: articles containing the term in the window of
     * ref — the {@code months} whole months before ref's month, and ref's month up to ref.
     *
     * <p>Joined by month, never by term alone: a ref meets at most {@code months} monthly rows and
     * the days of its own month, so the cost grows with the history linearly, not with its square.
     */
    static Dataset<Row> idf(Dataset<Row> termUnits, Dataset<Row> articleUnits, Dataset<Row> refs, int months) {
        Dataset<Row> perUnit = termUnits.groupBy("term", "unit_start", "is_month").agg(sum("docs").as("docs"));
        Dataset<Row> refMonths = refs.select(col("term"), col("ref"), trunc(col("ref"), "MM").as("ref_month"));

        Dataset<Row> monthly = perUnit.where(col("is_month")).select(col("term"), col("unit_start").as("month"),
                col("docs"));
        Dataset<Row> monthDf = refMonths.select("term", "ref_month").distinct()
                .join(monthly, "term")
                .where(col("month").geq(add_months(col("ref_month"), -months)).and(col("month").lt(col("ref_month"))))
                .groupBy("term", "ref_month").agg(sum("docs").as("month_docs"));
        Dataset<Row> daily = perUnit.where(not(col("is_month"))).select(col("term"),
                trunc(col("unit_start"), "MM").as("ref_month"), col("unit_start").as("day"), col("docs"));
        Dataset<Row> dayDf = refMonths.join(daily, new String[]{"term", "ref_month"})
                .where(col("day").leq(col("ref")))
                .groupBy("term", "ref").agg(sum("docs").as("day_docs"));
        Dataset<Row> df = refMonths.join(monthDf, new String[]{"term", "ref_month"}, "left")
                .join(dayDf, new String[]{"term", "ref"}, "left")
                .select(col("term"), col("ref"),
                        coalesce(col("month_docs"), lit(0L)).plus(coalesce(col("day_docs"), lit(0L))).as("df"))
                .where(col("df").gt(0));

        Column start = add_months(trunc(col("ref"), "MM"), -months);
        Dataset<Row> articles = articleUnits.groupBy("unit_start", "is_month").agg(sum("articles").as("n"));
        Dataset<Row> n = refs.select("ref").distinct().crossJoin(broadcast(articles)).where(inWindow(start, col("ref")))
                .groupBy("ref").agg(sum("n").as("n_articles"));
        return df.join(broadcast(n), "ref")
                .withColumn("idf", log(lit(1.0).plus(col("n_articles")).divide(lit(1.0).plus(col("df")))).plus(1.0))
                .select("term", "ref", "df", "idf");
    }

    /** A keyword group's key: the fields of the group {@code g} a unit row falls in, and the term. */
    private static List<Column> groupKey() {
        return List.of(col("g.scope").as("scope"), col("g.period_start").as("period_start"),
                col("g.period_end").as("period_end"), col("g.region_code").as("region_code"), col("g.ref").as("ref"),
                col("term"));
    }

    private static Column variant(String scope, Column start, Column end, Column region, Column ref) {
        return struct(lit(scope).as("scope"), start.as("period_start"), end.as("period_end"), region.as("region_code"),
                ref.as("ref"));
    }

    /** The keyword rows the run replaces: of the scopes computed, its days, weeks and months, and the regions it recomputed. */
    private static String replacedSlice(RunSlice slice, List<Row> regionRefs, List<String> scopes) {
        List<String> parts = new ArrayList<>();
        Map<Granularity, List<String>> byPeriod = new EnumMap<>(Granularity.class);
        byPeriod.put(Granularity.DAY, List.of(ARTICLE, DAY, DAY_REGION));
        byPeriod.put(Granularity.WEEK, List.of(WEEK, WEEK_REGION));
        byPeriod.put(Granularity.MONTH, List.of(MONTH, MONTH_REGION));
        byPeriod.forEach((granularity, names) -> {
            List<String> asked = names.stream().filter(scopes::contains).toList();
            String periods = slice.periodPredicate(granularity);
            if (!asked.isEmpty() && !DeltaStore.NOTHING.equals(periods)) {
                parts.add("(" + DeltaStore.in("scope", asked) + " AND " + periods + ")");
            }
        });
        if (!regionRefs.isEmpty()) {
            parts.add("(scope = '" + REGION + "' AND " + DeltaStore.in("region_code",
                    regionRefs.stream().map(r -> r.getString(0)).toList()) + ")");
        }
        return parts.isEmpty() ? DeltaStore.NOTHING : String.join(" OR ", parts);
    }
}
