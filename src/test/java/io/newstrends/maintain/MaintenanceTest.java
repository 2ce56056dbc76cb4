package io.newstrends.maintain;

import io.delta.tables.DeltaTable;
import io.newstrends.cli.Cli;
import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Tables;
import io.newstrends.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** maintain on a real warehouse: compaction, vacuum with the configured retention, lineage in the commit info, and the retention floor. */
class MaintenanceTest {

    @TempDir
    Path dir;

    @Test
    void compactsVacuumsAndRecordsItsRunInTheHistory() throws IOException {
        SparkSession spark = SharedSpark.get();
        String warehouse = dir.resolve("warehouse").toString();
        // Two runs: the runs table (not partitioned) gets a small file per write, what compaction is for.
        for (String date : List.of("2021-04-01", "2022-02-07")) {
            Cli.Outcome o = Cli.run("ingest", "--warehouse", warehouse, "--date", date);
            assertEquals(0, o.code(), o.err());
        }
        long articles = spark.read().format("delta").load(warehouse + "/articles").count();
        // Files no version references (a crashed writer's leftovers): one past the retention, one within it.
        // (articles is clustered, not partitioned: its data files sit in the table's own folder.)
        Path table = Path.of(warehouse, "articles");
        Path stale = Files.writeString(table.resolve("part-stale-leftover.parquet"), "x");
        Path recent = Files.writeString(table.resolve("part-recent-leftover.parquet"), "x");
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(stale, FileTime.fromMillis(now - 200L * 3600 * 1000));
        Files.setLastModifiedTime(recent, FileTime.fromMillis(now - 180L * 3600 * 1000));

        // A table clustered before file statistics were limited to its clustering column.
        spark.sql("ALTER TABLE delta.`" + warehouse + "/articles` UNSET TBLPROPERTIES ('delta.dataSkippingStatsColumns')");

        // A retention above Delta's default of 168 h, so that a file 180 h old tells whether it was applied.
        Path conf = Files.writeString(dir.resolve("retention.conf"), "newstrends.maintain.vacuum-retention-hours = 192\n");
        // Delta's VACUUM prints a line of its own through Scala's console (the process's standard
        // output, where a user's `maintain` prints its table); maintain sends it to the log instead.
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        Cli.Outcome o = (Cli.Outcome) scala.Console$.MODULE$.withOut(console, (scala.Function0<Object>)
                () -> Cli.run("maintain", "--warehouse", warehouse, "--config", conf.toString()));
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("maintain: "), o.out());
        assertEquals("", console.toString(java.nio.charset.StandardCharsets.UTF_8));
        Row run = spark.read().format("delta").load(warehouse + "/runs").where("command = 'maintain'").first();
        assertEquals("succeeded", run.getAs("status"));
        String runId = run.getAs("run_id");

