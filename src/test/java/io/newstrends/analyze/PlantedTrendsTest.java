package io.newstrends.analyze;

import io.newstrends.cli.Cli;
import io.newstrends.generate.CorpusGenerator;
import io.newstrends.generate.GroundTruth;
import io.newstrends.generate.Spec;
import io.newstrends.generate.Summary;
import io.newstrends.spark.SharedSpark;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analytics on a planted corpus: five weeks of three papers (内蒙古日报, 包头日报, 呼和浩特日报)
 * made of real seed paragraphs and SIGHAN sentences by {@link CorpusGenerator}, with 煤炭 rising
 * in 包头 (150200) in the week of 2024-01-22, 口岸 rising in 呼和浩特 (150100) in the week of
 * 2024-01-29, and two topics planted as blocks of seed paragraphs. The whole pipeline runs on it
 * (`run --input`), and the tables must find what was planted, where it was planted, and nowhere else.
 */
class PlantedTrendsTest {

    @TempDir
    static Path shared;
    static Path warehouse;
    static SparkSession spark;
    static List<GroundTruth> planted;

    static Dataset<Row> table(String name) {
        return spark.read().format("delta").load(warehouse.resolve(name).toString());
    }

    @BeforeAll
    static void runOnAPlantedCorpus() {
        spark = SharedSpark.get();
        Summary summary = CorpusGenerator.generate(Spec.of(shared.resolve("corpus"), 3, 35, 1));
        planted = summary.planted();
        warehouse = shared.resolve("warehouse");
        Cli.Outcome o = Cli.run("run", "--input", shared.resolve("corpus").toString(), "--warehouse", warehouse.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("on 35 date(s)"), o.out());
    }

    static GroundTruth trend(String term) {
        return planted.stream().filter(g -> g.kind().equals(GroundTruth.TERM_TREND) && g.name().equals(term))
                .findFirst().orElseThrow(() -> new AssertionError(term + " not planted: " + planted));
    }

    @Test
    void theGeneratorPlantedWhatThisTestExpects() {
        GroundTruth coal = trend("煤炭");
        assertEquals("150200", coal.regionCode());
        assertEquals(LocalDate.of(2024, 1, 22), coal.from());
        assertEquals(LocalDate.of(2024, 1, 28), coal.to());
        GroundTruth port = trend("口岸");
        assertEquals("150100", port.regionCode());
        assertEquals(LocalDate.of(2024, 1, 29), port.from());
    }

    @Test
    void burstsAreFlaggedWhereAndWhenTheTermWasPlantedAndNowhereElse() {
        for (String term : List.of("煤炭", "口岸")) {
            GroundTruth g = trend(term);
            Dataset<Row> bursts = table(Tables.TERM_TRENDS).where(col("term").equalTo(term)).where(col("is_burst"));
            // The planted week of the planted region is a burst …
            Row week = table(Tables.TERM_TRENDS).where(col("term").equalTo(term)).where(col("granularity").equalTo("week"))
                    .where(col("region_code").equalTo(g.regionCode())).where(col("period_start").equalTo(g.from())).first();
            assertTrue(week.<Boolean>getAs("is_burst"), week.toString());
            // … and so are some of its days, the thin 口岸 (4 of 10 of a paper's 6 to 10 articles a
            // day) included: with a baseline gap of 7 days, the later days of a week-long plant are
            // compared with the time before it, not with its own first days (with 3, no day of 口岸
            // was a burst, and only 2 of 煤炭's).
            assertTrue(bursts.where(col("granularity").equalTo("day")).where(col("region_code").equalTo(g.regionCode()))
                    .count() >= 2, term + " day bursts: " + bursts.collectAsList());
            // No burst in another region, and none outside the planted window (all regions may
            // show the planted region's burst).
            List<Row> elsewhere = bursts.where(col("region_code").notEqual(g.regionCode())
                    .and(col("region_code").notEqual(Tables.ALL_REGIONS))).collectAsList();
            assertEquals(List.of(), elsewhere, term);
            List<Row> outside = bursts.where(col("period_end").lt(g.from()).or(col("period_start").gt(g.to())))
                    .collectAsList();
            assertEquals(List.of(), outside, term);
        }
    }

