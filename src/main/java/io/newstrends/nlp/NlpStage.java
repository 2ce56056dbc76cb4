package io.newstrends.nlp;

import io.newstrends.region.Gazetteers;
import io.newstrends.spark.DateRange;
import io.newstrends.spark.DateSpread;
import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Tables;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SortedMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * The {@code nlp} stage: {@code articles} -> {@code article_tokens}, {@code terms}, {@code entities}.
 *
 * <p>Read: the articles of the run's dates (headline and body). Transform: each partition takes
 * the JVM's shared HanLP tokenizer and analyses its articles once — tokens, terms and entities
 * come from one segmentation. Write: each table replaces exactly the issue dates read.
 */
public final class NlpStage {

    private static final Logger LOG = LoggerFactory.getLogger(NlpStage.class);

    private NlpStage() {
    }

    /** What a run of the stage did. */
    public record Result(Set<LocalDate> issueDates, long articles, long characters) {
    }

    /**
     * Analyses the articles of {@code range}, or, when {@code onlyDates} is given, of exactly those
     * issue dates (what an ingest in the same run just wrote).
     */
    public static Result run(SparkSession spark, DeltaStore store, NlpSettings settings, DateRange range,
                             Set<LocalDate> onlyDates, String lineage) {
        if (!store.exists(Tables.ARTICLES)) {
            throw new IllegalStateException("no articles table in the warehouse; run `newstrends ingest` first");
        }
        String filter = onlyDates == null ? range.sqlFilter() : DateRange.all().ownedSlice(onlyDates);
        if (DeltaStore.NOTHING.equals(filter)) {
            return new Result(Set.of(), 0, 0);
        }
        Dataset<Row> articles = store.read(Tables.ARTICLES).where(filter);
        SortedMap<LocalDate, DateCounts> byDate = countsByDate(articles);
        Set<LocalDate> dates = new TreeSet<>(byDate.keySet());
        long nArticles = byDate.values().stream().mapToLong(DateCounts::articles).sum();
        long nChars = byDate.values().stream().mapToLong(DateCounts::characters).sum();
        String predicate = onlyDates == null ? range.ownedSlice(dates) : filter;
        if (DeltaStore.NOTHING.equals(predicate)) {
            LOG.info("nlp: no articles for {}", range);
            return new Result(dates, 0, 0);
        }
        Dataset<Row> analysed = analyseSpread(articles, spread(spark, byDate), settings);

        long t0 = System.nanoTime();
        store.replaceWhere(Tables.ARTICLE_TOKENS, analysed, predicate, lineage);
        long t1 = System.nanoTime();
        // terms and entities come from the lists just written, reading only those small columns;
        // the two writes run side by side so one commit's driver work overlaps the other's tasks.
        Dataset<Row> written = store.read(Tables.ARTICLE_TOKENS).where(predicate).coalesce(partitions(spark));
        Dataset<Row> terms = explodedInDateOrder(written, "terms", "term", "pos", "tf");
        Dataset<Row> entities = explodedInDateOrder(written, "entities", "entity", "entity_type", "mentions",
                "entity_region_code");
        CompletableFuture<Void> termsWrite = CompletableFuture.runAsync(
                () -> store.replaceWhere(Tables.TERMS, terms, predicate, lineage));
        store.replaceWhere(Tables.ENTITIES, entities, predicate, lineage);
        termsWrite.join();
        long t2 = System.nanoTime();
        LOG.info("nlp: {} article(s): segment + write article_tokens {} ms, terms and entities {} ms", nArticles,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        store.ensure(Tables.ARTICLE_TOKENS, Tables.ARTICLE_TOKENS_SCHEMA, lineage);
        store.ensure(Tables.TERMS, Tables.TERMS_SCHEMA, lineage);
        store.ensure(Tables.ENTITIES, Tables.ENTITIES_SCHEMA, lineage);
        return new Result(dates, nArticles, nChars);
    }

    /**
     * One row per element of {@code list} (a list column of {@code article_tokens}), with the
     * article's id, date and region and the element's {@code fields}. Each task sorts its articles
     * by date before exploding them, so that the files the write cuts by rows ({@link Tables#layout})
     * each hold a narrow range of dates.
     */
    private static Dataset<Row> explodedInDateOrder(Dataset<Row> written, String list, String... fields) {
        List<Column> columns = new ArrayList<>(List.of(col("article_id"), col("issue_date"), col("region_code")));
        for (String field : fields) {
            columns.add(col("element." + field));
        }
        return written.select(col("article_id"), col("issue_date"), col("region_code"), col(list))
                .sortWithinPartitions("issue_date")
                .select(col("article_id"), col("issue_date"), col("region_code"), explode(col(list)).as("element"))
                .select(columns.toArray(Column[]::new));
    }

    /** Two tasks per core, so a slow task leaves no core idle for long. */
    static int partitions(SparkSession spark) {
        return Math.max(1, spark.sparkContext().defaultParallelism() * 2);
    }

    /**
     * Characters per task of a large run: a backfill of 100 M characters takes 16 tasks on two
     * cores, each a range of about 66 days, and writes a file of each table per task.
     */
    static final long CHARACTERS_PER_TASK = 8_000_000;
    /** What an article weighs besides its characters, so that dates of empty bodies spread too. */
    private static final long ARTICLE_WEIGHT = 100;

    /** Articles and their characters on one issue date. */
    record DateCounts(long articles, long characters) {
    }

    /** Articles and characters per issue date; n_chars rather than length(body) reads two small columns, not every body. */
    static SortedMap<LocalDate, DateCounts> countsByDate(Dataset<Row> articles) {
        SortedMap<LocalDate, DateCounts> byDate = new TreeMap<>();
        for (Row r : articles.groupBy("issue_date")
                .agg(count("*"), coalesce(sum(col("n_chars").cast("long")), lit(0L))).collectAsList()) {
            byDate.put(r.getAs(0), new DateCounts(r.getLong(1), r.getLong(2)));
        }
        return byDate;
    }

    /** The spread of a run's articles (from {@link #countsByDate}) over the tasks that analyse them. */
    static DateSpread spread(SparkSession spark, SortedMap<LocalDate, DateCounts> byDate) {
        SortedMap<LocalDate, Long> weights = new TreeMap<>();
        byDate.forEach((date, c) -> weights.put(date, c.characters() + ARTICLE_WEIGHT * c.articles()));
        long total = weights.values().stream().mapToLong(Long::longValue).sum();
        return DateSpread.of(weights, DateSpread.tasksFor(total, partitions(spark), CHARACTERS_PER_TASK));
    }

    /**
     * The analysis of {@code articles} (rows of the {@code articles} table), each task a range of
     * dates of about the same number of characters ({@link DateSpread}): the date-clustered tables
     * then take one file per task, each of a narrow range of dates, however many dates the run
     * covers, and a later rerun of one date rewrites only the file holding it.
     */
    static Dataset<Row> analyseSpread(Dataset<Row> articles, DateSpread spread, NlpSettings settings) {
        return analyse(spread.apply(articles.select("article_id", "issue_date", "region_code", "body"),
                "issue_date", "article_id"), settings);
    }

    /**
     * Adds the analysis of each article. Needs {@code article_id, issue_date, region_code, body};
     * gives the {@link Tables#ARTICLE_TOKENS_SCHEMA} columns.
     */
    public static Dataset<Row> analyse(Dataset<Row> articles, NlpSettings settings) {
        return articles.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> analysePartition(rows, settings),
                ExpressionEncoder.apply(Tables.ARTICLE_TOKENS_SCHEMA));
    }

