package io.newstrends.spark;

/**
 * How a new table lays out its files. Date-keyed tables are clustered by their date (Delta
 * liquid clustering): a run over many dates writes one file per task instead of one per date and
 * task, and readers still skip files by the date's statistics. A low-cardinality column such as
 * a trend's granularity may partition instead. An existing table keeps the layout it was
 * created with.
 */
public record Layout(String column, boolean clustered) {

    /** Neither clustered nor partitioned. */
    public static final Layout NONE = new Layout(null, false);
    /** Clustered by {@code issue_date}: the layout of every table keyed by issue date. */
    public static final Layout BY_ISSUE_DATE = clusteredBy("issue_date");

    public static Layout clusteredBy(String column) {
        return new Layout(column, true);
    }

    public static Layout partitionedBy(String column) {
        return new Layout(column, false);
    }
}
