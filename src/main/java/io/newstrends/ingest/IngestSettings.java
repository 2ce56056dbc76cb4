package io.newstrends.ingest;

import java.io.Serializable;

/**
 * Limits that decide when an input file is rejected rather than read.
 *
 * @param maxFileBytes files larger than this are quarantined as {@code too_large}
 * @param maxLineChars a line longer than this is not newspaper text ({@code line_too_long})
 * @param sampleChars  how much of a rejected file's text the quarantine row keeps
 */
public record IngestSettings(long maxFileBytes, int maxLineChars, int sampleChars) implements Serializable {

    public static IngestSettings defaults() {
        return new IngestSettings(64L * 1024 * 1024, 100_000, 200);
    }
}