    private static Iterator<Row> analysePartition(Iterator<Row> rows, NlpSettings settings) {
        ArticleAnalyzer analyzer = new ArticleAnalyzer(Tokenizers.shared(settings), Stopwords.load(settings.stopwords()),
                Gazetteers.shared());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row r = rows.next();
                String body = r.getAs("body");
                ArticleAnalyzer.Analysis a = analyzer.analyze(body == null ? "" : body);
                List<Row> tokens = new ArrayList<>(a.tokens().size());
                for (Token t : a.tokens()) {
                    tokens.add(RowFactory.create(t.word(), t.pos(), t.offset()));
                }
                List<Row> terms = new ArrayList<>(a.terms().size());
                for (ArticleAnalyzer.TermCount t : a.terms()) {
                    terms.add(RowFactory.create(t.term(), t.pos(), t.tf()));
                }
                List<Row> entities = new ArrayList<>(a.entities().size());
                for (ArticleAnalyzer.EntityCount e : a.entities()) {
                    entities.add(RowFactory.create(e.entity(), e.type(), e.mentions(), e.regionCode()));
                }
                // Array columns take Java arrays (or Scala Seqs), not java.util.List.
                return RowFactory.create(r.getAs("article_id"), r.getAs("issue_date"), r.getAs("region_code"),
                        tokens.size(), tokens.toArray(new Row[0]), terms.toArray(new Row[0]), entities.toArray(new Row[0]));
            }
        };
    }
}