        List<Row> history = spark.sql("DESCRIBE HISTORY delta.`" + warehouse + "/runs`")
                .select("operation", "userMetadata").collectAsList();
        assertTrue(history.stream().anyMatch(h -> h.getString(0).equals("OPTIMIZE")
                && h.getString(1) != null && h.getString(1).contains(runId)), history.toString());
        assertTrue(history.stream().anyMatch(h -> h.getString(0).equals("VACUUM END")), history.toString());
        // On a clustered table OPTIMIZE clusters by the table's key, issue_date.
        Row articlesOptimize = spark.sql("DESCRIBE HISTORY delta.`" + warehouse + "/articles`")
                .where("operation = 'OPTIMIZE'").select("operationParameters").first();
        assertTrue(String.valueOf(articlesOptimize.getJavaMap(0).get("clusterBy")).contains("issue_date"),
                articlesOptimize.toString());
        // Compaction changes files, never rows.
        assertEquals(articles, spark.read().format("delta").load(warehouse + "/articles").count());
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("documents")), o.out());
        // VACUUM honours the configured retention (192 h): Delta 4 takes it from the table property only.
        assertFalse(Files.exists(stale), "a leftover older than the retention is vacuumed");
        assertTrue(Files.exists(recent), "a leftover younger than the retention stays");
        Row detail = spark.sql("DESCRIBE DETAIL delta.`" + warehouse + "/articles`").select("properties").first();
        assertEquals("interval 192 hours", detail.getJavaMap(0).get("delta.deletedFileRetentionDuration"));
        assertEquals("issue_date", detail.getJavaMap(0).get("delta.dataSkippingStatsColumns"));
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("articles") && l.trim().endsWith(" 1")), o.out());
    }

    /**
     * A table whose files are ordered by date keeps that order through compaction: a daily run
     * after maintain still rewrites only the files holding its recent dates. Bin-packing would merge
     * every file into one, and that run would copy the whole history (344,000 rows here). A
     * clustered table without that order gets files of at most {@code max-file-mb}.
     */
    @Test
    void compactionKeepsDateOrderedFilesInDateRanges() throws IOException {
        SparkSession spark = SharedSpark.get();
        String warehouse = dir.resolve("warehouse").toString();
        DeltaStore store = new DeltaStore(spark, warehouse);
        // 350 days x 1,000 rows over two tasks: term_trends is partitioned by granularity and
        // compacted by ZORDER BY period_start; term_daily is clustered by issue_date.
        Dataset<Row> ids = spark.range(350_000).repartition(2)
                .selectExpr("id", "date_add(DATE'2024-01-01', CAST(id % 350 AS INT)) AS day");
        Dataset<Row> trends = ids.selectExpr("'day' AS granularity", "day AS period_start", "day AS period_end",
                "'150200' AS region_code", "concat('t', id) AS term", "'n' AS pos", "1L AS count", "1L AS docs",
                "10L AS articles", "0.1D AS share", "0L AS baseline_periods", "NULL AS baseline_mean",
                "NULL AS baseline_sd", "NULL AS zscore", "false AS is_burst");
        Dataset<Row> daily = ids.selectExpr("day AS issue_date", "'150200' AS region_code", "concat('t', id) AS term",
                "'n' AS pos", "1L AS count", "1.0D AS weight", "1L AS docs");
        Dataset<Row> terms = ids.selectExpr("sha2(CAST(id AS STRING), 256) AS article_id", "day AS issue_date",
                "'150200' AS region_code", "concat('t', id) AS term", "'n' AS pos", "1 AS tf");
        store.replaceWhere(Tables.TERM_TRENDS, Tables.conform(trends, Tables.TERM_TRENDS_SCHEMA), "true", "{}");
        store.replaceWhere(Tables.TERM_DAILY, Tables.conform(daily, Tables.TERM_DAILY_SCHEMA), "true", "{}");
        store.replaceWhere(Tables.TERMS, Tables.conform(terms, Tables.TERMS_SCHEMA), "true", "{}");
        long termsBytes = spark.sql("DESCRIBE DETAIL delta.`" + store.path(Tables.TERMS) + "`").first()
                .<Long>getAs("sizeInBytes");
        assertTrue(termsBytes > 8L << 20, termsBytes + " bytes");

        Path conf = Files.writeString(dir.resolve("files.conf"), "newstrends.maintain.max-file-mb = 4\n");
        Cli.Outcome o = Cli.run("maintain", "--warehouse", warehouse, "--config", conf.toString());
        assertEquals(0, o.code(), o.err());
        // Again with nothing written in between: ZORDER BY would rewrite every file again, so it is skipped.
        Cli.Outcome again = Cli.run("maintain", "--warehouse", warehouse, "--config", conf.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(1, spark.sql("DESCRIBE HISTORY delta.`" + store.path(Tables.TERM_TRENDS) + "`")
                .where("operation = 'OPTIMIZE'").count(), again.out());
        assertTrue(again.out().lines().anyMatch(l -> l.matches("term_trends\\s+(\\d+)\\s+\\1\\s+0\\s+0\\s+0")), again.out());
        for (String table : List.of(Tables.TERM_TRENDS, Tables.TERM_DAILY, Tables.TERMS)) {
            assertEquals(350_000, store.read(table).count(), table);
            long files = spark.sql("DESCRIBE DETAIL delta.`" + store.path(table) + "`").first().<Long>getAs("numFiles");
            // Files of 50,000 to 100,000 rows for the ordered tables; of 2 to 4 MiB for terms (about 25 MB).
            long[] expected = table.equals(Tables.TERMS) ? new long[]{6, 14} : new long[]{4, 8};
            assertTrue(files >= expected[0] && files <= expected[1], table + ": " + files + " files after compaction");
        }

        // The daily run's replacement of the last six days.
        store.replaceWhere(Tables.TERM_TRENDS, Tables.conform(trends.where("period_start >= DATE'2024-12-10'")
                .withColumn("count", functions.lit(2L)), Tables.TERM_TRENDS_SCHEMA), "period_start >= DATE'2024-12-10'", "{}");
        store.replaceWhere(Tables.TERM_DAILY, Tables.conform(daily.where("issue_date >= DATE'2024-12-10'")
                .withColumn("count", functions.lit(2L)), Tables.TERM_DAILY_SCHEMA), "issue_date >= DATE'2024-12-10'", "{}");
        store.replaceWhere(Tables.TERMS, Tables.conform(terms.where("issue_date >= DATE'2024-12-10'")
                .withColumn("tf", functions.lit(2)), Tables.TERMS_SCHEMA), "issue_date >= DATE'2024-12-10'", "{}");
        for (String table : List.of(Tables.TERM_TRENDS, Tables.TERM_DAILY, Tables.TERMS)) {
            String changed = table.equals(Tables.TERMS) ? "tf = 2" : "count = 2";
            assertEquals(6_000, store.read(table).where(changed).count(), table);
            Map<String, String> metrics = DeltaTable.forPath(spark, store.path(table)).history(1)
                    .select("operationMetrics").first().getJavaMap(0);
            long copied = Long.parseLong(metrics.get("numCopiedRows"));
            assertTrue(copied <= DeltaStore.FILE_ROWS, table + ": " + copied + " rows rewritten to replace 6,000");
        }
        // The partitioned table was compacted by ZORDER BY its date (the clustered one by its clustering).
        Map<?, ?> trendsOptimize = spark.sql("DESCRIBE HISTORY delta.`" + store.path(Tables.TERM_TRENDS) + "`")
                .where("operation = 'OPTIMIZE'").select("operationParameters").first().getJavaMap(0);
        assertTrue(String.valueOf(trendsOptimize.get("zOrderBy")).contains("period_start"), trendsOptimize.toString());
    }

    @Test
    void aFileHoldsAboutTheRowsAskedOfItsTable() {
        assertEquals(1_000_000, Maintenance.fileBytes(10_000_000, 1_000_000, 100_000));
        assertEquals(200_000_000, Maintenance.fileBytes(1_000_000_000, 500_000, 100_000));
        assertEquals(2_000_000_000, Maintenance.fileBytes(1_000_000_000, 500_000, 1_000_000));
        assertEquals(3, Maintenance.fileBytes(5, 200_000, 100_000), "rounded up");
        assertEquals(1, Maintenance.fileBytes(0, 10, 100_000), "never zero");
        assertEquals(64L << 20, Maintenance.deltaMaxFileSize(128L << 20), "Delta's files reach twice its setting");
        assertEquals(1, Maintenance.deltaMaxFileSize(1));
    }

    @Test
    void aRetentionBeyondTheLogsThirtyDaysRaisesTheLogRetentionWithIt() {
        assertEquals(Map.of("delta.deletedFileRetentionDuration", "interval 168 hours"),
                Maintenance.retentionProperties(168));
        assertEquals(Map.of("delta.deletedFileRetentionDuration", "interval 1000 hours",
                "delta.logRetentionDuration", "interval 1000 hours"), Maintenance.retentionProperties(1000));
        assertEquals("interval 200 hours", Maintenance.retentionProperties(199.5).get("delta.deletedFileRetentionDuration"));
    }

    @Test
    void aRetentionBelowDeltasSafeMinimumIsAConfigError() throws IOException {
        Path conf = dir.resolve("short.conf");
        Files.writeString(conf, "newstrends.maintain.vacuum-retention-hours = 1\n");
        Cli.Outcome o = Cli.run("maintain", "--warehouse", dir.resolve("w").toString(), "--config", conf.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("vacuum-retention-hours must be at least 168"), o.err());
    }
}
