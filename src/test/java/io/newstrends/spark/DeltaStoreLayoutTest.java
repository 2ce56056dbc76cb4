package io.newstrends.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.newstrends.ingest.InputFiles;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table layouts: date-clustered tables, a many-date write's file count, and old partitioned tables kept as they are. */
class DeltaStoreLayoutTest {

    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType).add("issue_date", DataTypes.DateType).add("n", DataTypes.IntegerType);

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SharedSpark.get();
    }

    /** One row per day for {@code days} days from 2024-01-01, spread over two tasks. */
    private static Dataset<Row> days(int days, int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate d = LocalDate.of(2024, 1, 1).plusDays(i);
            rows.add(RowFactory.create("a" + i, Date.valueOf(d), n));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(2);
    }

    private static long dataFiles(Path table) throws Exception {
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log")).count();
        }
    }

    private static Row detail(DeltaStore store, String table) {
        return DeltaTable.forPath(spark, store.path(table)).detail().select("partitionColumns", "clusteringColumns").first();
    }

    @Test
    void aRelativeWarehouseIsResolvedAgainstTheWorkingDirectory() throws Exception {
        // The default warehouse is the relative "warehouse"; Delta's table builder once read
        // "warehouse/t" as a table name and refused it, so every first write failed.
        Path relative = Path.of("target", "relative-warehouse-" + System.nanoTime());
        try {
            DeltaStore store = new DeltaStore(spark, relative + "/");
            store.replaceWhere("t", days(3, 1), "true", Layout.BY_ISSUE_DATE, "{}");
            assertTrue(new org.apache.hadoop.fs.Path(store.path("t")).isAbsolute(), store.path("t"));
            assertTrue(Files.isDirectory(relative.toAbsolutePath().resolve("t").resolve("_delta_log")));
            assertEquals(3, new DeltaStore(spark, relative.toString()).read("t").count());
            assertEquals(List.of("issue_date"), detail(store, "t").getList(1));
        } finally {
            InputFiles.deleteTree(relative);
        }
    }

    @Test
    void aNewDateTableIsClusteredAndAManyDateWriteTakesOneFilePerTask(@TempDir Path tmp) throws Exception {
        DeltaStore store = new DeltaStore(spark, tmp.toString());
        store.replaceWhere("t", days(60, 1), "true", Layout.BY_ISSUE_DATE, "{\"run\":\"r1\"}");
        // Creating the clustered table and filling it are two commits; both carry the lineage.
        assertEquals(List.of("{\"run\":\"r1\"}", "{\"run\":\"r1\"}"),
                DeltaTable.forPath(spark, store.path("t")).history().select("userMetadata")
                        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        assertEquals(null, spark.conf().get("spark.databricks.delta.commitInfo.userMetadata", null));

        Row detail = detail(store, "t");
        assertEquals(List.of(), detail.getList(0));
        assertEquals(List.of("issue_date"), detail.getList(1));
        // Partitioned by date this would be 60 files, one per date.
        assertTrue(dataFiles(tmp.resolve("t")) <= 2, "files: " + dataFiles(tmp.resolve("t")));

        // Replacing one date rewrites that date only, and a reader filtering by date sees just it.
        Dataset<Row> newDay = spark.createDataFrame(List.of(RowFactory.create("b", Date.valueOf("2024-01-10"), 2)), SCHEMA);
        store.replaceWhere("t", newDay, "issue_date = DATE'2024-01-10'", Layout.BY_ISSUE_DATE, "{}");
        assertEquals(60, store.read("t").count());
        assertEquals(List.of("b"), store.read("t").where("issue_date = DATE'2024-01-10'").select("id").as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList());
        assertEquals(59, store.read("t").where("n = 1").count());
    }

    @Test
    void aClusteredTableKeepsFileStatisticsOfItsClusteringColumnOnly(@TempDir Path tmp) throws Exception {
        DeltaStore store = new DeltaStore(spark, tmp.toString());
        store.replaceWhere("t", days(10, 1), "true", Layout.BY_ISSUE_DATE, "{}");
        Row detail = DeltaTable.forPath(spark, store.path("t")).detail().select("properties").first();
        assertEquals("issue_date", detail.getJavaMap(0).get(DeltaStore.STATS_COLUMNS));

        // Every file written records its row count and the min/max of issue_date, and nothing of id or n.
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> stats = new ArrayList<>();
        try (Stream<Path> log = Files.list(tmp.resolve("t/_delta_log"))) {
            for (Path commit : log.filter(p -> p.toString().endsWith(".json")).toList()) {
                for (String line : Files.readAllLines(commit)) {
                    JsonNode add = json.readTree(line).get("add");
                    if (add != null) {
                        stats.add(json.readTree(add.get("stats").asText()));
                    }
                }
            }
        }
        assertTrue(!stats.isEmpty());
        for (JsonNode file : stats) {
            assertTrue(file.get("numRecords").asLong() > 0, file.toString());
            assertEquals(List.of("issue_date"), fieldNames(file.get("minValues")), file.toString());
            assertEquals(List.of("issue_date"), fieldNames(file.get("maxValues")), file.toString());
        }
        assertEquals(1, store.read("t").where("issue_date = DATE'2024-01-05'").count());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * A backfill's rows in date order, files cut every {@link DeltaStore#FILE_ROWS} rows: replacing
     * the last week rewrites the files holding it, not the whole history as it does when every
     * file spans all dates.
     */
    @Test
    void filesOrderedByDateLetAReplacementOfRecentDatesRewriteOnlyTheirFiles(@TempDir Path tmp) {
        DeltaStore store = new DeltaStore(spark, tmp.toString());
        // 250 days x 1,000 rows, hashed over two tasks: each task holds every date, in no order.
        Dataset<Row> history = spark.range(250_000).selectExpr("concat('a', id) AS id",
                "date_add(DATE'2024-01-01', CAST(id % 250 AS INT)) AS issue_date", "1 AS n").repartition(2);
        Layout ordered = Layout.BY_ISSUE_DATE_IN_ORDER;
        store.replaceWhere("ordered", history, "true", ordered, "{}");
        store.replaceWhere("plain", history, "true", Layout.BY_ISSUE_DATE, "{}");

        String lastWeek = "issue_date >= DATE'2024-09-01'";   // days 244-249 of the 250
        Dataset<Row> redone = history.where(lastWeek).selectExpr("id", "issue_date", "2 AS n");
        store.replaceWhere("ordered", redone, lastWeek, ordered, "{}");
        store.replaceWhere("plain", redone, lastWeek, Layout.BY_ISSUE_DATE, "{}");

        for (String table : List.of("ordered", "plain")) {
            assertEquals(250_000, store.read(table).count(), table);
            assertEquals(6_000, store.read(table).where("n = 2").count(), table);
        }
        // Two tasks of 125,000 rows: files of 100,000 and 25,000 rows each, the smaller one at the
        // end of the dates; only those two hold the last week.
        long orderedCopied = copiedRows(store, "ordered");
        long plainCopied = copiedRows(store, "plain");
        assertTrue(orderedCopied <= 2 * 25_000, "ordered: " + orderedCopied + " rows rewritten");
        assertEquals(250_000 - 6_000, plainCopied, "plain: every file holds the last week");
        // What a stage reports as written: the week's rows, not the rows Delta copied over.
        assertEquals(6_000, store.lastCommitRows("plain"));
        assertEquals(6_000, store.lastCommitRows("ordered"));
    }

    /** Rows Delta copied into new files (rewritten, not replaced) in the table's latest commit. */
    private static long copiedRows(DeltaStore store, String table) {
        return Long.parseLong(store.lastCommitMetrics(table).getOrDefault("numCopiedRows", "-1"));
    }

    @Test
    void aTableCreatedPartitionedKeepsItsPartitions(@TempDir Path tmp) {
        DeltaStore store = new DeltaStore(spark, tmp.toString());
        days(5, 1).write().format("delta").partitionBy("issue_date").save(store.path("old"));

        Dataset<Row> redo = spark.createDataFrame(List.of(RowFactory.create("c", Date.valueOf("2024-01-03"), 3)), SCHEMA);
        store.replaceWhere("old", redo, "issue_date = DATE'2024-01-03'", Layout.BY_ISSUE_DATE, "{}");

        assertEquals(List.of("issue_date"), detail(store, "old").getList(0));
        assertEquals(5, store.read("old").count());
        assertEquals(3, store.read("old").where("issue_date = DATE'2024-01-03'").first().getInt(2));
    }

    @Test
    void aLowCardinalityColumnCanStillPartition(@TempDir Path tmp) {
        DeltaStore store = new DeltaStore(spark, tmp.toString());
        store.ensure("g", SCHEMA, Layout.partitionedBy("id"), "{}");
        assertEquals(List.of("id"), detail(store, "g").getList(0));
    }
}
