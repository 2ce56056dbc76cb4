package io.newstrends.spark;

import io.newstrends.cli.Cli;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nlp on real Delta tables: the sample corpus through `run`, reruns, a dated rerun, discover-words. */
class NlpPipelineTest {

    @TempDir
    static Path shared;
    static Path warehouse;
    static SparkSession spark;

    static String[] cli(String... args) {
        Cli.Outcome o = Cli.run(args);
        assertEquals(0, o.code(), o.err());
        return new String[]{o.out(), o.err()};
    }

    static Dataset<Row> table(String name) {
        return spark.read().format("delta").load(warehouse.resolve(name).toString());
    }

    @BeforeAll
    static void runOnTheSample() {
        spark = SharedSpark.get();
        // The sample run's warehouse, copied: these tests run nlp on it again.
        warehouse = SampleRun.copyTo(shared.resolve("warehouse"));
        String out = SampleRun.get().out();
        assertTrue(out.contains("nlp: 38 article(s)"), out);
        assertTrue(out.contains("Most mentioned people and places per issue date:"), out);
    }

    @Test
    void everyArticleIsSegmentedWithOffsetsIntoItsBody() {
        assertEquals(38, table("article_tokens").count());
        Dataset<Row> firstOfApril = table("articles").where(col("issue_date").equalTo("2021-04-01"))
                .where(col("ordinal").equalTo(1)).select("article_id", "body");
        Row joined = firstOfApril.join(table("article_tokens").select("article_id", "tokens"), "article_id")
                .select("body", "tokens").first();
        String body = joined.getString(0);
        List<Row> tokens = joined.getList(1);
        for (Row t : tokens) {
            String word = t.getString(0);
            int offset = t.getInt(2);
            assertEquals(word, body.substring(offset, offset + word.length()));
        }
        assertTrue(tokens.size() > 100);
        assertEquals(List.of(Tables.ARTICLE_TOKENS_SCHEMA.fieldNames()), List.of(table("article_tokens").schema().fieldNames()));
    }

    @Test
    void articleWordsAreWrittenWithoutADictionaryAndTheirTagsWithOne() throws Exception {
        Configuration conf = new Configuration();
        List<Path> files;
        try (var walk = java.nio.file.Files.walk(warehouse.resolve("article_tokens"))) {
            files = walk.filter(f -> f.toString().endsWith(".parquet")).toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(
                    HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
                for (BlockMetaData block : reader.getFooter().getBlocks()) {
                    for (ColumnChunkMetaData column : block.getColumns()) {
                        String path = column.getPath().toDotString();
                        boolean dictionary = column.getEncodings().stream().anyMatch(Encoding::usesDictionary);
                        if (SessionFactory.WITHOUT_DICTIONARY.contains(path)) {
                            assertFalse(dictionary, path + " in " + file);
                        } else if (path.equals("tokens.list.element.pos")) {
                            assertTrue(dictionary, path + " in " + file);
                        }
                    }
                }
            }
        }
    }

    @Test
    void termsNameWhatTheDayWasAbout() {
        List<Row> top = table("terms").where(col("issue_date").equalTo("2022-02-07")).groupBy("term")
                .sum("tf").orderBy(col("sum(tf)").desc(), col("term")).limit(5).collectAsList();
        assertEquals("营商环境", top.get(0).getString(0), top.toString());
        assertTrue(table("terms").where(col("term").isin("本报", "记者", "的")).isEmpty());
        assertEquals(List.of(Tables.TERMS_SCHEMA.fieldNames()), List.of(table("terms").schema().fieldNames()));
    }

    @Test
    void entitiesCarryTypesAndPlaceRegions() {
        Dataset<Row> e = table("entities");
        assertTrue(e.where(col("entity").equalTo("石泰峰").and(col("entity_type").equalTo("person"))).count() >= 3);
        assertTrue(e.where(col("entity").equalTo("王莉霞").and(col("entity_type").equalTo("person"))).count() >= 3);
        Row baotou = e.where(col("entity").equalTo("包头市")).first();
        assertEquals("place", baotou.getAs("entity_type"));
        assertEquals("150200", baotou.getAs("entity_region_code"));
        Row hohhot = e.where(col("entity").equalTo("呼和浩特市")).first();
        assertEquals("150100", hohhot.getAs("entity_region_code"));
        Row ordos = e.where(col("entity").equalTo("鄂尔多斯市").and(col("issue_date").equalTo("2025-06-13"))).first();
        assertEquals("150600", ordos.getAs("region_code"), "the article's region");
        assertEquals("150600", ordos.getAs("entity_region_code"));
    }

    @Test
    void aSecondNlpRunLeavesTheTablesUnchanged() {
        List<String> tokens = SharedSpark.sortedRows(table("article_tokens"));
        List<String> terms = SharedSpark.sortedRows(table("terms"));
        List<String> entities = SharedSpark.sortedRows(table("entities"));
        cli("nlp", "--warehouse", warehouse.toString());
        assertEquals(tokens, SharedSpark.sortedRows(table("article_tokens")));
        assertEquals(terms, SharedSpark.sortedRows(table("terms")));
        assertEquals(entities, SharedSpark.sortedRows(table("entities")));

        // A dated run rewrites its date only, with the same rows.
        List<String> otherDates = SharedSpark.sortedRows(table("terms").where(col("issue_date").notEqual("2021-04-01")));
        String out = cli("nlp", "--date", "2021-04-01", "--warehouse", warehouse.toString())[0];
        assertTrue(out.contains("nlp: 10 article(s)"), out);
        assertEquals(terms, SharedSpark.sortedRows(table("terms")));
        assertEquals(otherDates, SharedSpark.sortedRows(table("terms").where(col("issue_date").notEqual("2021-04-01"))));
    }

    @Test
    void discoverWordsWritesCandidates() {
        String out = cli("discover-words", "--warehouse", warehouse.toString(), "--config",
                writeConfig("newstrends.discover { size = 50 }"))[0];
        assertTrue(out.contains("candidate(s)"), out);
        Dataset<Row> candidates = table("word_candidates");
        long n = candidates.count();
        assertTrue(n > 10 && n <= 50, "candidates: " + n);
        // The corpus's own recurring terms surface; the ones already in the lexicon are marked.
        Row business = candidates.where(col("word").equalTo("营商环境")).first();
        assertTrue(business.<Boolean>getAs("in_lexicon"));
        assertTrue(business.<Integer>getAs("frequency") >= 50);
        assertTrue(candidates.where(col("word").startsWith("的").or(col("word").endsWith("的"))).isEmpty());
        assertEquals(List.of(Tables.WORD_CANDIDATES_SCHEMA.fieldNames()), List.of(candidates.schema().fieldNames()));
    }

    static String writeConfig(String hocon) {
        try {
            Path file = shared.resolve("discover.conf");
            java.nio.file.Files.writeString(file, hocon);
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