    @Test
    void aRunOfOneDayRecomputesTheDaysItsBurstsReachBackTo(@TempDir Path tmp) {
        // A burst spreads to the days before it (burst-continue-days, 6), so the run of one day of
        // 煤炭's planted week writes that day and the 6 before it, with the flags the whole run gave.
        Path copy = tmp.resolve("warehouse");
        AnalyzeSampleTest.copyTree(warehouse, copy);
        AnalyzeSampleTest.deleteTree(copy.resolve(Tables.TERM_TRENDS));
        LocalDate day = trend("煤炭").from().plusDays(3);
        Cli.Outcome o = Cli.run("analyze", "--warehouse", copy.toString(), "--date", day.toString(), "--steps", "trends");
        assertEquals(0, o.code(), o.err());
        Dataset<Row> days = spark.read().format("delta").load(copy.resolve(Tables.TERM_TRENDS).toString())
                .where(col("granularity").equalTo("day"));
        assertEquals(List.of(day.minusDays(6), day), days.agg(functions.min("period_start"), functions.max("period_start"))
                .as(Encoders.tuple(Encoders.LOCALDATE(), Encoders.LOCALDATE())).collectAsList().stream()
                .flatMap(t -> java.util.stream.Stream.of(t._1(), t._2())).toList());
        Dataset<Row> whole = table(Tables.TERM_TRENDS).where(col("granularity").equalTo("day"))
                .where(col("period_start").between(day.minusDays(6), day));
        Column[] key = {col("period_start"), col("region_code"), col("term"), col("is_burst")};
        assertEquals(whole.select(key).orderBy(key).collectAsList(), days.select(key).orderBy(key).collectAsList());
        assertTrue(days.where(col("is_burst").and(col("term").equalTo("煤炭"))).count() >= 3);
    }

    @Test
    void chanceIsNotABurst() {
        // Every other term of the corpus is drawn at random from the same text: over 35 days x 3
        // regions x thousands of terms, a z-score alone flags hundreds of them (it did, before the
        // binomial tail test); the rule flags a handful at most. A planted topic's words rise where it
        // is planted, and so do the words a plant's sentences carry along (ground truth's `carried`,
        // such as 二连浩特 with 口岸) in its region and window: those are not chance, so not counted.
        Object[] plantedWords = planted.stream().flatMap(g -> g.words().stream()).distinct().toArray();
        Column carriedAlong = functions.lit(false);
        for (GroundTruth g : planted) {
            if (!g.carried().isEmpty()) {
                carriedAlong = carriedAlong.or(col("term").isin(g.carried().toArray())
                        .and(col("region_code").equalTo(g.regionCode()))
                        .and(col("period_end").geq(g.from())).and(col("period_start").leq(g.to())));
            }
        }
        List<Row> others = table(Tables.TERM_TRENDS).where(col("is_burst"))
                .where(col("region_code").notEqual(Tables.ALL_REGIONS)).where(not(col("term").isin(plantedWords)))
                .where(not(carriedAlong))
                .collectAsList();
        assertTrue(others.size() <= 5, others.size() + " bursts of terms nobody planted or carried: " + others);
    }

    @Test
    void thePlantedTermTopsItsRegionsKeywordsInThePlantedWeek() {
        for (String term : List.of("煤炭", "口岸")) {
            GroundTruth g = trend(term);
            List<String> top = table(Tables.KEYWORDS).where(col("scope").equalTo("week_region"))
                    .where(col("region_code").equalTo(g.regionCode())).where(col("period_start").equalTo(g.from()))
                    .where(col("rank").leq(3)).orderBy("rank").select("term").as(Encoders.STRING()).collectAsList();
            assertEquals(term, top.get(0), term + " in the planted week of " + g.regionCode() + ": " + top);
            // Outside its region and week the term is at most background noise, never a top keyword.
            List<Row> elsewhere = table(Tables.KEYWORDS).where(col("scope").isin("week_region", "day_region"))
                    .where(col("term").equalTo(term)).where(col("rank").leq(3))
                    .where(col("region_code").notEqual(g.regionCode())
                            .or(col("period_end").lt(g.from())).or(col("period_start").gt(g.to())))
                    .collectAsList();
            assertEquals(List.of(), elsewhere, term);
        }
    }

