package io.newstrends.analyze;

import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Tables;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Term and entity trends per day, ISO week and month, for each region and for all regions.
 *
 * <p>For a period p, region r and term t: {@code count} occurrences, {@code docs} articles
 * containing t, {@code articles} articles of r in p, and {@code share = docs / articles}, so a
 * busy day does not look like a trend. The baseline is the previous {@code baseline-*} periods
 * in which r had articles (a term absent there has share 0): mean μ and standard deviation σ
 * of its shares; the {@code baseline-gap-*} periods just before p are left out, so a burst's
 * later periods are compared with the time before it (fewer where that would leave fewer than
 * {@code min-baseline-periods} and a shorter gap would not: at the start of a history). With the baseline rate
 * {@code ρ = max((μ·A + ½) / (A + 1), (μ·A + m·μₐ + ½) / (A + m + 1))} (A: the baseline's articles;
 * μₐ: the term's baseline mean in all regions; m: {@code burst-prior-articles}),
 * {@code zscore = (share − μ) / max(σ, min-sd, √(ρ(1 − ρ) / articles))}, left empty with fewer
 * than {@code min-baseline-periods} baseline periods; {@code is_burst} when zscore ≥
 * {@code burst-z}, docs ≥ {@code burst-min-docs} and P(X ≥ docs) ≤ {@code burst-max-p} for
 * X ~ Binomial(articles, ρ): with thousands of terms tested per period, a normal z alone flags
 * chance all the time. A burst spreads to the quieter periods of its story: within
 * {@code burst-continue-*} periods of a burst, before or after it, a period of the subject with
 * zscore above 0 and P(X ≥ docs) ≤ {@code burst-continue-max-p} is a burst too. And a week's
 * burst spreads to its days: a day of a week that is a burst by its own test is a burst when its
 * zscore ≥ {@code burst-z}, docs ≥ {@code burst-week-day-min-docs} and P(X ≥ docs) ≤
 * {@code burst-continue-max-p}.
 *
 * <p>A run recomputes the periods holding its dates, and the periods before them that their
 * bursts can spread to, from the rows of those periods, their neighbours and their baselines
 * only: daily rows for days and weeks (about two months of them), monthly rows for months,
 * whatever the history.
 */
final class Trends {

    private Trends() {
    }

    /**
     * Rewrites {@code table} for the run's periods.
     *
     * @param daily  {@code term_daily} or {@code entity_daily}
     * @param monthly {@code term_monthly} or {@code entity_monthly}
     * @param keys   the columns naming a trend's subject (term; entity and entity_type)
     * @param extras columns carried along, the value of the most frequent row (pos; entity_region_code)
     */
    static long write(DeltaStore store, AnalyzeSettings.Trends settings, RunSlice slice, String dailyTable,
                      String monthlyTable, String table, StructType schema, List<String> keys, List<String> extras, String lineage) {
        List<String> replaced = new ArrayList<>();
        Map<Granularity, SortedSet<LocalDate>> periods = new EnumMap<>(Granularity.class);
        for (Granularity g : Granularity.values()) {
            int leadIn = settings.leadInPeriods(g);
            SortedSet<LocalDate> computed = withLeadIn(slice.computedPeriods(g), g, leadIn);
            replaced.add("(granularity = '" + g.label() + "' AND "
                    + (leadIn == 0 ? slice.periodPredicate(g) : RunSlice.dateIn("period_start", computed)) + ")");
            periods.put(g, computed);
        }
        Dataset<Row> rows = periodTrends(store.read(dailyTable), store.read(monthlyTable), store.read(Tables.ARTICLE_DAILY),
                store.read(Tables.ARTICLE_MONTHLY), periods, settings, keys, extras);
        store.replaceWhere(table, Tables.conform(rows, schema), String.join(" OR ", replaced), lineage);
        long written = store.lastCommitRows(table);
        store.ensure(table, schema, lineage);
        return written;
    }

    /**
     * Trend rows of the given periods of every granularity, from the rows of those periods and
     * their baselines: daily rows for days and weeks, monthly rows for months. The articles per
     * period and region are few and summed on the driver; the subjects' rows are spread by subject
     * in one shuffle, and each subject's trends, every granularity and region of it, come from
     * {@link SubjectTrends} in one pass over its sorted rows.
     */
    static Dataset<Row> periodTrends(Dataset<Row> daily, Dataset<Row> monthly, Dataset<Row> articleDaily,
                                     Dataset<Row> articleMonthly, Map<Granularity, SortedSet<LocalDate>> periods,
                                     AnalyzeSettings.Trends settings, List<String> keys, List<String> extras) {
        Map<Granularity, SubjectTrends.Span> spans = SubjectTrends.spans(periods, settings);
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("no periods to compute");
        }
        LocalDate from = null;
        LocalDate to = null;
        LocalDate monthFrom = null;
        LocalDate monthTo = null;
        for (Map.Entry<Granularity, SubjectTrends.Span> e : spans.entrySet()) {
            SubjectTrends.Span span = e.getValue();
            if (e.getKey() == Granularity.MONTH) {
                monthFrom = span.from();
                monthTo = span.to();
            } else {
                from = from == null || span.from().isBefore(from) ? span.from() : from;
                to = to == null || span.to().isAfter(to) ? span.to() : to;
            }
        }
        List<SubjectTrends.Observation> articleRows = new ArrayList<>();
        for (Row r : inputs(articleDaily, articleMonthly, from, to, monthFrom, monthTo)
                .select("issue_date", "is_month", "region_code", "articles").collectAsList()) {
            articleRows.add(new SubjectTrends.Observation(r.getAs(0), r.getBoolean(1), r.getString(2), r.getLong(3), 0,
                    new String[0]));
        }
        SubjectTrends subjectTrends = new SubjectTrends(periods, settings,
                SubjectTrends.periodArticles(articleRows, periods, settings, Tables.ALL_REGIONS), Tables.ALL_REGIONS);

        List<Column> columns = new ArrayList<>();
        keys.forEach(k -> columns.add(col(k)));
        for (String c : List.of("issue_date", "is_month", "region_code", "count", "docs")) {
            columns.add(col(c));
        }
        extras.forEach(e -> columns.add(col(e)));
        Column[] subject = keys.stream().map(k -> col(k)).toArray(Column[]::new);
        int nKeys = keys.size();
        int nExtras = extras.size();
        StructType schema = outputSchema(keys, extras);
        return inputs(daily, monthly, from, to, monthFrom, monthTo).select(columns.toArray(new Column[0]))
                .repartition(subject).sortWithinPartitions(subject)
                .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new SubjectGroups(rows, nKeys, nExtras, subjectTrends),
                        ExpressionEncoder.apply(schema));
    }

    /** The columns of {@link #periodTrends}' rows: those of the trend tables, subject and extras after the region. */
    private static StructType outputSchema(List<String> keys, List<String> extras) {
        List<StructField> subject = new ArrayList<>();
        keys.forEach(k -> subject.add(DataTypes.createStructField(k, DataTypes.StringType, false)));
        extras.forEach(e -> subject.add(DataTypes.createStructField(e, DataTypes.StringType, true)));
        return Tables.trendSchema(subject.toArray(new StructField[0]));
    }

    /**
     * The trend rows of a partition whose rows are sorted by subject: one subject's rows are
     * gathered, its trends computed and handed out, then the next subject's.
     */
    private static final class SubjectGroups implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final int nKeys;
        private final int nExtras;
        private final SubjectTrends trends;
        private Row pending;
        private Iterator<Row> current = java.util.Collections.emptyIterator();

        SubjectGroups(Iterator<Row> rows, int nKeys, int nExtras, SubjectTrends trends) {
            this.rows = rows;
            this.nKeys = nKeys;
            this.nExtras = nExtras;
            this.trends = trends;
            this.pending = rows.hasNext() ? rows.next() : null;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && pending != null) {
                current = nextSubject();
            }
            return current.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return current.next();
        }

        private Iterator<Row> nextSubject() {
            Object[] subject = new Object[nKeys];
            for (int i = 0; i < nKeys; i++) {
                subject[i] = pending.get(i);
            }
            List<SubjectTrends.Observation> observations = new ArrayList<>();
            while (pending != null && sameSubject(pending, subject)) {
                Row r = pending;
                String[] extras = new String[nExtras];
                for (int i = 0; i < nExtras; i++) {
                    extras[i] = r.getString(nKeys + 5 + i);
                }
                observations.add(new SubjectTrends.Observation(r.getAs(nKeys), r.getBoolean(nKeys + 1), r.getString(nKeys + 2),
                        r.getLong(nKeys + 3), r.getLong(nKeys + 4), extras));
                pending = rows.hasNext() ? rows.next() : null;
            }
            List<Row> out = new ArrayList<>();
            for (SubjectTrends.TrendRow t : trends.trends(observations)) {
                Object[] values = new Object[4 + nKeys + nExtras + 9];
                int i = 0;
                values[i++] = t.granularity().label();
                values[i++] = t.periodStart();
                values[i++] = t.granularity().end(t.periodStart());
                values[i++] = t.region();
                for (Object k : subject) {
                    values[i++] = k;
                }
                for (String e : t.extras()) {
                    values[i++] = e;
                }
                values[i++] = t.count();
                values[i++] = t.docs();
                values[i++] = t.articles();
                values[i++] = t.share();
                values[i++] = t.baselinePeriods();
                values[i++] = t.baselineMean();
                values[i++] = t.baselineSd();
                values[i++] = t.zscore();
                values[i] = t.burst();
                out.add(RowFactory.create(values));
            }
            return out.iterator();
        }

        private boolean sameSubject(Row r, Object[] subject) {
            for (int i = 0; i < subject.length; i++) {
                if (!java.util.Objects.equals(r.get(i), subject[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * {@code periods} and the {@code leadIn} periods before each: a burst in a run's periods can make
     * bursts of the periods just before them, which the run therefore computes again.
     */
    static SortedSet<LocalDate> withLeadIn(SortedSet<LocalDate> periods, Granularity g, int leadIn) {
        SortedSet<LocalDate> result = new TreeSet<>(periods);
        for (LocalDate p : periods) {
            for (int i = 1; i <= leadIn; i++) {
                result.add(g.minus(p, i));
            }
        }
        return result;
    }

    /**
     * The daily rows of [from, to] and the monthly rows of [monthFrom, monthTo] (as rows dated the
     * month's first day), told apart by {@code is_month}.
     */
    private static Dataset<Row> inputs(Dataset<Row> daily, Dataset<Row> monthly, LocalDate from, LocalDate to,
                                       LocalDate monthFrom, LocalDate monthTo) {
        Dataset<Row> days = from == null ? daily.limit(0) : daily.where(col("issue_date").between(from, to));
        Dataset<Row> months = monthFrom == null ? monthly.limit(0) : monthly.where(col("month").between(monthFrom, monthTo));
        return days.withColumn("is_month", lit(false))
                .unionByName(months.withColumnRenamed("month", "issue_date").withColumn("is_month", lit(true)));
    }
}
