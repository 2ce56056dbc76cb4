package io.newstrends.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DateSpreadTest {

    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);

    @Test
    void aRunTakesTwoTasksPerCoreAndMoreInRoundsAsItGrows() {
        assertEquals(4, DateSpread.tasksFor(1, 4, 8_000_000));
        assertEquals(4, DateSpread.tasksFor(32_000_000, 4, 8_000_000));
        assertEquals(8, DateSpread.tasksFor(32_000_001, 4, 8_000_000));
        assertEquals(16, DateSpread.tasksFor(101_300_000, 4, 8_000_000));
        assertEquals(200, DateSpread.tasksFor(101_300_000, 200, 8_000_000));
    }

    @Test
    void eachTaskTakesAContiguousRangeOfDatesOfAboutEqualWeight() {
        SortedMap<LocalDate, Long> weights = new TreeMap<>();
        for (int d = 0; d < 100; d++) {
            weights.put(FIRST.plusDays(d), 1_000L + 37L * (d % 7));
        }
        DateSpread spread = DateSpread.of(weights, 8);
        long total = weights.values().stream().mapToLong(Long::longValue).sum();
        long[] taskWeight = new long[8];
        int lastTask = 0;
        for (Map.Entry<LocalDate, Long> e : weights.entrySet()) {
            // 1,000 rows of the date, at fractions spread evenly over [0, 1)
            for (int i = 0; i < 1000; i++) {
                int t = spread.task(e.getKey(), i / 1000.0);
                assertTrue(t >= lastTask, "tasks follow the dates: " + e.getKey() + " in task " + t + " after " + lastTask);
                lastTask = t;
                taskWeight[t] += e.getValue();
            }
        }
        for (long w : taskWeight) {
            double share = w / 1000.0 / total;
            assertTrue(Math.abs(share - 1.0 / 8) < 0.01, "each task about an eighth of the weight: " + share);
        }
        assertEquals(-1, spread.task(FIRST.minusDays(1), 0.5));
    }

    @Test
    void oneDateIsSpreadOverEveryTaskByItsIdsHash() {
        DateSpread spread = DateSpread.of(new TreeMap<>(Map.of(FIRST, 0L)), 4);
        assertEquals(0, spread.task(FIRST, 0.0));
        assertEquals(1, spread.task(FIRST, 0.25));
        assertEquals(2, spread.task(FIRST, 0.74));
        assertEquals(3, spread.task(FIRST, 0.999999));
    }

    @Test
    void keysHashToEachTaskInTurn() {
        for (int tasks : new int[]{1, 2, 4, 16, 997}) {
            int[] keys = DateSpread.hashKeys(tasks);
            Set<Integer> distinct = new HashSet<>();
            for (int t = 0; t < tasks; t++) {
                assertEquals(t, Math.floorMod(org.apache.spark.unsafe.hash.Murmur3_x86_32.hashInt(keys[t], 42), tasks));
                distinct.add(keys[t]);
            }
            assertEquals(tasks, distinct.size());
        }
    }

    /** Spark puts every row in the task the plain-Java spread gives it; the tasks' date ranges do not overlap. */
    @Test
    void sparkPutsEachRowInItsTask() {
        SparkSession spark = SharedSpark.get();
        List<Row> rows = new ArrayList<>();
        SortedMap<LocalDate, Long> weights = new TreeMap<>();
        for (int d = 0; d < 60; d++) {
            LocalDate date = FIRST.plusDays(d);
            int n = 20 + (d * 13) % 31;
            for (int i = 0; i < n; i++) {
                rows.add(RowFactory.create("a-" + d + "-" + i, date, "x"));
            }
            weights.put(date, (long) n);
        }
        StructType schema = new StructType().add("article_id", "string").add("issue_date", "date").add("body", "string");
        DateSpread spread = DateSpread.of(weights, 6);
        Dataset<Row> spreadRows = spread.apply(spark.createDataFrame(rows, schema), "issue_date", "article_id");
        assertEquals(List.of("article_id", "issue_date", "body"), List.of(spreadRows.columns()));
        List<Row> placed = spreadRows.select(col("issue_date"), DateSpread.fraction(col("article_id")),
                spark_partition_id()).collectAsList();
        assertEquals(rows.size(), placed.size());
        LocalDate[] min = new LocalDate[6];
        LocalDate[] max = new LocalDate[6];
        for (Row r : placed) {
            LocalDate date = r.getLocalDate(0);
            int task = r.getInt(2);
            assertEquals(spread.task(date, r.getDouble(1)), task, "row of " + date);
            min[task] = min[task] == null || date.isBefore(min[task]) ? date : min[task];
            max[task] = max[task] == null || date.isAfter(max[task]) ? date : max[task];
        }
        for (int t = 0; t + 1 < 6; t++) {
            assertTrue(min[t] != null && !max[t].isAfter(min[t + 1]), "task " + t + " ends before task " + (t + 1) + " starts");
        }
    }
}
