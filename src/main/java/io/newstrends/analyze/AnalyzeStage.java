package io.newstrends.analyze;

import io.newstrends.spark.DateRange;
import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.SideBySide;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

/**
 * The {@code analyze} stage: {@code article_tokens}, {@code terms}, {@code entities} ->
 * {@code keywords}, {@code term_trends}, {@code entity_trends}, {@code topics},
 * {@code article_topics}, {@code topic_trends}.
 *
 * <p>Each step is read -> transform -> write and replaces exactly the slice it owns, in this
 * order: the daily aggregates of the run's dates, then keywords, trends and topics computed from
 * those aggregates. Every step is a function of the tables, so a run killed after any step and
 * run again ends where a clean run ends.
 */
public final class AnalyzeStage {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyzeStage.class);

    private AnalyzeStage() {
    }

    /** What a run of the stage did. */
    public record Result(Set<LocalDate> issueDates, long articles, long keywordRows, long termTrendRows,
                         long entityTrendRows, String modelId, boolean refitted) {
    }

    /**
     * Analyses the dates of {@code range} found in {@code article_tokens}, or exactly
     * {@code onlyDates} when given (what the nlp stage of the same run just wrote).
     */
    public static Result run(SparkSession spark, DeltaStore store, AnalyzeSettings settings, DateRange range,
                             Set<LocalDate> onlyDates, boolean refitTopics, String runId, String lineage) {
        return run(spark, store, settings, range, onlyDates, AnalyzeStep.ALL, refitTopics, runId, lineage);
    }

    /** As above, running only {@code steps} after the daily aggregates; a skipped step reports 0 rows. */
    public static Result run(SparkSession spark, DeltaStore store, AnalyzeSettings settings, DateRange range,
                             Set<LocalDate> onlyDates, Set<AnalyzeStep> steps, boolean refitTopics, String runId,
                             String lineage) {
        if (!store.exists(Tables.ARTICLE_TOKENS) || !store.exists(Tables.TERMS)) {
            throw new IllegalStateException("no article_tokens/terms in the warehouse; run `newstrends nlp` first");
        }
        RunSlice slice = slice(store, range, onlyDates);
        if (slice.isEmpty()) {
            return new Result(Set.of(), 0, 0, 0, 0, null, false);
        }
        long t0 = System.nanoTime();
        DailyAggregates.write(store, settings.keywords(), slice, steps.contains(AnalyzeStep.TRENDS), lineage);
        Row total = store.read(Tables.ARTICLE_DAILY).where(slice.predicate())
                .agg(org.apache.spark.sql.functions.sum("articles")).first();
        long articles = total.isNullAt(0) ? 0 : total.getLong(0);
        if (slice.dates().isEmpty()) {
            // A bounded range that lost all its input: the aggregates are emptied; so are the rest.
            emptySlice(store, slice, lineage);
            return new Result(Set.of(), 0, 0, 0, 0, null, false);
        }
        long t1 = System.nanoTime();
        // Keywords, both trend tables and topics read only the daily aggregates and write tables of
        // their own, so they run side by side: one step's driver work (planning, Delta commits)
        // overlaps another's tasks.
        long[] timings = new long[4];
        Object[] results = inParallel(
                step(steps, AnalyzeStep.KEYWORDS, 0L,
                        () -> timed(timings, 0, () -> Keywords.write(spark, store, settings.keywords(), slice, lineage))),
                step(steps, AnalyzeStep.TRENDS, 0L, () -> timed(timings, 1, () -> Trends.write(store, settings.trends(),
                        slice, Tables.TERM_DAILY, Tables.TERM_MONTHLY, Tables.TERM_TRENDS, Tables.TERM_TRENDS_SCHEMA,
                        List.of("term"), List.of("pos"), lineage))),
                step(steps, AnalyzeStep.TRENDS, 0L, () -> timed(timings, 2, () -> Trends.write(store, settings.trends(),
                        slice, Tables.ENTITY_DAILY, Tables.ENTITY_MONTHLY, Tables.ENTITY_TRENDS,
                        Tables.ENTITY_TRENDS_SCHEMA, List.of("entity", "entity_type"), List.of("entity_region_code"),
                        lineage))),
                step(steps, AnalyzeStep.TOPICS, new Topics.Outcome(null, false, new java.util.TreeSet<>()),
                        () -> timed(timings, 3, () -> Topics.write(spark, store, settings, slice, refitTopics, runId,
                                lineage))));
        Topics.Outcome topics = (Topics.Outcome) results[3];
        LOG.info("analyze: {} date(s): aggregates {} ms, then side by side: keywords {} ms, term trends {} ms,"
                        + " entity trends {} ms, topics {} ms{}; {} ms in all", slice.dates().size(), ms(t1 - t0),
                ms(timings[0]), ms(timings[1]), ms(timings[2]), ms(timings[3]),
                topics.refitted() ? " (model " + topics.modelId() + " fitted)" : "", ms(System.nanoTime() - t0));
        return new Result(slice.dates(), articles, (Long) results[0], (Long) results[1], (Long) results[2],
                topics.modelId(), topics.refitted());
    }

    /** The step's work when it was asked for, else a result saying it wrote nothing. */
    private static Callable<?> step(Set<AnalyzeStep> steps, AnalyzeStep step, Object skipped, Callable<?> work) {
        return steps.contains(step) ? work : () -> skipped;
    }

    /** The dates the run covers, found in {@code article_tokens}. */
    static RunSlice slice(DeltaStore store, DateRange range, Set<LocalDate> onlyDates) {
        String filter = onlyDates == null ? range.sqlFilter() : DateRange.all().ownedSlice(onlyDates);
        if (DeltaStore.NOTHING.equals(filter)) {
            return RunSlice.of(range, Set.of(), DeltaStore.NOTHING);
        }
        Set<LocalDate> dates = new TreeSet<>();
        for (Row r : store.read(Tables.ARTICLE_TOKENS).where(filter).groupBy("issue_date").agg(count(lit(1)))
                .collectAsList()) {
            dates.add(r.getAs(0));
        }
        String predicate = onlyDates == null ? range.ownedSlice(dates) : filter;
        return RunSlice.of(range, dates, predicate);
    }

    /** Deletes the keyword and trend rows of a bounded slice that has no articles any more. */
    private static void emptySlice(DeltaStore store, RunSlice slice, String lineage) {
        for (String table : List.of(Tables.KEYWORDS, Tables.TERM_TRENDS, Tables.ENTITY_TRENDS, Tables.ARTICLE_TOPICS)) {
            if (store.exists(table)) {
                String predicate = table.equals(Tables.ARTICLE_TOPICS) ? slice.predicate()
                        : slice.periodPredicate(Granularity.DAY);
                store.delete(table, predicate, lineage);
            }
        }
    }

    private static <T> T timed(long[] timings, int slot, Callable<T> step) throws Exception {
        long start = System.nanoTime();
        try {
            return step.call();
        } finally {
            timings[slot] = System.nanoTime() - start;
        }
    }

    /** Runs the steps on threads of their own and waits for all of them (see {@link SideBySide#all}). */
    static Object[] inParallel(Callable<?>... steps) {
        return SideBySide.all("newstrends-analyze", steps.length, List.of(steps)).toArray();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
