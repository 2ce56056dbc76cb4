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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** maintain on a real warehouse: compaction, vacuum, lineage in the commit info, and the retention floor. */
class MaintenanceTest {

    @TempDir
    Path dir;

    @Test
    void compactsVacuumsAndRecordsItsRunInTheHistory() {
        SparkSession spark = SharedSpark.get();
        String warehouse = dir.resolve("warehouse").toString();
        // Two runs: the runs table (not partitioned) gets a small file per write, what compaction is for.
        for (String date : List.of("2021-04-01", "2022-02-07")) {
            Cli.Outcome o = Cli.run("ingest", "--warehouse", warehouse, "--date", date);
            assertEquals(0, o.code(), o.err());
        }
        long articles = spark.read().format("delta").load(warehouse + "/articles").count();

        Cli.Outcome o = Cli.run("maintain", "--warehouse", warehouse);
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("maintain: "), o.out());
        Row run = spark.read().format("delta").load(warehouse + "/runs").where("command = 'maintain'").first();
        assertEquals("succeeded", run.getAs("status"));
        String runId = run.getAs("run_id");

        List<Row> history = spark.sql("DESCRIBE HISTORY delta.`" + warehouse + "/runs`")
                .select("operation", "userMetadata").collectAsList();
        assertTrue(history.stream().anyMatch(h -> h.getString(0).equals("OPTIMIZE")
                && h.getString(1) != null && h.getString(1).contains(runId)), history.toString());
        assertTrue(history.stream().anyMatch(h -> h.getString(0).equals("VACUUM END")), history.toString());
        // Compaction changes files, never rows.
        assertEquals(articles, spark.read().format("delta").load(warehouse + "/articles").count());
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("documents")), o.out());
        Row runsLine = spark.read().format("delta").load(warehouse + "/runs").where("command = 'maintain'").first();
        assertEquals(runId, runsLine.getAs("run_id"));
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
