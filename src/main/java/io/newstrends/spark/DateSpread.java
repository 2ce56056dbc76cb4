package io.newstrends.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

/**
 * Spreads a run's rows over tasks so that each task holds one contiguous range of dates, of about
 * the same weight (characters) as every other task. Each task writes its own file, so the files
 * of a backfill each hold a narrow range of dates, and a later rerun of one past date finds and
 * rewrites only the file or two that hold it. Spread by hashing ids alone, every file of a
 * backfill held every date, and a rerun of any one date rewrote the whole table.
 *
 * <p>Lay the dates end to end, each as long as its weight; a row of date d sits at
 * {@code start(d) + f × weight(d)}, where {@code f} in [0, 1) comes from a hash of its id; task
 * {@code t} takes the positions in {@code [t, t + 1) × total / tasks}. A date heavier than a task
 * (a daily run of one date) is spread over several tasks by the hash, as before.
 */
public final class DateSpread implements Serializable {

    /** Hash values are cut to this many steps for the fraction f. */
    private static final int FRACTION_STEPS = 1 << 20;
    private static final String DATE = "_spread_date";
    private static final String START = "_spread_start";
    private static final String WEIGHT = "_spread_weight";
    private static final String KEY = "_spread_key";

    private final LocalDate[] dates;
    private final long[] starts;
    private final long[] weights;
    private final long total;
    private final int tasks;

    private DateSpread(LocalDate[] dates, long[] starts, long[] weights, long total, int tasks) {
        this.dates = dates;
        this.starts = starts;
        this.weights = weights;
        this.total = total;
        this.tasks = tasks;
    }

    /**
     * The spread of dates of the given weights over {@code tasks} tasks. A date of weight 0 still
     * counts as 1, so that every date has a place.
     */
    public static DateSpread of(SortedMap<LocalDate, Long> weightByDate, int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be at least 1: " + tasks);
        }
        int n = weightByDate.size();
        LocalDate[] dates = new LocalDate[n];
        long[] starts = new long[n];
        long[] weights = new long[n];
        long total = 0;
        int i = 0;
        for (Map.Entry<LocalDate, Long> e : weightByDate.entrySet()) {
            dates[i] = e.getKey();
            starts[i] = total;
            weights[i] = Math.max(1, e.getValue());
            total += weights[i];
            i++;
        }
        return new DateSpread(dates, starts, weights, Math.max(1, total), tasks);
    }

    /**
     * How many tasks a run of {@code totalWeight} takes: a multiple of {@code minTasks} (two per
     * core, so no core idles at the end), each of at most about {@code weightPerTask}.
     */
    public static int tasksFor(long totalWeight, int minTasks, long weightPerTask) {
        long rounds = Math.max(1, (totalWeight + (long) minTasks * weightPerTask - 1) / ((long) minTasks * weightPerTask));
        return (int) Math.min(Integer.MAX_VALUE / 2, rounds * minTasks);
    }

    public int tasks() {
        return tasks;
    }

    /** The task of a row of {@code date} whose id gives the fraction {@code f} in [0, 1); -1 for a date not spread. */
    public int task(LocalDate date, double f) {
        int i = Arrays.binarySearch(dates, date);
        if (i < 0) {
            return -1;
        }
        double position = starts[i] + f * weights[i];
        return (int) Math.min(tasks - 1, Math.floor(position * tasks / total));
    }

    /**
     * {@code rows} repartitioned into {@link #tasks()} tasks as above, by {@code dateColumn} and a
     * hash of {@code idColumn}; same columns. Rows of a date not in the spread go to task 0.
     */
    public Dataset<Row> apply(Dataset<Row> rows, String dateColumn, String idColumn) {
        List<Row> shares = new ArrayList<>(dates.length);
        for (int i = 0; i < dates.length; i++) {
            shares.add(RowFactory.create(dates[i], starts[i], weights[i]));
        }
        StructType schema = new StructType().add(DATE, DataTypes.DateType).add(START, DataTypes.LongType)
                .add(WEIGHT, DataTypes.LongType);
        Dataset<Row> shareTable = rows.sparkSession().createDataFrame(shares, schema);
        Column position = col(START).plus(fraction(col(idColumn)).multiply(col(WEIGHT)));
        Column task = coalesce(least(lit(tasks - 1), floor(position.multiply(tasks).divide(total)).cast("int")), lit(0));
        Column[] keys = Arrays.stream(hashKeys(tasks)).mapToObj(k -> lit(k)).toArray(Column[]::new);
        Column[] original = Arrays.stream(rows.columns()).map(c -> rows.col(c)).toArray(Column[]::new);
        return rows.join(broadcast(shareTable), rows.col(dateColumn).equalTo(col(DATE)), "left")
                .withColumn(KEY, element_at(array(keys), task.plus(1)))
                .repartition(tasks, col(KEY))
                .select(original);
    }

    /** The fraction f in [0, 1) of a row's id: where in its date the row sits. */
    public static Column fraction(Column id) {
        return pmod(hash(id), lit(FRACTION_STEPS)).divide(FRACTION_STEPS);
    }

    /**
     * For each task t, an int whose hash partition among {@code tasks} is t. Spark's
     * {@code repartition(n, column)} puts a row in partition {@code pmod(murmur3(value, 42), n)};
     * repartitioning by these keys puts each row in exactly the task chosen for it.
     */
    static int[] hashKeys(int tasks) {
        int[] keys = new int[tasks];
        boolean[] found = new boolean[tasks];
        int missing = tasks;
        for (int k = 0; missing > 0; k++) {
            int t = Math.floorMod(Murmur3_x86_32.hashInt(k, 42), tasks);
            if (!found[t]) {
                found[t] = true;
                keys[t] = k;
                missing--;
            }
        }
        return keys;
    }
}
