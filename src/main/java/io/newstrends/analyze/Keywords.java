package io.newstrends.analyze;

import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

/**
 * Keywords by TF-IDF for every scope: an article, a day, an ISO week, a month and a region,
 * overall and per region.
 *
 * <p>IDF is smoothed and counted over articles, in a trailing window of {@code idf-window-days}
 * ending on the scored day (for a week or month, on its last day; for a region, on its latest
 * issue): {@code idf(t) = ln((1 + N) / (1 + df(t))) + 1}, N the articles of the window and df
 * those containing t. Term frequency is sublinear per article, {@code w(t, a) = 1 + ln tf(t, a)},
 * so one article repeating a word does not outweigh many articles mentioning it. A group of
 * articles (a day, a week, a month, a region) is scored as one document (class-based TF-IDF):
 * {@code score = Σ_a w(t, a) / Σ_t' Σ_a w(t', a) × idf(t)}. Candidates are the
 * {@code term_daily} terms (content tags of {@code keywords.tags}, stopwords already out) with
 * df of at least {@code min-df}. Ranks are 1, 2, 3 … by score, ties broken by term.
 *
 * <p>Reads only {@code term_daily} and {@code article_daily} of the run's dates and their IDF
 * windows, so a daily run costs the same after ten years as after one.
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
        int window = settings.idfWindowDays();
        LocalDate first = slice.dates().first();
        LocalDate last = slice.dates().last();

        // A region's own keywords cover its last idf-window-days; they change only when the run
        // touched a date inside that window.
        Dataset<Row> articleDaily = store.read(Tables.ARTICLE_DAILY);
        List<Row> regionRefs = new ArrayList<>();
        for (Row r : articleDaily.where(col("issue_date").geq(lit(first)))
                .groupBy("region_code")
                .agg(max("issue_date").as("latest"),
                        max(expr("CASE WHEN " + RunSlice.dateIn("issue_date", slice.dates()) + " THEN issue_date END"))
                                .as("touched"))
                .collectAsList()) {
            LocalDate latest = r.getAs("latest");
            LocalDate touched = r.getAs("touched");
            if (touched != null && touched.isAfter(latest.minusDays(window))) {
                regionRefs.add(RowFactory.create(r.getAs("region_code"), latest));
            }
        }
        LocalDate monthEnd = Granularity.MONTH.end(Granularity.MONTH.start(last));
        LocalDate weekEnd = Granularity.WEEK.end(Granularity.WEEK.start(last));
        LocalDate lastRef = weekEnd.isAfter(monthEnd) ? weekEnd : monthEnd;
        for (Row r : regionRefs) {
            LocalDate latest = r.getAs(1);
            if (latest.isAfter(lastRef)) {
                lastRef = latest;
            }
        }
        LocalDate firstRead = first.minusDays(window - 1L);
        Dataset<Row> regions = spark.createDataFrame(regionRefs, new StructType()
                .add("region_code", DataTypes.StringType).add("region_ref", DataTypes.DateType));

        Dataset<Row> termDaily = store.read(Tables.TERM_DAILY)
                .where(col("issue_date").geq(lit(firstRead)).and(col("issue_date").leq(lit(lastRef)))).persist();
        try {
            String inDates = RunSlice.dateIn("issue_date", slice.dates());
            String inWeeks = RunSlice.dateIn(Granularity.WEEK.sqlStart("issue_date"), slice.computedPeriods(Granularity.WEEK));
            String inMonths = RunSlice.dateIn("trunc(issue_date, 'MM')", slice.months());
            Column week = expr(Granularity.WEEK.sqlStart("issue_date"));
            // Each daily row counts towards every group holding it: its day and month, overall and
            // in its region, and its region's window when that is recomputed. One aggregation for all.
            Column month = trunc(col("issue_date"), "MM");
            Column[] variants = {
                    when(expr(inDates), variant(DAY, col("issue_date"), col("issue_date"), lit(Tables.ALL_REGIONS),
                            col("issue_date"))),
                    when(expr(inDates), variant(DAY_REGION, col("issue_date"), col("issue_date"), col("region_code"),
                            col("issue_date"))),
                    when(expr(inWeeks), variant(WEEK, week, date_add(week, 6), lit(Tables.ALL_REGIONS),
                            date_add(week, 6))),
                    when(expr(inWeeks), variant(WEEK_REGION, week, date_add(week, 6), col("region_code"),
                            date_add(week, 6))),
                    when(expr(inMonths), variant(MONTH, month, last_day(col("issue_date")), lit(Tables.ALL_REGIONS),
                            last_day(col("issue_date")))),
                    when(expr(inMonths), variant(MONTH_REGION, month, last_day(col("issue_date")), col("region_code"),
                            last_day(col("issue_date")))),
                    when(col("issue_date").gt(date_add(col("region_ref"), -window))
                                    .and(col("issue_date").leq(col("region_ref"))),
                            variant(REGION, date_add(col("region_ref"), -(window - 1)), col("region_ref"),
                                    col("region_code"), col("region_ref")))};
            Dataset<Row> groups = termDaily.join(broadcast(regions), new String[]{"region_code"}, "left")
                    .select(col("term"), col("pos"), col("count"), col("weight"), col("docs"),
                            explode(filter(array(variants), Column::isNotNull)).as("g"))
                    .groupBy(col("g.scope").as("scope"), col("g.period_start").as("period_start"),
                            col("g.period_end").as("period_end"), col("g.region_code").as("region_code"),
                            col("g.ref").as("ref"), col("term"))
                    .agg(sum("count").as("tf"), sum("weight").as("weight"), sum("docs").as("docs"),
                            max(struct(col("count"), col("pos"))).getField("pos").as("pos"))
                    .withColumn("article_id", lit(null).cast("string"));

            Dataset<Row> articleTerms = store.read(Tables.TERMS).where(slice.predicate())
                    .where(DailyAggregates.candidates(settings))
                    .select(lit(ARTICLE).as("scope"), col("issue_date").as("period_start"),
                            col("issue_date").as("period_end"), col("region_code"), col("article_id"), col("term"),
                            col("pos"), col("tf").cast("long").as("tf"), expr("1 + ln(tf)").as("weight"),
                            lit(1L).as("docs"), col("issue_date").as("ref"));
            Dataset<Row> grouped = articleTerms.unionByName(groups);

            Dataset<Row> idf = idf(termDaily, articleDaily.where(col("issue_date").geq(lit(firstRead))
                    .and(col("issue_date").leq(lit(lastRef)))), grouped.select("term", "ref").distinct(), window);
            var groupKey = Window.partitionBy("scope", "period_start", "region_code", "article_id");
            Dataset<Row> scored = grouped
                    .withColumn("total", sum("weight").over(groupKey))
                    .join(idf, new String[]{"term", "ref"})
                    .where(col("df").geq(settings.minDf()))
                    .withColumn("score", col("weight").divide(col("total")).multiply(col("idf")))
                    .withColumn("rank", row_number().over(groupKey.orderBy(col("score").desc(), col("term").asc())))
                    .where(col("rank").leq(settings.topN()));
            store.replaceWhere(Tables.KEYWORDS, Tables.conform(scored, Tables.KEYWORDS_SCHEMA),
                    replacedSlice(slice, regionRefs), "scope", lineage);
            long written = store.lastCommitRows(Tables.KEYWORDS);
            store.ensure(Tables.KEYWORDS, Tables.KEYWORDS_SCHEMA, "scope", lineage);
            return written;
        } finally {
            termDaily.unpersist();
        }
    }

    /**
     * df and idf of each (term, ref) asked for: articles containing the term in the window of
     * {@code window} days ending on ref. One range window per term over the days, with a zero row
     * at each ref so it is evaluated there even on days without the term.
     */
    static Dataset<Row> idf(Dataset<Row> termDaily, Dataset<Row> articleDaily, Dataset<Row> refs, int window) {
        Dataset<Row> perDay = termDaily.groupBy("term", "issue_date").agg(sum("docs").as("docs"))
                .select(col("term"), expr("unix_date(issue_date)").as("day"), col("docs"), lit(false).as("is_ref"));
        Dataset<Row> probes = refs.select(col("term"), expr("unix_date(ref)").as("day"), lit(0L).as("docs"),
                lit(true).as("is_ref"));
        Dataset<Row> df = perDay.unionByName(probes)
                .withColumn("df", sum("docs").over(Window.partitionBy("term").orderBy("day")
                        .rangeBetween(-(window - 1L), 0)))
                .where(col("is_ref"))
                .select(col("term"), expr("date_from_unix_date(day)").as("ref"), col("df"))
                .distinct();
        Dataset<Row> articles = articleDaily.groupBy("issue_date").agg(sum("articles").as("n"));
        Dataset<Row> n = refs.select("ref").distinct()
                .join(articles, col("issue_date").gt(date_add(col("ref"), -window)).and(col("issue_date").leq(col("ref"))))
                .groupBy("ref").agg(sum("n").as("n_articles"));
        return df.join(n, "ref")
                .withColumn("idf", log(lit(1.0).plus(col("n_articles")).divide(lit(1.0).plus(col("df")))).plus(1.0))
                .select("term", "ref", "df", "idf");
    }

    private static Column variant(String scope, Column start, Column end, Column region, Column ref) {
        return struct(lit(scope).as("scope"), start.as("period_start"), end.as("period_end"), region.as("region_code"),
                ref.as("ref"));
    }

    /** The keyword rows the run replaces: its days, its months, and the regions it recomputed. */
    private static String replacedSlice(RunSlice slice, List<Row> regionRefs) {
        List<String> parts = new ArrayList<>();
        String days = slice.periodPredicate(Granularity.DAY);
        parts.add("(scope IN ('" + ARTICLE + "', '" + DAY + "', '" + DAY_REGION + "') AND " + days + ")");
        String weeks = slice.periodPredicate(Granularity.WEEK);
        if (!DeltaStore.NOTHING.equals(weeks)) {
            parts.add("(scope IN ('" + WEEK + "', '" + WEEK_REGION + "') AND " + weeks + ")");
        }
        String months = slice.periodPredicate(Granularity.MONTH);
        if (!DeltaStore.NOTHING.equals(months)) {
            parts.add("(scope IN ('" + MONTH + "', '" + MONTH_REGION + "') AND " + months + ")");
        }
        if (!regionRefs.isEmpty()) {
            parts.add("(scope = '" + REGION + "' AND " + DeltaStore.in("region_code",
                    regionRefs.stream().map(r -> r.getString(0)).toList()) + ")");
        }
        return String.join(" OR ", parts);
    }
}
