package io.newstrends.ingest;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/** The rows ingestion produces, one record type per table, before Spark sees them. */
public final class Records {

    private Records() {
    }

    /** A row of {@code documents}: one accepted input file. */
    public record DocumentRow(String docId, String sourcePath, String source, LocalDate issueDate, String dateSource,
                              String dateEvidence, String encoding, String sha256, long nBytes, int nChars,
                              int nArticles, String layout, boolean isTraditional, int pinyinRemoved,
                              int mojibakeSpans, int boilerplateLines, List<String> flags) implements Serializable {
    }

    /** A row of {@code quarantine}: a rejected file, or a rejected piece of an accepted one. */
    public record QuarantineRow(String sourcePath, String reason, String detail, String docId, LocalDate issueDate,
                                String sha256, long nBytes, String sample) implements Serializable {
    }

    /** A row of {@code articles}. */
    public record ArticleRow(String articleId, String docId, String sourcePath, String source, LocalDate issueDate,
                             int ordinal, String kind, String kicker, String headline, String subheadline,
                             String byline, String datelinePlace, LocalDate datelineDate, String regionCode,
                             String regionName, String regionSource, String placeCode, String body, int nChars,
                             List<String> flags) implements Serializable {
    }

    /** Everything one input file turned into. */
    public record Processed(DocumentRow document, List<ArticleRow> articles, List<QuarantineRow> quarantine)
            implements Serializable {
    }
}
