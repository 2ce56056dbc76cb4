package io.newstrends.spark;

/**
 * How a new table lays out its files. Date-keyed tables are clustered by their date (Delta
 * liquid clustering): a run over many dates writes one file per task instead of one per date and
 * task, and readers still skip files by the date's statistics. A low-cardinality column such as
 * a trend's granularity may partition instead. An existing table keeps the layout it was
 * created with. Each table of the warehouse has one, {@link Tables#layout}.
 *
 * <p>{@code fileOrder}, when set, names a date column that every write sorts its rows by within
 * each task, cutting a new file every {@code fileRows} ({@link DeltaStore#FILE_ROWS}) rows: a backfill then leaves
 * files that each hold a narrow range of dates, so a later run that replaces recent dates finds
 * and rewrites only the files holding them. Without it, every file of a backfill spans all its
 * dates, and the first daily run after it rewrites the whole table (19 M {@code term_trends} rows
 * after 1,056 days of 13 papers).
 */
public record Layout(String column, boolean clustered, String fileOrder, long fileRows) {

    /** Neither clustered nor partitioned. */
    public static final Layout NONE = new Layout(null, false, null, 0);
    /** Clustered by {@code issue_date}: the layout of every table keyed by issue date. */
    public static final Layout BY_ISSUE_DATE = clusteredBy("issue_date");
    /**
     * {@link #BY_ISSUE_DATE}, files cut every {@link DeltaStore#CLUSTERED_FILE_ROWS} rows: {@code terms}
     * and {@code entities}, whose writer puts each task's rows in date order itself.
     */
    public static final Layout BY_ISSUE_DATE_IN_BOUNDED_FILES = BY_ISSUE_DATE.cutEvery(DeltaStore.CLUSTERED_FILE_ROWS);
    /** {@link #BY_ISSUE_DATE}, rows written in date order: the tables {@code analyze} keys by issue date. */
    public static final Layout BY_ISSUE_DATE_IN_ORDER = BY_ISSUE_DATE.orderedBy("issue_date");
    /** Clustered by {@code month}, rows written in month order: the monthly aggregates. */
    public static final Layout BY_MONTH_IN_ORDER = clusteredBy("month").orderedBy("month");
    /** Partitioned by scope, rows written in {@code period_start} order: the keywords. */
    public static final Layout BY_SCOPE_IN_PERIOD_ORDER = partitionedBy("scope").orderedBy("period_start");
    /** Partitioned by granularity, rows written in {@code period_start} order: the trend tables. */
    public static final Layout BY_GRANULARITY_IN_PERIOD_ORDER = partitionedBy("granularity").orderedBy("period_start");

    public static Layout clusteredBy(String column) {
        return new Layout(column, true, null, 0);
    }

    public static Layout partitionedBy(String column) {
        return new Layout(column, false, null, 0);
    }

    /** This layout, with rows written in {@code dateColumn} order and files cut by rows (see above). */
    public Layout orderedBy(String dateColumn) {
        return new Layout(column, clustered, dateColumn, DeltaStore.FILE_ROWS);
    }

    /** This layout, each task's output cut into files of at most {@code rows} rows (0: one file per task). */
    public Layout cutEvery(long rows) {
        return new Layout(column, clustered, fileOrder, rows);
    }

    /** The columns a write sorts by within each task: a partition column first (the writer's own order), then {@code fileOrder}. */
    String[] sortColumns() {
        if (fileOrder == null) {
            return new String[0];
        }
        return column != null && !clustered && !column.equals(fileOrder)
                ? new String[]{column, fileOrder} : new String[]{fileOrder};
    }
}
