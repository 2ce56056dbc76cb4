package io.newstrends.ingest;

import java.time.LocalDate;

/**
 * An issue date and where it came from.
 *
 * @param date     the issue date
 * @param source   {@code manifest}, {@code path} or {@code content}
 * @param evidence the text that gave it away ({@code 本报4月1日讯 ×13; year 2021 ×4}, a path, a manifest row)
 */
public record IssueDate(LocalDate date, String source, String evidence) {
}
