package io.newstrends.maintain;

import io.delta.tables.DeltaTable;
import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.SideBySide;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The {@code maintain} command: OPTIMIZE (bin-packing compaction) and VACUUM of every table of
 * the warehouse. Daily runs add a few small files per table and date; compaction keeps reads
 * fast, vacuum deletes the files older versions no longer need once they are past the retention.
 * Every commit carries the run's lineage in its commit info, like every other write. Tables are
 * maintained three at a time, so one table's driver work (snapshots, listings, commits) overlaps
 * another's tasks; on the sample warehouse that took 0.95 of the time (benchmark/LOG.md).
 */
public final class Maintenance {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    /** Tables maintained at once, as many as analyze writes its daily aggregates. */
    static final int TABLES_AT_ONCE = 3;

    /** Delta's own safety floor: files younger than this may still be read by a running query. */
    public static final double MIN_RETENTION_HOURS = 168;

    /** Delta's default log retention (30 days); a file retention above it must raise it too. */
    static final double DEFAULT_LOG_RETENTION_HOURS = 720;

    static final String FILE_RETENTION = "delta.deletedFileRetentionDuration";
    static final String LOG_RETENTION = "delta.logRetentionDuration";

    /**
     * Session settings for the duration of maintain. Delta 4 ignores the retention argument of
     * VACUUM (retentionWindowIgnore) and reads the table property instead, which this class sets.
     * VACUUM lists the table with one task per slot of parallelPartitionDiscovery.parallelism,
     * 10 000 by default: on a small warehouse that is minutes of empty tasks per table, so it is
     * bounded by the cluster's slots.
     */
    private static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
    private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    private Maintenance() {
    }

    /**
     * What maintenance did to one table.
     *
     * @param filesBefore    data files of the current version before compaction
     * @param filesAfter     data files of the current version after compaction
     * @param filesCompacted files compaction replaced
     * @param filesAdded     files compaction wrote
     * @param filesDeleted   files vacuum deleted from storage
     */
    public record TableResult(String table, long filesBefore, long filesAfter, long filesCompacted,
                              long filesAdded, long filesDeleted) {
    }

    /** The table properties that make VACUUM keep unreferenced files for {@code retentionHours}. */
    static Map<String, String> retentionProperties(double retentionHours) {
        String interval = "interval " + Math.round(Math.ceil(retentionHours)) + " hours";
        if (retentionHours > DEFAULT_LOG_RETENTION_HOURS) {
            // Delta refuses a file retention longer than the log's: time travel needs both.
            return Map.of(FILE_RETENTION, interval, LOG_RETENTION, interval);
        }
        return Map.of(FILE_RETENTION, interval);
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
        Map<String, String> properties = retentionProperties(retentionHours);
        String listingBefore = spark.conf().get(LISTING_PARALLELISM, null);
        // A table the warehouse does not have yet is skipped (null), in its task like the rest.
        List<Callable<TableResult>> tables = Tables.ALL.stream().<Callable<TableResult>>map(table -> () ->
                store.exists(table) ? maintain(spark, store.path(table), table, properties) : null).toList();
        spark.conf().set(USER_METADATA, lineage);
        spark.conf().set(LISTING_PARALLELISM, Integer.toString(Math.max(2, spark.sparkContext().defaultParallelism())));
        try {
            return SideBySide.all("newstrends-maintain", TABLES_AT_ONCE, tables).stream()
                    .filter(java.util.Objects::nonNull).toList();
        } finally {
            spark.conf().unset(USER_METADATA);
            if (listingBefore == null) {
                spark.conf().unset(LISTING_PARALLELISM);
            } else {
                spark.conf().set(LISTING_PARALLELISM, listingBefore);
            }
        }
    }

    private static TableResult maintain(SparkSession spark, String path, String table, Map<String, String> properties) {
        DeltaTable delta = DeltaTable.forPath(spark, path);
        Row detail = delta.detail().select("numFiles", "properties", "clusteringColumns").first();
        long before = detail.getLong(0);
        Map<String, String> current = detail.getJavaMap(1);
        Map<String, String> wanted = new java.util.TreeMap<>(properties);
        List<String> clustering = detail.getList(2);
        if (!clustering.isEmpty() && !current.containsKey(DeltaStore.STATS_COLUMNS)) {
            // Tables clustered before statistics were limited to the clustering column get the
            // same property as new ones; files written from now on (compaction's too) follow it.
            wanted.put(DeltaStore.STATS_COLUMNS, String.join(",", clustering));
        }
        StringBuilder changes = new StringBuilder();
        wanted.forEach((key, value) -> {
            if (!value.equals(current.get(key))) {
                changes.append(changes.isEmpty() ? "" : ", ").append('\'').append(key).append("' = '").append(value)
                        .append('\'');
            }
        });
        if (!changes.isEmpty()) {
            spark.sql("ALTER TABLE delta.`" + path.replace("`", "``") + "` SET TBLPROPERTIES (" + changes + ")");
        }
        Row compaction = delta.optimize().executeCompaction()
                .select("metrics.numFilesRemoved", "metrics.numFilesAdded").first();
        vacuumLogged(delta, table);
        long after = DeltaTable.forPath(spark, path).detail().select("numFiles").first().getLong(0);
        return new TableResult(table, before, after, compaction.getLong(0), compaction.getLong(1), deletedByLastVacuum(delta));
    }

    /**
     * VACUUM, with the line Delta prints to standard output ("Deleted n files and directories in a
     * total of m directories") sent to the log instead: standard output is the command's table.
     * Delta prints through Scala's console, whose stream is per thread.
     */
    private static void vacuumLogged(DeltaTable delta, String table) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        scala.Console$.MODULE$.withOut(printed, (scala.Function0<Object>) () -> delta.vacuum());
        printed.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank())
                .forEach(line -> LOG.info("maintain: {}: {}", table, line));
    }

    /** numDeletedFiles of the VACUUM END commit vacuum just wrote (0 when it wrote none). */
    private static long deletedByLastVacuum(DeltaTable delta) {
        Row last = delta.history(1).select("operation", "operationMetrics").first();
        if (!"VACUUM END".equals(last.getString(0))) {
            return 0;
        }
        Map<String, String> metrics = last.getJavaMap(1);
        String deleted = metrics == null ? null : metrics.get("numDeletedFiles");
        return deleted == null ? 0 : Long.parseLong(deleted);
    }
}
