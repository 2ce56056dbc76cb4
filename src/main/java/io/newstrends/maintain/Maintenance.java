package io.newstrends.maintain;

import io.delta.tables.DeltaTable;
import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code maintain} command: OPTIMIZE (bin-packing compaction) and VACUUM of every table of
 * the warehouse. Daily runs add a few small files per table and date; compaction keeps reads
 * fast, vacuum deletes the files older versions no longer need once they are past the retention.
 * Both commits carry the run's lineage in their commit info, like every other write.
 */
public final class Maintenance {

    /** Delta's own safety floor: files younger than this may still be read by a running query. */
    public static final double MIN_RETENTION_HOURS = 168;

    private Maintenance() {
    }

    /** What maintenance did to one table. */
    public record TableResult(String table, long filesBefore, long filesAfter, long filesCompacted,
                              long filesAdded) {
    }

    /**
     * Compacts and vacuums every table that exists.
     *
     * @param retentionHours files no longer referenced and older than this are deleted
     */
    public static List<TableResult> run(SparkSession spark, DeltaStore store, double retentionHours, String lineage) {
        if (retentionHours < MIN_RETENTION_HOURS) {
            throw new IllegalArgumentException("vacuum retention of " + retentionHours + " hours is below Delta's safe"
                    + " minimum of " + MIN_RETENTION_HOURS + " hours; running queries could lose their files");
        }
        String key = "spark.databricks.delta.commitInfo.userMetadata";
        List<TableResult> results = new ArrayList<>();
        spark.conf().set(key, lineage);
        try {
            for (String table : Tables.ALL) {
                if (!store.exists(table)) {
                    continue;
                }
                DeltaTable delta = DeltaTable.forPath(spark, store.path(table));
                long before = fileCount(delta);
                Row metrics = delta.optimize().executeCompaction().select("metrics.numFilesRemoved", "metrics.numFilesAdded")
                        .first();
                delta.vacuum(retentionHours);
                results.add(new TableResult(table, before, fileCount(DeltaTable.forPath(spark, store.path(table))),
                        metrics.getLong(0), metrics.getLong(1)));
            }
        } finally {
            spark.conf().unset(key);
        }
        return results;
    }

    private static long fileCount(DeltaTable table) {
        return table.detail().select("numFiles").first().getLong(0);
    }
}
