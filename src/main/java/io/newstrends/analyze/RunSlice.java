package io.newstrends.analyze;

import io.newstrends.spark.DateRange;
import io.newstrends.spark.DeltaStore;

import java.time.LocalDate;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What one analyze run owns: the issue dates it found, the SQL condition on {@code issue_date}
 * of the slice it replaces (a bounded range owns every date in it, so a date whose articles
 * disappeared is emptied), and the weeks and months that slice touches.
 */
record RunSlice(SortedSet<LocalDate> dates, String predicate, SortedSet<LocalDate> weeks,
                SortedSet<LocalDate> months) {

    static RunSlice of(DateRange range, Collection<LocalDate> found, String predicate) {
        SortedSet<LocalDate> dates = new TreeSet<>(found);
        SortedSet<LocalDate> weeks = new TreeSet<>();
        SortedSet<LocalDate> months = new TreeSet<>();
        for (LocalDate d : dates) {
            weeks.add(Granularity.WEEK.start(d));
            months.add(Granularity.MONTH.start(d));
        }
        if (range.isBounded() && !DeltaStore.NOTHING.equals(predicate)) {
            for (LocalDate d = Granularity.WEEK.start(range.from()); !d.isAfter(range.to()); d = d.plusWeeks(1)) {
                weeks.add(d);
            }
            for (LocalDate d = Granularity.MONTH.start(range.from()); !d.isAfter(range.to()); d = d.plusMonths(1)) {
                months.add(d);
            }
        }
        return new RunSlice(dates, predicate, weeks, months);
    }

    boolean isEmpty() {
        return DeltaStore.NOTHING.equals(predicate);
    }

    /** The periods of granularity {@code g} whose rows the run computes (those holding a found date). */
    SortedSet<LocalDate> computedPeriods(Granularity g) {
        return dates.stream().map(g::start).collect(Collectors.toCollection(TreeSet::new));
    }

    /** SQL condition on {@code period_start} selecting the periods of {@code g} the run replaces. */
    String periodPredicate(Granularity g) {
        return switch (g) {
            case DAY -> predicate.replace("issue_date", "period_start");
            case WEEK -> dateIn("period_start", weeks);
            case MONTH -> dateIn("period_start", months);
        };
    }

    static String dateIn(String column, Collection<LocalDate> values) {
        if (values.isEmpty()) {
            return DeltaStore.NOTHING;
        }
        return column + " IN (" + values.stream().sorted().map(d -> "DATE'" + d + "'")
                .collect(Collectors.joining(", ")) + ")";
    }
}
