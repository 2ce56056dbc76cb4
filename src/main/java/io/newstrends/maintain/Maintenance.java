package io.newstrends.maintain;

import io.delta.tables.DeltaTable;
import io.newstrends.config.AppConfig;
import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Layout;
import io.newstrends.spark.SideBySide;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Dataset;
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
 * The {@code maintain} command: OPTIMIZE and VACUUM of every table of the warehouse. Daily runs
 * add a few small files per table and date; compaction keeps reads fast (bin-packing, or by date
 * for the tables clustered or ordered by date, see {@link #compact}), vacuum deletes the files
 * older versions no longer need once they are past the retention.
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
    /** The size of the files OPTIMIZE writes, 1 GiB unless set. */
    static final String OPTIMIZE_MAX_FILE_SIZE = "spark.databricks.delta.optimize.maxFileSize";

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
     * @param settings the vacuum retention (files no longer referenced and older than it are
     *                 deleted) and the largest file compaction writes for a clustered table
     */
    public static List<TableResult> run(SparkSession spark, DeltaStore store, AppConfig.MaintainSettings settings,
                                        String lineage) {
        double retentionHours = settings.vacuumRetentionHours();
        long maxFileBytes = settings.maxFileMb() << 20;
        if (retentionHours < MIN_RETENTION_HOURS) {
            throw new IllegalArgumentException("vacuum retention of " + retentionHours + " hours is below Delta's safe"
                    + " minimum of " + MIN_RETENTION_HOURS + " hours; running queries could lose their files");
        }
        Map<String, String> properties = retentionProperties(retentionHours);
        String listing = Integer.toString(Math.max(2, spark.sparkContext().defaultParallelism()));
        // A table the warehouse does not have yet is skipped (null), in its task like the rest.
        List<Callable<TableResult>> tables = Tables.ALL.stream().<Callable<TableResult>>map(table -> () -> {
            if (!store.exists(table)) {
                return null;
            }
            // A session of its own per table (same SparkContext, separate SQL conf): the size of the
            // files OPTIMIZE writes is a session setting, and it differs between tables maintained at once.
            SparkSession session = spark.newSession();
            session.conf().set(USER_METADATA, lineage);
            session.conf().set(LISTING_PARALLELISM, listing);
            return maintain(session, store.path(table), table, Tables.layout(table), properties, maxFileBytes);
        }).toList();
        return SideBySide.all("newstrends-maintain", TABLES_AT_ONCE, tables).stream()
                .filter(java.util.Objects::nonNull).toList();
    }

    private static TableResult maintain(SparkSession spark, String path, String table, Layout layout,
                                        Map<String, String> properties, long maxFileBytes) {
        DeltaTable delta = DeltaTable.forPath(spark, path);
        Row detail = delta.detail().select("numFiles", "properties", "clusteringColumns", "partitionColumns",
                "sizeInBytes").first();
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
        Compaction compaction = compact(spark, delta, layout, clustering, detail.getList(3), detail.getLong(4),
                maxFileBytes);
        vacuumLogged(delta, table);
        long after = DeltaTable.forPath(spark, path).detail().select("numFiles").first().getLong(0);
        return new TableResult(table, before, after, compaction.filesRemoved(), compaction.filesAdded(),
                deletedByLastVacuum(delta));
    }

    /** Files OPTIMIZE replaced and wrote. */
    private record Compaction(long filesRemoved, long filesAdded) {
        static final Compaction NONE = new Compaction(0, 0);

        static Compaction of(Dataset<Row> optimizeResult) {
            Row r = optimizeResult.select("metrics.numFilesRemoved", "metrics.numFilesAdded").first();
            return new Compaction(r.getLong(0), r.getLong(1));
        }
    }

    /**
     * OPTIMIZE as the table's layout asks. Bin-packing merges small files in no particular order,
     * into files of up to 1 GiB: for a table whose files are ordered by date
     * ({@link Layout#orderedBy}) that undoes the order, and the next daily run rewrites the whole
     * table again (138 s against 66 s after a 1,056-day backfill, benchmark/LOG.md). Such a table is
     * range-partitioned by its date instead, into files of at most about {@link DeltaStore#FILE_ROWS}
     * rows: by its clustering when it is clustered by that date, by ZORDER BY the date when it is
     * partitioned. Unlike bin-packing, that rewrites every file of the table, not only the small ones.
     * The other clustered tables get files of at most about {@link DeltaStore#CLUSTERED_FILE_ROWS} rows, and
     * all of them files of at most about {@code maxFileBytes} ({@code newstrends.maintain.max-file-mb},
     * 128 MiB): clustering ranges their files by date, so a rerun of a date rewrites the file
     * holding it. With Delta's 1 GiB a rerun of a day after a 1,056-day backfill rewrote all of
     * {@code article_tokens}, and {@code terms}, 18.5 M rows in 64 MB, stayed one file at 128 MiB
     * (benchmark/LOG.md).
     *
     * @param spark the table's own session, whose file size setting this sets
     * @return what OPTIMIZE did; nothing for a partitioned table nobody wrote since its last
     *         compaction, which ZORDER BY (not idempotent) would rewrite whole again
     */
    private static Compaction compact(SparkSession spark, DeltaTable delta, Layout layout, List<String> clustering,
                                        List<String> partitioning, long bytes, long maxFileBytes) {
        String order = layout.fileOrder();
        // A table created by an older version keeps its own layout: ZORDER BY needs a column that
        // is neither clustered (clustering already orders) nor a partition column.
        boolean zOrder = order != null && clustering.isEmpty() && !partitioning.contains(order);
        if (clustering.isEmpty() && !zOrder) {
            return Compaction.of(delta.optimize().executeCompaction());
        }
        if (zOrder && unchangedSinceCompaction(delta)) {
            return Compaction.NONE;
        }
        long rows = delta.toDF().count();
        if (rows > 0) {
            // The layout's own bound where it has one (the ordered tables, terms, entities).
            long fileRows = layout.fileRows() > 0 ? layout.fileRows() : DeltaStore.CLUSTERED_FILE_ROWS;
            spark.conf().set(OPTIMIZE_MAX_FILE_SIZE,
                    Long.toString(deltaMaxFileSize(Math.min(maxFileBytes, fileBytes(bytes, rows, fileRows)))));
        }
        return Compaction.of(zOrder ? delta.optimize().executeZOrderBy(order) : delta.optimize().executeCompaction());
    }

    /** Commits that change no rows: what maintain itself writes besides OPTIMIZE. */
    private static final java.util.Set<String> NO_DATA_CHANGE = java.util.Set.of("VACUUM START", "VACUUM END",
            "SET TBLPROPERTIES");

    /** Whether the table's latest commit that is not a vacuum or a property change is an OPTIMIZE. */
    private static boolean unchangedSinceCompaction(DeltaTable delta) {
        for (Row commit : delta.history(20).select("operation").collectAsList()) {
            if (!NO_DATA_CHANGE.contains(commit.getString(0))) {
                return "OPTIMIZE".equals(commit.getString(0));
            }
        }
        return false;
    }

    /**
     * Delta's maxFileSize for files of at most {@code largest} bytes. Clustering and ZORDER BY cut
     * the bytes they rewrite into {@code floor(bytes / maxFileSize)} files, which are up to twice
     * maxFileSize (about 470 MB of {@code article_tokens} came out as 3 files at 128 MiB); half the
     * largest keeps them between half of it and all of it.
     */
    static long deltaMaxFileSize(long largest) {
        return Math.max(1, largest / 2);
    }

    /** The file size that holds about {@code fileRows} rows of a table of {@code rows} rows in {@code bytes}. */
    static long fileBytes(long bytes, long rows, long fileRows) {
        return Math.max(1, (long) Math.ceil((double) bytes / rows * fileRows));
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
