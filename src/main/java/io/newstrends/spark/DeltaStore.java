package io.newstrends.spark;

import io.delta.tables.DeltaTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes the Delta tables under one warehouse directory, by bare table name.
 * Every write replaces a well-defined slice in one commit (replaceWhere), so running the same
 * input twice, or again after a crash, leaves the table as one clean run would.
 */
public final class DeltaStore {

    /** A predicate no row matches: the run owns no slice of the table. */
    public static final String NOTHING = "false";
    private static final String COMMIT_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
    /**
     * The table property naming the columns Delta keeps per-file statistics of. A clustered
     * table keeps them only for its clustering column: its files each hold every region, term
     * and (hashed) article id, so min/max of those columns skip no file, and computing them cost
     * a third of the CPU of writing {@code terms}.
     */
    public static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";
    /**
     * Rows per file for tables whose layout orders files by a date ({@link Layout#orderedBy}): a
     * daily run rewrites at most about one such file per task and granularity, where the files of
     * a backfill would otherwise span its whole history.
     */
    public static final long FILE_ROWS = 100_000;
    /**
     * Rows per file of the clustered tables not ordered by date ({@code terms}, {@code articles}, …)
     * when {@code maintain} compacts them, and of {@code terms} and {@code entities} when written: a
     * rerun of a date rewrites about this many rows of each. Ten times the files of
     * {@code analyze}'s tables, which are read in ranges of dates, not whole.
     */
    public static final long CLUSTERED_FILE_ROWS = 1_000_000;

    private final SparkSession spark;
    private final String warehouse;

    public DeltaStore(SparkSession spark, String warehouse) {
        this.spark = spark;
        String trimmed = warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
        this.warehouse = qualified(spark, trimmed);
    }

