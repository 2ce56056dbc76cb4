package io.newstrends.spark;

import io.delta.tables.DeltaTable;
import io.newstrends.cli.Cli;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ingest / run on real Delta tables: the sample corpus, reruns, bad input, date slices, crashes. */
class IngestPipelineTest {

    static final Path SEEDS = Path.of("../shared/corpus/seeds");
    static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = SharedSpark.get();
    }

    static Dataset<Row> table(Path warehouse, String name) {
        return spark.read().format("delta").load(warehouse.resolve(name).toString());
    }

    @Test
    void runIngestsTheEmbeddedSampleCorpusIntoDeltaTables() {
        SampleRun.Built run = SampleRun.get();
        Path warehouse = run.warehouse();
        assertTrue(run.out().contains("5 document(s), 38 article(s), 0 file(s) quarantined, 1 quarantine row(s)"), run.out());
        assertTrue(run.out().contains("2025-06-13  150600       鄂尔多斯市"), run.out());

        assertEquals(Tables.DOCUMENTS_SCHEMA.fieldNames().length, table(warehouse, "documents").schema().size());
        assertEquals(List.of(Tables.ARTICLES_SCHEMA.fieldNames()), List.of(table(warehouse, "articles").schema().fieldNames()));
        assertEquals(5, table(warehouse, "documents").count());
        assertEquals(38, table(warehouse, "articles").count());

        List<Row> perDate = table(warehouse, "articles").groupBy("issue_date").count().orderBy("issue_date").collectAsList();
        assertEquals(List.of("2021-04-01=10", "2021-10-23=1", "2021-12-27=6", "2022-02-07=10", "2025-06-13=11"),
                perDate.stream().map(r -> r.get(0) + "=" + r.getLong(1)).toList());
        Row baotou = table(warehouse, "articles").where(col("headline").startsWith("66项政务服务事项")).first();
        assertEquals("150200", baotou.getAs("region_code"));
        assertEquals(LocalDate.of(2021, 4, 1), baotou.getAs("dateline_date"));

        Row orphan = table(warehouse, "quarantine").first();
        assertEquals("orphan_headline", orphan.getAs("reason"));
        Row runRow = table(warehouse, "runs").first();
        assertEquals("succeeded", runRow.getAs("status"));
        assertEquals(38L, (long) runRow.<Long>getAs("n_articles"));

        // Every write carries its run's lineage in the Delta commit info.
        Row last = DeltaTable.forPath(spark, warehouse.resolve("articles").toString()).history(1).first();
        String lineage = last.getAs("userMetadata");
        assertTrue(lineage.contains(runRow.<String>getAs("run_id")), lineage);
    }

    @Test
    void aSecondIdenticalRunLeavesEveryTableUnchanged(@TempDir Path tmp) {
        Path warehouse = tmp.resolve("warehouse");
        assertEquals(0, Cli.run("ingest", "--warehouse", warehouse.toString()).code());
        List<String> documents = SharedSpark.sortedRows(table(warehouse, "documents"));
        List<String> articles = SharedSpark.sortedRows(table(warehouse, "articles"));
        List<String> quarantine = SharedSpark.sortedRows(table(warehouse, "quarantine"), "run_id");

        assertEquals(0, Cli.run("ingest", "--warehouse", warehouse.toString()).code());
        assertEquals(documents, SharedSpark.sortedRows(table(warehouse, "documents")));
        assertEquals(articles, SharedSpark.sortedRows(table(warehouse, "articles")));
        assertEquals(quarantine, SharedSpark.sortedRows(table(warehouse, "quarantine"), "run_id"));
        assertEquals(2, table(warehouse, "runs").where(col("status").equalTo("succeeded")).count());
    }

    @Test
    void aRunKilledHalfWayAndRunAgainEndsInTheCleanState(@TempDir Path tmp) {
        Path clean = tmp.resolve("clean");
        Path crashed = tmp.resolve("crashed");
        assertEquals(0, Cli.run("ingest", "--warehouse", clean.toString()).code());
        assertEquals(0, Cli.run("ingest", "--warehouse", crashed.toString()).code());
        // What a crash between writes leaves: a date's articles gone, documents written twice.
        DeltaTable.forPath(spark, crashed.resolve("articles").toString()).delete(col("issue_date").equalTo("2022-02-07"));
        table(crashed, "documents").where(col("issue_date").equalTo("2021-04-01"))
                .write().format("delta").mode("append").save(crashed.resolve("documents").toString());

        assertEquals(0, Cli.run("ingest", "--warehouse", crashed.toString()).code());
        for (String t : List.of("documents", "articles")) {
            assertEquals(SharedSpark.sortedRows(table(clean, t)), SharedSpark.sortedRows(table(crashed, t)), t);
        }
    }

    @Test
    void everyBadFileIsAccountedForAndTheRunSucceeds(@TempDir Path tmp) throws IOException {
        Path input = tmp.resolve("input");
        Files.createDirectories(input.resolve("nmg/2021-04-01"));
        Files.copy(SEEDS.resolve("000_7778472d3299ae51.txt"), input.resolve("nmg/2021-04-01/000.txt"));
        String seed002 = Files.readString(SEEDS.resolve("002_e54c1e9959352caf.txt"));
        Files.write(input.resolve("gb18030.txt"), seed002.getBytes(Charset.forName("GB18030")));
        Files.writeString(input.resolve("crlf.txt"), Files.readString(SEEDS.resolve("004_397ea5b236c63f32.txt")).replace("\n", "\r\n"));
        Files.write(input.resolve("empty.txt"), new byte[0]);
        byte[] binary = new byte[8192];
        new Random(3).nextBytes(binary);
        binary[0] = '%';
        binary[1] = 'P';
        binary[2] = 'D';
        binary[3] = 'F';
        Files.write(input.resolve("scan.txt"), binary);
        Files.writeString(input.resolve("one-line.txt"), "新闻".repeat(6_000_000));
        Files.writeString(input.resolve("footer.txt"), "版权声明：本文由信途科技转载于网络，如有侵权联系站长删除。\n扫描二维码推送至手机访问。\n");
        Files.writeString(input.resolve("undated.txt"), "会议强调，要深入学习贯彻。\n");
        Files.writeString(input.resolve("notes.md"), "not an issue: ignored by design\n");

        Path warehouse = tmp.resolve("warehouse");
        Cli.Outcome run = Cli.run("ingest", "--input", input.toString(), "--warehouse", warehouse.toString());
        assertEquals(0, run.code(), run.err());

        Set<String> inputs = Set.of("nmg/2021-04-01/000.txt", "gb18030.txt", "crlf.txt", "empty.txt", "scan.txt",
                "one-line.txt", "footer.txt", "undated.txt");
        Set<String> seen = new HashSet<>();
        table(warehouse, "documents").select("source_path").collectAsList().forEach(r -> seen.add(r.getString(0)));
        List<Row> quarantined = table(warehouse, "quarantine").where(col("doc_id").isNull())
                .select("source_path", "reason").collectAsList();
        quarantined.forEach(r -> seen.add(r.getString(0)));
        assertEquals(inputs, seen);
        assertEquals(3, table(warehouse, "documents").count());
        assertEquals(Set.of("empty.txt=empty", "scan.txt=binary", "one-line.txt=line_too_long",
                        "footer.txt=no_content", "undated.txt=undated"),
                new HashSet<>(quarantined.stream().map(r -> r.getString(0) + "=" + r.getString(1)).toList()));
        Row gb = table(warehouse, "documents").where(col("source_path").equalTo("gb18030.txt")).first();
        assertEquals("GB18030", gb.getAs("encoding"));
        assertEquals(LocalDate.of(2022, 2, 7), gb.getAs("issue_date"));
        assertEquals("path", table(warehouse, "documents").where(col("source_path").equalTo("nmg/2021-04-01/000.txt"))
                .first().getAs("date_source"));
    }

    @Test
    void aDatedRunReplacesOnlyItsOwnDate(@TempDir Path tmp) throws IOException {
        Path input = tmp.resolve("input");
        Files.createDirectories(input.resolve("2021-04-01"));
        Files.createDirectories(input.resolve("2022-02-07"));
        Files.copy(SEEDS.resolve("000_7778472d3299ae51.txt"), input.resolve("2021-04-01/nmgrb.txt"));
        Files.copy(SEEDS.resolve("002_e54c1e9959352caf.txt"), input.resolve("2022-02-07/nmgrb.txt"));
        Path warehouse = tmp.resolve("warehouse");
        assertEquals(0, Cli.run("ingest", "--input", input.toString(), "--warehouse", warehouse.toString()).code());
        List<String> february = SharedSpark.sortedRows(table(warehouse, "articles").where(col("issue_date").equalTo("2022-02-07")));
        assertEquals(20, table(warehouse, "articles").count());

        // The April issue is withdrawn; a run for that date alone empties it and leaves February alone.
        Files.delete(input.resolve("2021-04-01/nmgrb.txt"));
        Cli.Outcome dated = Cli.run("ingest", "--date", "2021-04-01", "--input", input.toString(), "--warehouse", warehouse.toString());
        assertEquals(0, dated.code(), dated.err());
        assertTrue(dated.out().contains("0 file(s)"), dated.out());
        assertEquals(0, table(warehouse, "articles").where(col("issue_date").equalTo("2021-04-01")).count());
        assertEquals(february, SharedSpark.sortedRows(table(warehouse, "articles").where(col("issue_date").equalTo("2022-02-07"))));
        Row lastRun = table(warehouse, "runs").orderBy(col("started_at").desc()).first();
        assertEquals(0L, (long) lastRun.<Long>getAs("n_files"));
    }
}
