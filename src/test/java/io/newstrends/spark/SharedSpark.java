package io.newstrends.spark;

import io.newstrends.config.AppConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one Spark session every test shares: local[2], two shuffle partitions, no UI, Delta on.
 * Built through the production {@link SessionFactory}, so tests run the session users get.
 */
public final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SessionFactory.create(new AppConfig.SparkSettings("newstrends-tests", "local[2]", Map.of(
                    "spark.sql.shuffle.partitions", "2",
                    "spark.default.parallelism", "2",
                    "spark.ui.enabled", "false",
                    "spark.sql.session.timeZone", "UTC",
                    "spark.databricks.delta.snapshotPartitions", "2",
                    "spark.driver.host", "127.0.0.1",
                    "spark.driver.bindAddress", "127.0.0.1")));
        }
        return session;
    }

    /** Collected rows as sorted strings, for order-insensitive comparison; columns may be dropped. */
    public static List<String> sortedRows(Dataset<Row> df, String... dropColumns) {
        Dataset<Row> kept = df.drop(dropColumns);
        List<String> rows = new ArrayList<>();
        for (Row r : kept.collectAsList()) {
            rows.add(rowString(r));
        }
        rows.sort(null);
        return rows;
    }

    private static String rowString(Row r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            Object v = r.get(i);
            if (v instanceof scala.collection.Seq<?> seq) {
                List<Object> items = new ArrayList<>();
                seq.foreach(items::add);
                v = items;
            } else if (v instanceof Object[] arr) {
                v = Arrays.asList(arr);
            }
            sb.append(i == 0 ? "" : "|").append(v);
        }
        return sb.toString();
    }
}
