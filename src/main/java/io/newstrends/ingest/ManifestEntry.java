package io.newstrends.ingest;

import java.time.LocalDate;

/**
 * One row of {@code manifest.csv}: what the publisher knows about a file.
 *
 * @param path         path relative to the input root, with {@code /} separators
 * @param source       the paper, e.g. 内蒙古日报
 * @param issueDate    the issue date, or null to let the path or the content decide
 * @param sourceRegion GB/T 2260 code of the paper's home region, or null
 */
public record ManifestEntry(String path, String source, LocalDate issueDate, String sourceRegion) implements java.io.Serializable {
}
