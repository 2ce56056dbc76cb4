package io.newstrends.analyze;

import io.newstrends.nlp.Stopwords;
import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;

/**
 * The small tables every later step reads instead of the article-level ones:
 * {@code article_daily}, {@code term_daily} and {@code entity_daily}, one row per issue date,
 * region and term or entity, and their sums per calendar month, {@code article_monthly},
 * {@code term_monthly} and {@code entity_monthly}. Long windows (a year of IDF, months of trend
 * baselines) read the monthly rows and only the current month's daily ones, which is what keeps
 * a daily run's cost independent of the history behind it.
 */
final class DailyAggregates {

    private DailyAggregates() {
    }

    /**
     * Condition on {@code term} and {@code pos} keeping candidate terms: a tag of the configured
     * prefixes (such as {@code n}, {@code vn}) and not on the list of generic terms.
     */
    static Column candidates(AnalyzeSettings.Keywords keywords) {
        Column tags = expr(keywords.tags().stream().map(p -> "pos LIKE " + DeltaStore.literal(p + "%"))
                .collect(Collectors.joining(" OR ", "(", ")")));
        java.util.Set<String> generic = Stopwords.load(keywords.exclude());
        return generic.isEmpty() ? tags : tags.and(not(col("term").isin(generic.stream().sorted().toArray())));
    }

    /**
     * Rewrites the daily tables for the run's issue dates, then the monthly tables for the months
     * holding them (from the daily rows of those months). The entity tables only when
     * {@code withEntities}: only the trends step reads them, and a run without it (such as
     * {@code --steps keywords}) would otherwise aggregate every entity mention for nothing.
     */
    static void write(DeltaStore store, AnalyzeSettings.Keywords keywords, RunSlice slice, boolean withEntities,
                      String lineage) {
        String predicate = slice.predicate();
        Dataset<Row> articleDaily = store.read(Tables.ARTICLE_TOKENS).where(predicate)
                .groupBy("issue_date", "region_code").agg(count(lit(1)).as("articles"));

        // terms has one row per article and term (with the term's most frequent tag there), so
        // counting rows counts articles. A term's tag for the day is its most frequent one.
        // One shuffle by day, region and term serves both sums, the tag's and the term's.
        Dataset<Row> candidateTerms = store.read(Tables.TERMS).where(predicate).where(candidates(keywords));
        TopTag dailyTag = TopTag.of(candidateTerms);
        Dataset<Row> termDaily = candidateTerms
                .repartition(col("issue_date"), col("region_code"), col("term"))
                .groupBy("issue_date", "region_code", "term", "pos")
                .agg(sum("tf").as("count"), sum(expr("1 + ln(tf)")).as("weight"), count(lit(1)).as("docs"))
                .groupBy("issue_date", "region_code", "term")
                .agg(sum("count").as("count"), sum("weight").as("weight"), sum("docs").as("docs"),
                        dailyTag.aggregate())
                .withColumn("pos", dailyTag.tag()).drop(TopTag.column());

        Dataset<Row> entityDaily = store.read(Tables.ENTITIES).where(predicate)
                .groupBy("issue_date", "region_code", "entity", "entity_type")
                .agg(sum("mentions").as("count"), count(lit(1)).as("docs"),
                        max("entity_region_code").as("entity_region_code"));
        // Independent writes, side by side.
        AnalyzeStage.inParallel(
                () -> write(store, Tables.ARTICLE_DAILY, Tables.conform(articleDaily, Tables.ARTICLE_DAILY_SCHEMA),
                        predicate, lineage),
                () -> write(store, Tables.TERM_DAILY, Tables.conform(termDaily, Tables.TERM_DAILY_SCHEMA), predicate, lineage),
                () -> withEntities ? write(store, Tables.ENTITY_DAILY,
                        Tables.conform(entityDaily, Tables.ENTITY_DAILY_SCHEMA), predicate, lineage) : null);

        String months = RunSlice.dateIn("month", slice.months());
        String monthsOfDays = RunSlice.dateIn("trunc(issue_date, 'MM')", slice.months());
        Column month = trunc(col("issue_date"), "MM").as("month");
        Dataset<Row> articleMonthly = store.read(Tables.ARTICLE_DAILY).where(monthsOfDays)
                .groupBy(month, col("region_code")).agg(sum("articles").as("articles"));
        Dataset<Row> daysOfMonths = store.read(Tables.TERM_DAILY).where(monthsOfDays);
        TopTag monthlyTag = TopTag.of(daysOfMonths);
        Dataset<Row> termMonthly = daysOfMonths
                .groupBy(month, col("region_code"), col("term"))
                .agg(sum("count").as("count"), sum("weight").as("weight"), sum("docs").as("docs"),
                        monthlyTag.aggregate())
                .withColumn("pos", monthlyTag.tag()).drop(TopTag.column());
        Dataset<Row> entityMonthly = store.read(Tables.ENTITY_DAILY).where(monthsOfDays)
                .groupBy(month, col("region_code"), col("entity"), col("entity_type"))
                .agg(sum("count").as("count"), sum("docs").as("docs"),
                        max(struct(col("count"), col("entity_region_code"))).getField("entity_region_code")
                                .as("entity_region_code"));
        AnalyzeStage.inParallel(
                () -> write(store, Tables.ARTICLE_MONTHLY, Tables.conform(articleMonthly, Tables.ARTICLE_MONTHLY_SCHEMA),
                        months, lineage),
                () -> write(store, Tables.TERM_MONTHLY, Tables.conform(termMonthly, Tables.TERM_MONTHLY_SCHEMA),
                        months, lineage),
                () -> withEntities ? write(store, Tables.ENTITY_MONTHLY,
                        Tables.conform(entityMonthly, Tables.ENTITY_MONTHLY_SCHEMA), months, lineage) : null);
    }

    private static Void write(DeltaStore store, String table, Dataset<Row> rows, String predicate,
                              String lineage) {
        store.replaceWhere(table, rows, predicate, lineage);
        store.ensure(table, rows.schema(), lineage);
        return null;
    }
}
