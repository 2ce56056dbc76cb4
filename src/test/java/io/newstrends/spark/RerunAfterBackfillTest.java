package io.newstrends.spark;

import io.newstrends.cli.Cli;
import io.newstrends.generate.CorpusGenerator;
import io.newstrends.generate.Spec;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backfill of 6 papers × 20 days through {@code ingest} and {@code nlp}, then a rerun of one
 * past date. Each task of a backfill takes a range of dates, so its files do too, and the rerun
 * rewrites only the files that hold its date. When tasks took papers in path order (ingest) or
 * hashed article ids (nlp), every file held most dates, and the rerun rewrote nearly the whole table.
 */
class RerunAfterBackfillTest {

    private static final LocalDate RERUN = LocalDate.of(2024, 1, 11);

    @TempDir
    static Path shared;
    static SparkSession spark;
    static DeltaStore store;
    static long articlesBefore;

    @BeforeAll
    static void backfillThenRerunOneDate() {
        spark = SharedSpark.get();
        Path corpus = shared.resolve("corpus");
        CorpusGenerator.generate(Spec.of(corpus, 6, 20, 3));
        Path warehouse = shared.resolve("warehouse");
        store = new DeltaStore(spark, warehouse.toString());
        Cli.Outcome backfill = Cli.run("run", "--stages", "ingest,nlp", "--input", corpus.toString(),
                "--warehouse", warehouse.toString());
        assertEquals(0, backfill.code(), backfill.err());
        articlesBefore = store.read(Tables.ARTICLES).count();

        Cli.Outcome rerun = Cli.run("run", "--stages", "ingest,nlp", "--input", corpus.toString(),
                "--warehouse", warehouse.toString(), "--date", RERUN.toString());
        assertEquals(0, rerun.code(), rerun.err());
    }

    /** Rows of other dates that the rerun's commit copied into new files. */
    private static long copied(String table) {
        return Long.parseLong(store.lastCommitMetrics(table).getOrDefault("numCopiedRows", "-1"));
    }

    @Test
    void theRerunRewritesAFractionOfEachTable() {
        long tokens = store.read(Tables.ARTICLE_TOKENS).count();
        assertEquals(articlesBefore, store.read(Tables.ARTICLES).count());
        assertEquals(articlesBefore, tokens);
        // ingest: 8 tasks of 15 files in date order; a date's 6 files lie in one or two of them.
        long articlesCopied = copied(Tables.ARTICLES);
        assertTrue(articlesCopied >= 0 && articlesCopied <= articlesBefore / 4,
                "articles: " + articlesCopied + " of " + articlesBefore + " copied");
        // nlp: 4 tasks of 5 days each; the date lies in one of them, or two.
        long tokensCopied = copied(Tables.ARTICLE_TOKENS);
        assertTrue(tokensCopied >= 0 && tokensCopied <= tokens / 2, "article_tokens: " + tokensCopied + " of " + tokens);
    }

    @Test
    void theBackfillsFilesHoldRangesOfDatesThatDoNotOverlap() {
        for (String table : List.of(Tables.ARTICLES, Tables.ARTICLE_TOKENS)) {
            // the backfill's files: those holding no row of the rerun's date
            List<Row> ranges = store.read(table).groupBy(input_file_name().as("file"))
                    .agg(min("issue_date").as("first"), max("issue_date").as("last"))
                    .where(col("first").notEqual(RERUN).and(col("last").notEqual(RERUN)))
                    .orderBy("first", "last").collectAsList();
            assertTrue(ranges.size() >= 3, table + ": " + ranges);
            for (int i = 0; i + 1 < ranges.size(); i++) {
                LocalDate last = ranges.get(i).getLocalDate(2);
                LocalDate nextFirst = ranges.get(i + 1).getLocalDate(1);
                assertTrue(!last.isAfter(nextFirst), table + ": files overlap " + ranges);
            }
        }
    }

    /** terms and entities are cut into files by rows; each file's rows are in date order, so each file is a range. */
    @Test
    void termsAndEntitiesFilesAreWrittenInDateOrder() {
        for (String table : List.of(Tables.TERMS, Tables.ENTITIES)) {
            List<String> files = store.read(table).select(input_file_name()).distinct().as(
                    org.apache.spark.sql.Encoders.STRING()).collectAsList();
            for (String file : files) {
                List<Row> dates = spark.read().parquet(file).select("issue_date").collectAsList();
                for (int i = 0; i + 1 < dates.size(); i++) {
                    assertTrue(!dates.get(i).getLocalDate(0).isAfter(dates.get(i + 1).getLocalDate(0)),
                            table + ": " + file + " out of date order at row " + i);
                }
            }
        }
    }
}