    @Test
    void refitTopicsFitsANewCurrentModelAndInfersItsTrainingWindowAgain() throws Exception {
        String before = table(Tables.TOPIC_MODELS).where(col("training_to").equalTo(LocalDate.of(2024, 2, 4)))
                .first().getAs("model_id");
        // The run's own fit was in the driver (851 articles); this refit goes through Spark MLlib,
        // whose online optimizer runs Spark jobs in each of its 60 iterations.
        Path mllib = java.nio.file.Files.writeString(shared.resolve("mllib.conf"),
                "newstrends.analyze.topics.local-max-articles = 0\n");
        java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.spark.scheduler.SparkListener counter = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart jobStart) {
                jobs.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(counter);
        Cli.Outcome o;
        try {
            o = Cli.run("analyze", "--warehouse", warehouse.toString(), "--from", "2024-01-01", "--to",
                    "2024-01-14", "--refit-topics", "--config", mllib.toString());
        } finally {
            spark.sparkContext().listenerBus().waitUntilEmpty();   // events reach listeners asynchronously
            spark.sparkContext().removeSparkListener(counter);
        }
        assertEquals(0, o.code(), o.err());
        assertTrue(jobs.get() > 120, jobs.get() + " Spark jobs");
        Row refitted = table(Tables.TOPIC_MODELS).where(col("training_to").equalTo(LocalDate.of(2024, 1, 14))).first();
        String after = refitted.getAs("model_id");
        assertTrue(o.out().contains("topic model " + after + " (fitted in this run)"), o.out());
        assertTrue(!after.equals(before));
        assertEquals(LocalDate.of(2024, 1, 1), refitted.getAs("training_from"));
        // The fortnight's articles now carry the new model; the later ones keep the one they had.
        assertEquals(List.of(after), table(Tables.ARTICLE_TOPICS).where(col("issue_date").leq(LocalDate.of(2024, 1, 14)))
                .select("model_id").distinct().as(Encoders.STRING()).collectAsList());
        assertEquals(List.of(before), table(Tables.ARTICLE_TOPICS).where(col("issue_date").gt(LocalDate.of(2024, 1, 14)))
                .select("model_id").distinct().as(Encoders.STRING()).collectAsList());
        assertTrue(table(Tables.TOPIC_TRENDS).where(col("model_id").equalTo(after))
                .where(col("granularity").equalTo("week")).count() > 0);
    }

    /**
     * The model the run fitted on all 35 days. Another test refits one on the first two weeks and
     * infers those weeks again, so only the articles still on this model count.
     */
    private Dataset<Row> articlesOnTheFullRunModel() {
        String model = table(Tables.TOPIC_MODELS).where(col("training_to").equalTo(LocalDate.of(2024, 2, 4)))
                .first().getAs("model_id");
        return table(Tables.ARTICLE_TOPICS).where(col("model_id").equalTo(model)).select("article_id", "topic_id");
    }

    @Test
    void noTopicHoldsMoreThanAThirdOfTheArticles() {
        // With Spark's learning offset (1024) MLlib's fit at this seed left one topic the main topic
        // of 545 of the 851 articles; with an offset of 1 the largest held 168 (README, Analytics 4).
        Dataset<Row> assigned = articlesOnTheFullRunModel();
        long all = assigned.count();
        long largest = assigned.groupBy("topic_id").count().agg(functions.max("count")).first().getLong(0);
        assertTrue(largest <= all / 3, "the largest topic holds " + largest + " of " + all + " articles");
    }

    @Test
    void eachPlantedTopicsArticlesShareOneTopicThatIsMostlyTheirs() {
        Dataset<Row> assigned = articlesOnTheFullRunModel().cache();
        long all = assigned.count();
        for (GroundTruth g : planted) {
            if (!g.kind().equals(GroundTruth.TOPIC)) {
                continue;
            }
            // A planted article is 2 to 5 paragraphs of the topic's block, so (nearly) all its terms
            // are the block's words; an article of other text has many more.
            Object[] blockWords = java.util.stream.Stream.concat(g.words().stream(), g.carried().stream()).distinct().toArray();
            Dataset<Row> plantedArticles = table(Tables.TERMS).groupBy("article_id")
                    .agg(functions.avg(col("term").isin(blockWords).cast("double")).as("in_block"))
                    .where(col("in_block").geq(0.9)).select("article_id");
            List<Row> byTopic = assigned.join(plantedArticles, "article_id").groupBy("topic_id").count()
                    .orderBy(col("count").desc()).collectAsList();
            long n = byTopic.stream().mapToLong(r -> r.getLong(1)).sum();
            assertTrue(n >= 8, g.name() + ": " + n + " planted articles found");
            int topic = byTopic.get(0).getInt(0);
            long together = byTopic.get(0).getLong(1);
            long topicArticles = assigned.where(col("topic_id").equalTo(topic)).count();
            // Grouped: at least 80 % of them have the same main topic …
            assertTrue(together >= 0.8 * n, g.name() + " main topics of its articles: " + byTopic);
            // … and that topic is theirs: they are at least three times as common in it as in the
            // corpus. Whether the block's nouns also make the topic's ten top terms depends on the
            // seed: the topic may also hold other reports on the same themes (README, Analytics 4).
            double lift = ((double) together / topicArticles) / ((double) n / all);
            assertTrue(lift >= 3, g.name() + ": " + together + " of topic " + topic + "'s " + topicArticles
                    + " articles, " + n + " of all " + all + " (lift " + lift + ")");
        }
        assigned.unpersist();
    }
}
