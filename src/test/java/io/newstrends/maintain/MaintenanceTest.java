package io.newstrends.maintain;

import io.newstrends.cli.Cli;
import io.newstrends.spark.SharedSpark;
import org.apache.spark.sql.Row;
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
