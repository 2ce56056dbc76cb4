package io.newstrends.analyze;

import io.newstrends.cli.Cli;
import io.newstrends.spark.DateRange;
import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.SharedSpark;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * analyze on the five real sample issues, through `run` as a user runs it: what each day's
 * keywords say, the topics, a rerun, and a run killed half-way and run again.
 */
class AnalyzeSampleTest {

    /** Tables analyze writes, with the columns that legitimately differ between runs. */
    static final Map<String, String[]> ANALYZE_TABLES = Map.ofEntries(
            Map.entry(Tables.ARTICLE_DAILY, new String[0]),
            Map.entry(Tables.TERM_DAILY, new String[0]),
            Map.entry(Tables.ENTITY_DAILY, new String[0]),
            Map.entry(Tables.ARTICLE_MONTHLY, new String[0]),
            Map.entry(Tables.TERM_MONTHLY, new String[0]),
            Map.entry(Tables.ENTITY_MONTHLY, new String[0]),
            Map.entry(Tables.KEYWORDS, new String[0]),
            Map.entry(Tables.TERM_TRENDS, new String[0]),
            Map.entry(Tables.ENTITY_TRENDS, new String[0]),
            Map.entry(Tables.TOPIC_MODELS, new String[]{"fitted_at", "run_id", "path"}),
            Map.entry(Tables.TOPICS, new String[0]),
            Map.entry(Tables.ARTICLE_TOPICS, new String[0]),
            Map.entry(Tables.TOPIC_TRENDS, new String[0]));

    @TempDir
    static Path shared;
    static Path warehouse;
    static SparkSession spark;
    static String runOutput;

    static Dataset<Row> table(Path warehouse, String name) {
        return spark.read().format("delta").load(warehouse.resolve(name).toString());
    }

    static String ok(String... args) {
        Cli.Outcome o = Cli.run(args);
        assertEquals(0, o.code(), o.err());
        return o.out();
    }

    @BeforeAll
    static void runOnTheSample() {
        spark = SharedSpark.get();
        // The sample run's warehouse, copied: these tests run analyze on it again.
        warehouse = io.newstrends.spark.SampleRun.copyTo(shared.resolve("warehouse"));
        runOutput = io.newstrends.spark.SampleRun.get().out();
    }

    /** Top {@code n} terms of a keyword group, best first. */
    static List<String> top(String scope, String periodStart, String region, int n) {
        return table(warehouse, Tables.KEYWORDS).where(col("scope").equalTo(scope))
                .where(col("period_start").equalTo(periodStart)).where(col("region_code").equalTo(region))
                .where(col("rank").leq(n)).orderBy("rank").select("term").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
    }

    @Test
    void runPrintsKeywordsAndTopics() {
        assertTrue(runOutput.contains("analyze: 38 article(s) on 5 date(s)"), runOutput);
        assertTrue(runOutput.contains("Top keywords per issue date and region (TF-IDF):"), runOutput);
        assertTrue(runOutput.contains("Topics of the latest model"), runOutput);
    }

    /**
     * Read from the seeds: 2021-04-01 is a day of party meetings (党委, 政治, 监督) led by the series
     * on the 煤炭 (coal) sector's 专项整治; 2021-10-23 is the party committee's notice on
     * rectification (整改) after an inspection; 2021-12-27 reports 乡村振兴 and the 考核评估 of
     * poverty-alleviation results (巩固拓展脱贫攻坚成果); 2022-02-07 is the front page on 营商环境
     * (business environment), 政务服务 and 一网通办; 2025-06-13 (鄂尔多斯) has the central
     * 生态环境保护督察. 巴彦淖尔's only article is about 外贸 through 甘其毛都口岸.
     */
    @Test
    void eachDaysTopKeywordsNameWhatThePaperWasAbout() {
        List<String> april = top("day", "2021-04-01", "all", 8);
        assertTrue(april.containsAll(List.of("煤炭", "专项整治", "党委")), april.toString());
        assertEquals("整改", top("day", "2021-10-23", "all", 1).get(0));
        List<String> december = top("day", "2021-12-27", "all", 6);
        assertTrue(december.containsAll(List.of("乡村振兴", "巩固拓展脱贫攻坚成果")), december.toString());
        assertEquals("营商环境", top("day", "2022-02-07", "all", 1).get(0));
        List<String> february = top("day", "2022-02-07", "all", 8);
        assertTrue(february.containsAll(List.of("政务", "一网通办")), february.toString());
        List<String> ordos = top("day", "2025-06-13", "all", 3);
        assertTrue(ordos.contains("督察") && ordos.contains("生态"), ordos.toString());
        List<String> bayannur = top("day_region", "2022-02-07", "150800", 5);
        assertTrue(bayannur.contains("甘其毛都口岸") && bayannur.contains("外贸"), bayannur.toString());
    }

