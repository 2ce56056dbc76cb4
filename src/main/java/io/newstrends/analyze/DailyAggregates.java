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

/**
 * The small per-day tables every later step reads instead of the article-level ones:
 * {@code article_daily}, {@code term_daily} and {@code entity_daily}, one row per issue date,
 * region and term or entity. A year of them is a few rows per term and day, which is what keeps
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

    /** Rewrites the three daily tables for the issue dates matching {@code predicate}. */
    static void write(DeltaStore store, AnalyzeSettings.Keywords keywords, String predicate, String lineage) {
        Dataset<Row> articleDaily = store.read(Tables.ARTICLE_TOKENS).where(predicate)
                .groupBy("issue_date", "region_code").agg(count(lit(1)).as("articles"));

        // terms has one row per article and term (with the term's most frequent tag there), so
        // counting rows counts articles. A term's tag for the day is its most frequent one.
        Dataset<Row> termDaily = store.read(Tables.TERMS).where(predicate).where(candidates(keywords))
                .groupBy("issue_date", "region_code", "term", "pos")
                .agg(sum("tf").as("count"), sum(expr("1 + ln(tf)")).as("weight"), count(lit(1)).as("docs"))
                .groupBy("issue_date", "region_code", "term")
                .agg(sum("count").as("count"), sum("weight").as("weight"), sum("docs").as("docs"),
                        max(struct(col("count"), col("pos"))).getField("pos").as("pos"));

        Dataset<Row> entityDaily = store.read(Tables.ENTITIES).where(predicate)
                .groupBy("issue_date", "region_code", "entity", "entity_type")
                .agg(sum("mentions").as("count"), count(lit(1)).as("docs"),
                        max("entity_region_code").as("entity_region_code"));
        // Three independent writes, side by side.
        AnalyzeStage.inParallel(
                () -> write(store, Tables.ARTICLE_DAILY, Tables.conform(articleDaily, Tables.ARTICLE_DAILY_SCHEMA),
                        predicate, lineage),
                () -> write(store, Tables.TERM_DAILY, Tables.conform(termDaily, Tables.TERM_DAILY_SCHEMA), predicate,
                        lineage),
                () -> write(store, Tables.ENTITY_DAILY, Tables.conform(entityDaily, Tables.ENTITY_DAILY_SCHEMA),
                        predicate, lineage));

    }

    private static Void write(DeltaStore store, String table, Dataset<Row> rows, String predicate, String lineage) {
        store.replaceWhere(table, rows, predicate, "issue_date", lineage);
        store.ensure(table, rows.schema(), "issue_date", lineage);
        return null;
    }
}
