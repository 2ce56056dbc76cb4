package io.newstrends.spark;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The issue dates a run touches: {@code --date D}, or {@code --from/--to} (either may be open),
 * or everything when both ends are null.
 */
public record DateRange(LocalDate from, LocalDate to) implements Serializable {

    public static DateRange all() {
        return new DateRange(null, null);
    }

    public boolean contains(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }

    public boolean isBounded() {
        return from != null && to != null;
    }

    public boolean isAll() {
        return from == null && to == null;
    }

    /** SQL condition on {@code issue_date} selecting the range ({@code true} for all dates). */
    public String sqlFilter() {
        List<String> parts = new ArrayList<>();
        if (from != null) {
            parts.add("issue_date >= DATE'" + from + "'");
        }
        if (to != null) {
            parts.add("issue_date <= DATE'" + to + "'");
        }
        // Two comparisons rather than BETWEEN: Delta cannot resolve BETWEEN in replaceWhere.
        return parts.isEmpty() ? "true" : String.join(" AND ", parts);
    }

    /**
     * The slice of a date-partitioned table a run owns: the whole range when it is bounded (so a
     * date whose input disappeared is emptied), else the dates the run found.
     */
    public String ownedSlice(Set<LocalDate> found) {
        if (isBounded()) {
            return sqlFilter();
        }
        if (found.isEmpty()) {
            return DeltaStore.NOTHING;
        }
        return "issue_date IN (" + found.stream().sorted().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String toString() {
        if (isAll()) {
            return "all dates";
        }
        return (from == null ? "…" : from.toString()) + " to " + (to == null ? "…" : to.toString());
    }
}