    @Test
    void ranksAreDenseAndEveryScopeIsThere() {
        Dataset<Row> k = table(warehouse, Tables.KEYWORDS);
        assertEquals(List.of("article", "day", "day_region", "month", "month_region", "region", "week", "week_region"),
                k.select("scope").distinct().orderBy("scope").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        // ranks 1..n in every group: the count equals the highest rank
        assertTrue(k.groupBy("scope", "period_start", "region_code", "article_id")
                .agg(org.apache.spark.sql.functions.count("*").as("n"), org.apache.spark.sql.functions.max("rank").as("m"),
                        org.apache.spark.sql.functions.countDistinct("rank").as("d"))
                .where("n <> m OR n <> d").isEmpty());
        // scores fall with rank
        assertTrue(k.alias("a").join(k.alias("b"), scala.jdk.javaapi.CollectionConverters.asScala(
                        List.of("scope", "period_start", "region_code")).toSeq())
                .where("a.article_id <=> b.article_id AND a.rank < b.rank AND a.score < b.score").isEmpty());
        // the region scope covers the twelve whole months before its latest issue and that month up to it
        Row ordos = k.where("scope = 'region' AND region_code = '150600' AND rank = 1").first();
        assertEquals(LocalDate.of(2025, 6, 13), ordos.getAs("period_end"));
        assertEquals(LocalDate.of(2024, 6, 1), ordos.getAs("period_start"));
        assertEquals(38, k.where("scope = 'article'").select("article_id").distinct().count() + articlesWithoutKeywords());
    }

    /**
     * A group's sums are its units' sums: a day in a region is that day's term_daily row, a month
     * in a region the sum of its days, a day overall the sum of its regions.
     */
    @Test
    void groupSumsAreTheSumsOfTheirDays() {
        Dataset<Row> daily = table(warehouse, Tables.TERM_DAILY);
        Dataset<Row> k = table(warehouse, Tables.KEYWORDS);
        Map<String, Dataset<Row>> expected = Map.of(
                "day_region", daily.select(col("issue_date").as("period_start"), col("region_code"), col("term"),
                        col("count").as("c"), col("docs").as("d"), col("weight").as("w")),
                "month_region", daily.groupBy(org.apache.spark.sql.functions.trunc(col("issue_date"), "MM")
                                .as("period_start"), col("region_code"), col("term"))
                        .agg(sum("count").as("c"), sum("docs").as("d"), sum("weight").as("w")),
                "day", daily.groupBy(col("issue_date").as("period_start"), col("term"))
                        .agg(sum("count").as("c"), sum("docs").as("d"), sum("weight").as("w"))
                        .withColumn("region_code", lit(Tables.ALL_REGIONS)));
        expected.forEach((scope, sums) -> {
            Dataset<Row> rows = k.where(col("scope").equalTo(scope));
            long n = rows.count();
            assertTrue(n > 20, scope + ": " + n);
            Dataset<Row> joined = rows.join(sums, scala.jdk.javaapi.CollectionConverters.asScala(
                    List.of("period_start", "region_code", "term")).toSeq());
            assertEquals(n, joined.count(), scope);
            assertTrue(joined.where("tf <> c OR docs <> d OR abs(weight - w) > 1e-9").isEmpty(), scope);
        });
    }

    /**
     * Keyword scopes can be left out; the ones computed are exactly what a run of every scope
     * gives. Article keywords alone still get their IDF refs (from the day groups, not written).
     */
    @Test
    void scopesLeftOutAreNotComputedAndTheOthersDoNotChange(@TempDir Path tmp) throws IOException {
        Dataset<Row> some = keywordsWithScopes(tmp, "some", "article, day_region");
        assertEquals(List.of("article", "day_region"), some.select("scope").distinct().orderBy("scope")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        Dataset<Row> full = table(warehouse, Tables.KEYWORDS).where("scope IN ('article', 'day_region')");
        assertEquals(rounded(full), rounded(some));

        // Days in a region alone: the day groups' tags are still listed, though no day is written.
        assertEquals(rounded(table(warehouse, Tables.KEYWORDS).where("scope = 'day_region'")),
                rounded(keywordsWithScopes(tmp, "alone", "day_region")));
    }

    /**
     * {@code run --stages nlp,analyze} over articles already ingested: one application that
     * segments again and analyses, ending where the full run ended, and logged as a run. The copy
     * has no {@code quarantine} table, as a warehouse whose articles another program wrote.
     */
    @Test
    void runOfTheLaterStagesEndsWhereTheFullRunEnded(@TempDir Path tmp) {
        Path copy = tmp.resolve("later");
        copyTree(warehouse, copy);
        for (String t : List.of(Tables.ARTICLE_TOKENS, Tables.TERMS, Tables.ENTITIES, Tables.KEYWORDS, Tables.QUARANTINE)) {
            deleteTree(copy.resolve(t));
        }
        String out = ok("run", "--warehouse", copy.toString(), "--stages", "nlp,analyze", "--steps", "keywords");
        assertTrue(out.contains("Quarantined in this run: nothing (the warehouse has no quarantine table"), out);
        assertFalse(out.contains("ingest:"), out);
        assertTrue(out.contains("nlp: 38 article(s)"), out);
        assertTrue(out.contains("analyze: 38 article(s) on 5 date(s)"), out);
        assertTrue(out.contains("Top keywords per issue date and region (TF-IDF):"), out);
        for (String t : List.of(Tables.TERMS, Tables.ENTITIES, Tables.KEYWORDS)) {
            assertEquals(rounded(table(warehouse, t)), rounded(table(copy, t)), t);
        }
        Row logged = table(copy, Tables.RUNS).orderBy(col("started_at").desc()).first();
        assertEquals("run", logged.getAs("command"));
        assertTrue(logged.<String>getAs("args").contains("--stages nlp,analyze"), logged.toString());
        assertEquals("succeeded", logged.getAs("status"));
    }

    /** The keywords of a copy of the shared warehouse whose keywords were deleted and recomputed with only {@code scopes}. */
    private static Dataset<Row> keywordsWithScopes(Path tmp, String name, String scopes) throws IOException {
        Path copy = tmp.resolve(name);
        copyTree(warehouse, copy);
        deleteTree(copy.resolve(Tables.KEYWORDS));
        Path conf = Files.writeString(tmp.resolve(name + ".conf"), "newstrends.analyze.keywords.scopes = [" + scopes + "]\n");
        ok("analyze", "--warehouse", copy.toString(), "--steps", "keywords", "--config", conf.toString());
        return table(copy, Tables.KEYWORDS);
    }

    private static long articlesWithoutKeywords() {
        return table(warehouse, Tables.ARTICLES).select("article_id")
                .join(table(warehouse, Tables.KEYWORDS).where("scope = 'article'").select("article_id"),
                        scala.jdk.javaapi.CollectionConverters.asScala(List.of("article_id")).toSeq(), "left_anti").count();
    }

    @Test
    void topicsHaveLabelsAndEveryArticleAMixture() {
        Dataset<Row> topics = table(warehouse, Tables.TOPICS);
        AnalyzeSettings.Topics settings = AnalyzeSettings.defaults().topics();
        assertEquals(settings.k(), topics.select("topic_id").distinct().count());
        for (Row r : topics.where("rank = 1").collectAsList()) {
            List<String> top3 = topics.where(col("topic_id").equalTo(r.getAs("topic_id")).and(col("rank").leq(3)))
                    .orderBy("rank").select("term").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
            assertEquals(String.join("·", top3), r.getAs("label"));
        }
        Dataset<Row> mixtures = table(warehouse, Tables.ARTICLE_TOPICS);
        assertEquals(38, mixtures.count());
        for (Row r : mixtures.collectAsList()) {
            List<Double> w = r.getList(r.fieldIndex("weights"));
            assertEquals(settings.k(), w.size());
            assertEquals(1.0, w.stream().mapToDouble(Double::doubleValue).sum(), 1e-6);
            assertEquals(w.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), (double) r.getAs("weight"), 1e-12);
        }
        // topic_trends: the shares of one period and region sum to one
        assertTrue(table(warehouse, Tables.TOPIC_TRENDS).groupBy("granularity", "period_start", "region_code")
                .agg(org.apache.spark.sql.functions.sum("share").as("s")).where("abs(s - 1) > 1e-6").isEmpty());
        Row model = table(warehouse, Tables.TOPIC_MODELS).first();
        assertTrue(Files.isDirectory(warehouse.resolve("_models/topics").resolve(model.<String>getAs("model_id")).resolve("lda")),
                model.toString());
    }

    @Test
    void rerunAndHalfWayFailureEndWhereOneCleanRunEnds() throws IOException {
        // This warehouse is a copy; as after a move, the path recorded with its models does not
        // exist. A run loads the model from the warehouse it runs on.
        io.delta.tables.DeltaTable.forPath(spark, warehouse.resolve(Tables.TOPIC_MODELS).toString())
                .update(Map.of("path", org.apache.spark.sql.functions.lit("/moved/away/_models/topics/gone")));
        Map<String, List<String>> clean = snapshot(warehouse);

        // A rerun of analyze, with the model already there: nothing changes.
        ok("analyze", "--warehouse", warehouse.toString());
        assertEquals(clean, snapshot(warehouse));

        // A second warehouse with the same articles and NLP output, whose analyze was killed after
        // the daily aggregates and keywords of one date were written, before trends and topics.
        Path crashed = shared.resolve("crashed");
        for (String t : List.of(Tables.DOCUMENTS, Tables.QUARANTINE, Tables.ARTICLES, Tables.ARTICLE_TOKENS,
                Tables.TERMS, Tables.ENTITIES)) {
            copyTree(warehouse.resolve(t), crashed.resolve(t));
        }
        DeltaStore store = new DeltaStore(spark, crashed.toString());
        RunSlice oneDate = AnalyzeStage.slice(store, new DateRange(LocalDate.of(2022, 2, 7), LocalDate.of(2022, 2, 7)), null);
        DailyAggregates.write(store, AnalyzeSettings.defaults().keywords(), oneDate, true, "{}");
        Keywords.write(spark, store, AnalyzeSettings.defaults().keywords(), oneDate, "{}");
        assertFalse(store.exists(Tables.TERM_TRENDS));

        // --steps keywords finishes the aggregates and keywords of every date, and nothing else:
        // not even the entity aggregates, which only the trends step reads.
        String keywordsOnly = ok("analyze", "--warehouse", crashed.toString(), "--steps", "keywords");
        assertTrue(keywordsOnly.contains("0 term trend row(s), 0 entity trend row(s); topic model not run (--steps)"), keywordsOnly);
        assertEquals(clean.get(Tables.KEYWORDS), snapshot(crashed, Tables.KEYWORDS));
        assertEquals(clean.get(Tables.TERM_DAILY), snapshot(crashed, Tables.TERM_DAILY));
        assertEquals(List.of(LocalDate.of(2022, 2, 7)), table(crashed, Tables.ENTITY_DAILY).select("issue_date")
                .distinct().as(org.apache.spark.sql.Encoders.LOCALDATE()).collectAsList());
        assertFalse(store.exists(Tables.TERM_TRENDS) || store.exists(Tables.TOPICS));

        ok("analyze", "--warehouse", crashed.toString());
        assertEquals(clean, snapshot(crashed));
    }

    static Map<String, List<String>> snapshot(Path warehouse) {
        Map<String, List<String>> rows = new java.util.TreeMap<>();
        ANALYZE_TABLES.keySet().forEach(name -> rows.put(name, snapshot(warehouse, name)));
        return rows;
    }

    /** The rows of one table, sorted, without the columns that differ between runs. */
    static List<String> snapshot(Path warehouse, String name) {
        return rounded(table(warehouse, name), ANALYZE_TABLES.get(name));
    }

    /** Sorted rows without {@code drop}, doubles rounded. */
    static List<String> rounded(Dataset<Row> t, String... drop) {
        // Doubles to 9 significant digits: the fit sums floating point in task order.
        for (var f : t.schema().fields()) {
            if (f.dataType().equals(org.apache.spark.sql.types.DataTypes.DoubleType)) {
                t = t.withColumn(f.name(), org.apache.spark.sql.functions.expr("round(" + f.name() + ", 9)"));
            } else if (f.dataType() instanceof org.apache.spark.sql.types.ArrayType a
                    && a.elementType().equals(org.apache.spark.sql.types.DataTypes.DoubleType)) {
                t = t.withColumn(f.name(), org.apache.spark.sql.functions.expr(
                        "transform(" + f.name() + ", x -> round(x, 9))"));
            }
        }
        return SharedSpark.sortedRows(t, drop);
    }

    static void copyTree(Path from, Path to) {
        io.newstrends.spark.SampleRun.copyTree(from, to);
    }

    /** Deletes {@code dir} and everything under it (a table of a copied warehouse). */
    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> names(List<Row> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.getString(0)));
        return out;
    }
}
