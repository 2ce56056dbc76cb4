package io.newstrends.spark;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The {@code runs} table: a row is written when a run starts (status {@code running}) and
 * updated when it ends ({@code succeeded} or {@code failed} with the error). A run killed
 * half-way stays {@code running}, which is what happened.
 */
public final class RunLog {

    private final SparkSession spark;
    private final DeltaStore store;
    private final String runId;
    private final String command;

    private RunLog(SparkSession spark, DeltaStore store, String runId, String command) {
        this.spark = spark;
        this.store = store;
        this.runId = runId;
        this.command = command;
    }

    public static RunLog start(SparkSession spark, DeltaStore store, String command, String args) {
        String runId = UUID.randomUUID().toString();
        RunLog log = new RunLog(spark, store, runId, command);
        Row row = RowFactory.create(runId, command, args, "running", Instant.now(), null, null, null, null, null, null,
                null, BuildInfo.version());
        store.append(Tables.RUNS, spark.createDataFrame(List.of(row), Tables.RUNS_SCHEMA), log.lineage());
        return log;
    }

    public String runId() {
        return runId;
    }

    /** JSON recorded as Delta commit user metadata, visible in DESCRIBE HISTORY. */
    public String lineage() {
        return "{\"run_id\":\"" + runId + "\",\"command\":\"" + command + "\",\"code_version\":\""
                + BuildInfo.version() + "\"}";
    }

    public void succeeded(List<LocalDate> dates, long files, long documents, long articles, long quarantined) {
        Column dateArray = dates.isEmpty() ? lit(null).cast("array<date>")
                : array(dates.stream().map(d -> lit(java.sql.Date.valueOf(d))).toArray(Column[]::new));
        update(Map.of(
                "status", lit("succeeded"),
                "finished_at", lit(java.sql.Timestamp.from(Instant.now())),
                "issue_dates", dateArray,
                "n_files", lit(files),
                "n_documents", lit(documents),
                "n_articles", lit(articles),
                "n_quarantined", lit(quarantined)));
    }

    public void failed(String error) {
        update(Map.of(
                "status", lit("failed"),
                "finished_at", lit(java.sql.Timestamp.from(Instant.now())),
                "error", lit(error)));
    }

    private void update(Map<String, Column> set) {
        spark.conf().set("spark.databricks.delta.commitInfo.userMetadata", lineage());
        try {
            DeltaTable.forPath(spark, store.path(Tables.RUNS)).update(col("run_id").equalTo(runId), set);
        } finally {
            spark.conf().unset("spark.databricks.delta.commitInfo.userMetadata");
        }
    }
}