    /**
     * {@code warehouse} as an absolute location. Delta reads a relative location given to its
     * table builder ({@code warehouse/articles}) as a table name and rejects it, so a relative
     * warehouse (the default {@code warehouse}) is resolved against its file system's working
     * directory, as Spark's own readers and writers resolve it. Absolute ones stay as given.
     */
    static String qualified(SparkSession spark, String warehouse) {
        Path path = new Path(warehouse);
        if (path.isAbsolute()) {
            return warehouse;
        }
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the warehouse " + warehouse + ": " + e.getMessage(), e);
        }
    }

    public String path(String table) {
        return warehouse + "/" + table;
    }

    public boolean exists(String table) {
        return DeltaTable.isDeltaTable(spark, path(table));
    }

    public Dataset<Row> read(String table) {
        return spark.read().format("delta").load(path(table));
    }

    /**
     * Creates an empty table of the warehouse with its schema and {@linkplain Tables#layout layout}
     * if it does not exist yet, so queries never miss it.
     */
    public void ensure(String table, StructType schema, String lineage) {
        ensure(table, schema, Tables.layout(table), lineage);
    }

    /** {@link #ensure(String, StructType, String)} with a layout of the caller's (a table not of the warehouse). */
    void ensure(String table, StructType schema, Layout layout, String lineage) {
        if (!exists(table)) {
            create(table, schema, layout, lineage);
        }
    }

    /**
     * Creates an empty table laid out as asked. Clustering needs the table builder: a DataFrame
     * writer's clusterBy is silently ignored by Delta for path tables.
     */
    private void create(String table, StructType schema, Layout layout, String lineage) {
        if (layout.clustered()) {
            // The builder takes no commit options; the commit metadata is set on a session of its
            // own (same SparkContext, separate SQL conf), so parallel writers never see it.
            SparkSession labelled = spark.newSession();
            labelled.conf().set(COMMIT_METADATA, lineage);
            DeltaTable.createIfNotExists(labelled).location(path(table)).addColumns(nullable(schema))
                    .clusterBy(layout.column()).property(STATS_COLUMNS, layout.column()).execute();
            return;
        }
        var writer = spark.createDataFrame(List.of(), schema).write().format("delta").mode("append")
                .option("userMetadata", lineage);
        (layout.column() == null ? writer : writer.partitionBy(layout.column())).save(path(table));
    }

    /**
     * The schema with every field nullable, at every depth: what a DataFrame write stores, and
     * what Delta accepts (it rejects NOT NULL inside arrays and maps).
     */
    static StructType nullable(StructType schema) {
        return (StructType) nullable((DataType) schema);
    }

    private static DataType nullable(DataType type) {
        if (type instanceof StructType struct) {
            StructField[] fields = struct.fields().clone();
            for (int i = 0; i < fields.length; i++) {
                StructField f = fields[i];
                fields[i] = new StructField(f.name(), nullable(f.dataType()), true, f.metadata());
            }
            return new StructType(fields);
        }
        if (type instanceof ArrayType array) {
            return new ArrayType(nullable(array.elementType()), true);
        }
        if (type instanceof MapType map) {
            return new MapType(nullable(map.keyType()), nullable(map.valueType()), true);
        }
        return type;
    }

    /**
     * Replaces the rows matching {@code predicate} (a SQL condition) with {@code rows}, in one commit.
     * Every row written must match the predicate; Delta checks it.
     */
    public void replaceWhere(String table, Dataset<Row> rows, String predicate, String lineage) {
        replaceWhere(table, rows, predicate, Tables.layout(table), lineage);
    }

    /** {@link #replaceWhere(String, Dataset, String, String)} with a layout of the caller's (a table not of the warehouse). */
    void replaceWhere(String table, Dataset<Row> rows, String predicate, Layout layout, String lineage) {
        if (NOTHING.equals(predicate)) {
            return;
        }
        var writer = ordered(rows, layout).write().format("delta").option("userMetadata", lineage);
        if (layout.fileRows() > 0) {
            writer = writer.option("maxRecordsPerFile", layout.fileRows());
        }
        if (exists(table)) {
            writer.mode("overwrite").option("replaceWhere", predicate).save(path(table));
        } else if (layout.clustered()) {
            create(table, rows.schema(), layout, lineage);
            writer.mode("append").save(path(table));
        } else {
            (layout.column() == null ? writer : writer.partitionBy(layout.column())).mode("append").save(path(table));
        }
    }

    /** {@code rows} sorted within each task as {@code layout} asks (unchanged when it asks for no order). */
    static Dataset<Row> ordered(Dataset<Row> rows, Layout layout) {
        String[] columns = layout.sortColumns();
        return columns.length == 0 ? rows : rows.sortWithinPartitions(columns[0],
                Arrays.copyOfRange(columns, 1, columns.length));
    }

    /**
     * Rows written by the table's latest commit, from Delta's own operation metrics: a stage
     * reports what it wrote without computing its output a second time.
     */
    public long lastCommitRows(String table) {
        Map<String, String> metrics = lastCommitMetrics(table);
        // A replaceWhere that rewrote files counts the rows it copied over as output too.
        return Long.parseLong(metrics.getOrDefault("numOutputRows", "0"))
                - Long.parseLong(metrics.getOrDefault("numCopiedRows", "0"));
    }

    /** Delta's operation metrics of the table's latest commit (empty when it recorded none). */
    Map<String, String> lastCommitMetrics(String table) {
        Row last = DeltaTable.forPath(spark, path(table)).history(1).select("operationMetrics").first();
        return last.isNullAt(0) ? Map.of() : last.getJavaMap(0);
    }

    /** Deletes the rows matching {@code predicate}, in one commit carrying {@code lineage}. */
    public void delete(String table, String predicate, String lineage) {
        if (NOTHING.equals(predicate) || !exists(table)) {
            return;
        }
        Dataset<Row> none = spark.createDataFrame(List.of(), read(table).schema());
        none.write().format("delta").mode("overwrite").option("replaceWhere", predicate)
                .option("userMetadata", lineage).save(path(table));
    }

    public void append(String table, Dataset<Row> rows, String lineage) {
        ensure(table, rows.schema(), lineage);
        rows.write().format("delta").mode("append").option("userMetadata", lineage).save(path(table));
    }

    /** A SQL string literal. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** {@code column IN (...)} over string literals; {@code false} for an empty set. */
    public static String in(String column, Collection<String> values) {
        if (values.isEmpty()) {
            return NOTHING;
        }
        return column + " IN (" + values.stream().sorted().map(DeltaStore::literal).collect(Collectors.joining(", ")) + ")";
    }
}
