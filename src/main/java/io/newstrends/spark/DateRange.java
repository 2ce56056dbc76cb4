package io.newstrends.spark;

import java.io.Serializable;
import java.time.LocalDate;

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

    @Override
    public String toString() {
        if (isAll()) {
            return "all dates";
        }
        return (from == null ? "…" : from.toString()) + " to " + (to == null ? "…" : to.toString());
    }
}
