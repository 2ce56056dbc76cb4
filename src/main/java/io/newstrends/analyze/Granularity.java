package io.newstrends.analyze;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** Trend periods: a day, an ISO week (starting Monday) or a calendar month, named by their first day. */
public enum Granularity {
    DAY, WEEK, MONTH;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The first day of the period holding {@code date}. */
    public LocalDate start(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** The last day of the period starting at {@code start}. */
    public LocalDate end(LocalDate start) {
        return switch (this) {
            case DAY -> start;
            case WEEK -> start.plusDays(6);
            case MONTH -> start.plusMonths(1).minusDays(1);
        };
    }

    /** The start of the period {@code n} periods before the one starting at {@code start}. */
    public LocalDate minus(LocalDate start, int n) {
        return switch (this) {
            case DAY -> start.minusDays(n);
            case WEEK -> start.minusWeeks(n);
            case MONTH -> start.minusMonths(n);
        };
    }

    /** A period's position on a line of consecutive periods, for range windows. */
    public long index(LocalDate start) {
        return switch (this) {
            case DAY -> start.toEpochDay();
            case WEEK -> Math.floorDiv(start.toEpochDay() - 4, 7); // 1970-01-05 was a Monday
            case MONTH -> ChronoUnit.MONTHS.between(LocalDate.of(1970, 1, 1), start);
        };
    }

    /** SQL expression of the period start of the date column {@code column}. */
    String sqlStart(String column) {
        return switch (this) {
            case DAY -> column;
            case WEEK -> "date_trunc('week', " + column + ")::date";
            case MONTH -> "trunc(" + column + ", 'MM')";
        };
    }

    /** SQL expression of {@link #end} for the period-start column {@code column}. */
    String sqlEnd(String column) {
        return switch (this) {
            case DAY -> column;
            case WEEK -> "date_add(" + column + ", 6)";
            case MONTH -> "last_day(" + column + ")";
        };
    }
}
