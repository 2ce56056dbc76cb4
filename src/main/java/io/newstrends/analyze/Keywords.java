package io.newstrends.analyze;

import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
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
import java.util.SortedSet;

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
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

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
            Column inWeeks = daily.and(expr(RunSlice.dateIn(Granularity.WEEK.sqlStart("unit_start"),
                    slice.computedPeriods(Granularity.WEEK))));
            Column inMonths = col("is_month").and(expr(RunSlice.dateIn("unit_start",
                    slice.computedPeriods(Granularity.MONTH))));
            Column regionStart = add_months(trunc(col("region_ref"), "MM"), -months);
            // Each unit counts towards every group holding it: its week and month overall, its week in
            // its region, and its region's window when that is recomputed. One aggregation for all. Days
            // and days in a region take their own path (dayGroups), which needs no IDF join.
            Map<String, Column> all = new LinkedHashMap<>();
            all.put(WEEK, when(inWeeks, variant(WEEK, week, date_add(week, 6), lit(Tables.ALL_REGIONS), date_add(week, 6))));
            all.put(WEEK_REGION, when(inWeeks, variant(WEEK_REGION, week, date_add(week, 6), col("region_code"),
                    date_add(week, 6))));
            all.put(MONTH, when(inMonths, variant(MONTH, day, last_day(day), lit(Tables.ALL_REGIONS), last_day(day))));
            all.put(REGION, when(inWindow(regionStart, col("region_ref")),
                    variant(REGION, regionStart, col("region_ref"), col("region_code"), col("region_ref"))));
            all.keySet().retainAll(computed);
            // A month in a region is one monthly row, so its groups are the units themselves: they skip
            // the aggregation (and its shuffle).
            Map<String, Column> single = new LinkedHashMap<>();
            single.put(MONTH_REGION, when(inMonths, variant(MONTH_REGION, day, last_day(day), col("region_code"),
                    last_day(day))));
            single.keySet().retainAll(computed);
            boolean days = computed.contains(DAY) || computed.contains(DAY_REGION);
            TopTag unitTag = all.isEmpty() && !days ? null : TopTag.of(termUnits);
            Dataset<Row> groups = null;
            if (!all.isEmpty()) {
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

            // Every part below has the columns of SCORED: a group's rows with the group's total weight,
            // the term's df and idf.
            List<Dataset<Row>> parts = new ArrayList<>();
            if (groups != null) {
                groups = filled(groups, cached);
                // A group's total weight from a small table of the groups (a few per day) joined by
                // broadcast, so the groups' rows are shuffled once, for the IDF join.
                String[] periodKey = {"scope", "period_start", "region_code"};
                Dataset<Row> groupTotals = groups.groupBy(periodKey[0], periodKey[1], periodKey[2])
                        .agg(sum("weight").as("total"));
                Dataset<Row> refs = filled(groups.select("term", "ref").distinct(), cached);
                parts.add(scoredColumns(groups.withColumn("article_id", lit(null).cast("string"))
                        .join(broadcast(groupTotals), periodKey)
                        .join(idf(termUnits, articleUnits, refs, months), new String[]{"term", "ref"})));
            }
            if (days) {
                Dataset<Row> dayRows = dayGroups(termUnits, articleUnits, slice.dates(), months, unitTag);
                if (scopes.contains(ARTICLE)) {
                    dayRows = filled(dayRows, cached);
                    // An article's (term, day) is also its day group's, which carries the df and idf.
                    Dataset<Row> dayIdf = dayRows.where(col("scope").equalTo(DAY)).select("term", "ref", "df", "idf");
                    Dataset<Row> articleTerms = store.read(Tables.TERMS).where(slice.predicate())
                            .where(DailyAggregates.candidates(settings))
                            .select(lit(ARTICLE).as("scope"), col("issue_date").as("period_start"),
                                    col("issue_date").as("period_end"), col("region_code"), col("article_id"),
                                    col("term"), col("pos"), col("tf").cast("long").as("tf"),
                                    expr("1 + ln(tf)").as("weight"), lit(1L).as("docs"), col("issue_date").as("ref"));
                    parts.add(scoredColumns(articleTerms
                            .withColumn("total", sum("weight").over(Window.partitionBy("article_id")))
                            .join(dayIdf, new String[]{"term", "ref"})));
                }
                parts.add(scoredColumns(dayRows.where(col("scope").isin(scopes.toArray()))
                        .withColumn("article_id", lit(null).cast("string"))));
            }
            Dataset<Row> candidates = parts.stream().reduce(Dataset::union)
                    .orElseGet(() -> spark.createDataFrame(List.of(), SCORED));
            var groupKey = Window.partitionBy("scope", "period_start", "region_code", "article_id");
            Dataset<Row> scored = candidates
                    .where(col("df").geq(settings.minDf()))
                    .withColumn("score", col("weight").divide(col("total")).multiply(col("idf")))
                    .withColumn("rank", row_number().over(groupKey.orderBy(col("score").desc(), col("term").asc())))
                    .where(col("rank").leq(settings.topN()))
                    .where(col("scope").isin(scopes.toArray()));
            String replaced = replacedSlice(slice, regionRefs, scopes);
            store.replaceWhere(Tables.KEYWORDS, Tables.conform(scored, Tables.KEYWORDS_SCHEMA), replaced, lineage);
            long written = DeltaStore.NOTHING.equals(replaced) ? 0 : store.lastCommitRows(Tables.KEYWORDS);
            store.ensure(Tables.KEYWORDS, Tables.KEYWORDS_SCHEMA, lineage);
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

    /** The columns every scored part has, in this order, before the score and rank. */
    static final StructType SCORED = new StructType()
            .add("scope", DataTypes.StringType).add("period_start", DataTypes.DateType)
            .add("period_end", DataTypes.DateType).add("region_code", DataTypes.StringType)
            .add("article_id", DataTypes.StringType).add("ref", DataTypes.DateType)
            .add("term", DataTypes.StringType).add("pos", DataTypes.StringType)
            .add("tf", DataTypes.LongType).add("weight", DataTypes.DoubleType).add("docs", DataTypes.LongType)
            .add("total", DataTypes.DoubleType).add("df", DataTypes.LongType).add("idf", DataTypes.DoubleType);

    private static Dataset<Row> scoredColumns(Dataset<Row> rows) {
        return rows.select(java.util.Arrays.stream(SCORED.fieldNames()).map(c -> col(c).cast(SCORED.apply(c).dataType()))
                .toArray(Column[]::new));
    }

    /**
     * The {@code day} and {@code day_region} groups of {@code dates}, with their total weight, df
     * and idf ({@link #SCORED} without {@code article_id}), from the units shuffled by term: the
     * day groups and the day × region groups each scan and shuffle them once (Spark reuses no
     * exchange between the two, as they read different columns).
     *
     * <p>A day in a region is one daily unit and a day overall the sum of its regions' units, and
     * the df of a term on day d (articles containing it in the window of d) is a running sum over
     * the term's own units: its monthly units of the {@code months} months before d's month, plus
     * its daily units of d's month up to d. Both are windows over the term's units ordered by
     * month and by day, so no (term, day) is ever joined to the window's units: the same figures
     * as {@link #idf} (a test compares them), without the join that costs as much as the groups.
     */
    static Dataset<Row> dayGroups(Dataset<Row> termUnits, Dataset<Row> articleUnits, SortedSet<LocalDate> dates,
                                  int months, TopTag tag) {
        Column isMonth = col("is_month");
        Column monthIndex = year(col("unit_start")).multiply(12).plus(month(col("unit_start")));
        WindowSpec monthsBefore = Window.partitionBy("term").orderBy("month_index").rangeBetween(-months, -1);
        WindowSpec monthToDay = Window.partitionBy("term", "month_index").orderBy("unit_start")
                .rangeBetween(Window.unboundedPreceding(), Window.currentRow());
        Column df = coalesce(sum(when(isMonth, col("docs")).otherwise(lit(0L))).over(monthsBefore), lit(0L))
                .plus(sum(when(isMonth, lit(0L)).otherwise(col("docs"))).over(monthToDay));
        Column dayOfTheRun = not(isMonth).and(expr(RunSlice.dateIn("unit_start", dates)));
        // Shuffled by term alone: both windows and the day groups' aggregation are clustered by it.
        Dataset<Row> units = termUnits.repartition(col("term"))
                .withColumn("month_index", monthIndex)
                .withColumn("df", df)
                .where(dayOfTheRun);

        Column day = col("unit_start");
        Dataset<Row> regionDays = units.select(lit(DAY_REGION).as("scope"), day.as("period_start"),
                day.as("period_end"), col("region_code"), day.as("ref"), col("term"), col("pos"),
                col("count").as("tf"), col("weight"), col("docs"), col("df"));
        Dataset<Row> allDays = units.groupBy(col("term"), day)
                .agg(sum("count").as("tf"), sum("weight").as("weight"), sum("docs").as("docs"), max("df").as("df"),
                        tag.aggregate())
                .select(lit(DAY).as("scope"), day.as("period_start"), day.as("period_end"),
                        lit(Tables.ALL_REGIONS).as("region_code"), day.as("ref"), col("term"), tag.tag().as("pos"),
                        col("tf"), col("weight"), col("docs"), col("df"));

        Dataset<Row> dayUnits = termUnits.where(dayOfTheRun);
        Dataset<Row> regionTotals = dayUnits.groupBy(day.as("period_start"), col("region_code"))
                .agg(sum("weight").as("total"))
                .withColumn("scope", lit(DAY_REGION));
        Dataset<Row> totals = regionTotals.unionByName(regionTotals.groupBy("period_start")
                .agg(sum("total").as("total"))
                .withColumn("region_code", lit(Tables.ALL_REGIONS))
                .withColumn("scope", lit(DAY)));
        List<Row> refRows = dates.stream().map(d -> RowFactory.create(d)).toList();
        Dataset<Row> refs = articleUnits.sparkSession().createDataFrame(refRows,
                new StructType().add("ref", DataTypes.DateType));
        return allDays.unionByName(regionDays)
                .join(broadcast(totals), new String[]{"scope", "period_start", "region_code"})
                .join(broadcast(articlesInWindow(articleUnits, refs, months)), "ref")
                .withColumn("idf", idf(col("n_articles"), col("df")))
                .drop("n_articles");
    }

    /** Articles in the IDF window of each {@code ref} of {@code refs}. */
    private static Dataset<Row> articlesInWindow(Dataset<Row> articleUnits, Dataset<Row> refs, int months) {
        Column start = add_months(trunc(col("ref"), "MM"), -months);
        Dataset<Row> articles = articleUnits.groupBy("unit_start", "is_month").agg(sum("articles").as("n"));
        return refs.select("ref").distinct().crossJoin(broadcast(articles)).where(inWindow(start, col("ref")))
                .groupBy("ref").agg(sum("n").as("n_articles"));
    }

    /** Smoothed idf: {@code ln((1 + N) / (1 + df)) + 1}. */
    private static Column idf(Column articles, Column df) {
        return log(lit(1.0).plus(articles).divide(lit(1.0).plus(df))).plus(1.0);
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

        return df.join(broadcast(articlesInWindow(articleUnits, refs, months)), "ref")
                .withColumn("idf", idf(col("n_articles"), col("df")))
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
