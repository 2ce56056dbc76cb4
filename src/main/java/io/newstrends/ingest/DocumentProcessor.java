package io.newstrends.ingest;

import io.newstrends.article.ArticleSplitter;
import io.newstrends.article.NormalizedDocument;
import io.newstrends.article.SplitArticle;
import io.newstrends.article.TextNormalizer;
import io.newstrends.ingest.Records.ArticleRow;
import io.newstrends.ingest.Records.DocumentRow;
import io.newstrends.ingest.Records.Processed;
import io.newstrends.ingest.Records.QuarantineRow;
import io.newstrends.region.Gazetteer;
import io.newstrends.region.Region;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns one input file into its rows: a document and its articles, or a quarantine row
 * saying why not. Plain Java, so the Spark stage only maps it over files.
 *
 * <p>Every file ends in exactly one of {@code documents} or {@code quarantine}; an accepted
 * file may add quarantine rows for pieces it could not place (an orphan headline block).
 */
public final class DocumentProcessor {

    public static final String REGION_DATELINE = "dateline";
    public static final String REGION_SOURCE = "source";
    public static final String REGION_DEFAULT = "default";

    private final Gazetteer gazetteer;
    private final IngestSettings settings;

    public DocumentProcessor(Gazetteer gazetteer, IngestSettings settings) {
        this.gazetteer = gazetteer;
        this.settings = settings;
    }

    /**
     * Processes one file.
     *
     * @param relativePath path below the input root, {@code /}-separated; part of the stable ids
     * @param bytes        the file's content
     * @param entry        its manifest row, or null
     */
    public Processed process(String relativePath, byte[] bytes, ManifestEntry entry) {
        String sha256 = sha256Hex(bytes);
        String source = entry != null && entry.source() != null ? entry.source() : sourceFromPath(relativePath);
        Optional<IssueDate> known = knownDate(relativePath, entry);
        LocalDate knownDate = known.map(IssueDate::date).orElse(null);

        if (bytes.length > settings.maxFileBytes()) {
            return rejected(relativePath, "too_large", bytes.length + " bytes is over the limit of "
                    + settings.maxFileBytes(), knownDate, sha256, bytes.length, null);
        }
        DecodedText decoded = EncodingDetector.decode(bytes);
        if (decoded.rejection() != null) {
            return rejected(relativePath, decoded.rejection().reason(), decoded.rejection().detail(), knownDate,
                    sha256, bytes.length, null);
        }
        int longest = longestLine(decoded.text());
        if (longest > settings.maxLineChars()) {
            return rejected(relativePath, "line_too_long", "a line of " + longest + " characters (limit "
                    + settings.maxLineChars() + ")", knownDate, sha256, bytes.length, decoded.text());
        }
        NormalizedDocument normalized = TextNormalizer.normalize(decoded.text());
        if (!hasHan(normalized.text())) {
            String why = normalized.boilerplateLines() > 0
                    ? "only boilerplate: " + normalized.boilerplateLines() + " line(s) removed, no Chinese text left"
                    : "no Chinese text in " + decoded.text().length() + " characters";
            return rejected(relativePath, "no_content", why, knownDate, sha256, bytes.length, decoded.text());
        }
        Optional<IssueDate> issue = known.or(() -> ContentDates.infer(normalized.text()));
        if (issue.isEmpty()) {
            return rejected(relativePath, "undated", "no issue date in manifest, path or text; add a manifest.csv row",
                    null, sha256, bytes.length, normalized.text());
        }
        LocalDate issueDate = issue.get().date();
        String docId = docId(relativePath, sha256);
        ArticleSplitter.Result split = ArticleSplitter.split(normalized.text());

        String sourceRegion = entry != null ? entry.sourceRegion() : null;
        List<ArticleRow> articles = new ArrayList<>();
        for (SplitArticle a : split.articles()) {
            articles.add(articleRow(docId, relativePath, source, issueDate, sourceRegion, a));
        }
        List<QuarantineRow> quarantine = new ArrayList<>();
        for (String orphan : split.orphanHeaders()) {
            quarantine.add(new QuarantineRow(relativePath, "orphan_headline",
                    "a headline block with no body next to it (its report continues elsewhere)", docId, issueDate,
                    sha256, bytes.length, orphan));
        }
        List<String> flags = new ArrayList<>();
        if (normalized.traditional()) {
            flags.add("traditional");
        }
        if (normalized.mojibakeSpans() > 0 || decoded.replacementChars() > 0) {
            flags.add("mojibake");
        }
        if (normalized.boilerplateLines() > 0) {
            flags.add("boilerplate_removed");
        }
        if (normalized.repeatedLines() > 0) {
            flags.add("repeated_lines_removed");
        }
        if (articles.isEmpty()) {
            flags.add("no_articles");
            quarantine.add(new QuarantineRow(relativePath, "no_articles", "text found but no article could be cut from it",
                    docId, issueDate, sha256, bytes.length, sample(normalized.text())));
        }
        String layout = (split.headlinesAfterBodies() ? "headline_after_body" : "headline_before_body")
                + (split.columnWidth() > 0 ? ";column_width=" + split.columnWidth() : "");
        DocumentRow document = new DocumentRow(docId, relativePath, source, issueDate, issue.get().source(),
                issue.get().evidence(), decoded.encoding(), sha256, bytes.length, normalized.text().length(),
                articles.size(), layout, normalized.traditional(), normalized.pinyinAnnotations(),
                normalized.mojibakeSpans() + decoded.replacementChars(), normalized.boilerplateLines(), flags);
        return new Processed(document, articles, quarantine);
    }

    /** Manifest first, then the path: the dates that are known without reading the file. */
    public static Optional<IssueDate> knownDate(String relativePath, ManifestEntry entry) {
        if (entry != null && entry.issueDate() != null) {
            return Optional.of(new IssueDate(entry.issueDate(), "manifest", "manifest.csv row for " + entry.path()));
        }
        return PathDates.fromPath(relativePath).map(d -> new IssueDate(d, "path", relativePath));
    }

    private ArticleRow articleRow(String docId, String path, String source, LocalDate issueDate, String sourceRegion,
                                  SplitArticle a) {
        Region place = a.datelinePlace() == null ? null : gazetteer.resolve(a.datelinePlace()).orElse(null);
        Region region;
        String regionSource;
        if (place != null) {
            region = gazetteer.prefectureOf(place);
            regionSource = REGION_DATELINE;
        } else if (sourceRegion != null) {
            region = gazetteer.prefectureOf(gazetteer.byCode(sourceRegion).orElseThrow());
            regionSource = REGION_SOURCE;
        } else {
            region = gazetteer.autonomousRegion();
            regionSource = REGION_DEFAULT;
        }
        String placeCode = place != null ? place.code() : region.code();
        return new ArticleRow(docId + "-" + String.format("%03d", a.ordinal()), docId, path, source, issueDate,
                a.ordinal(), a.kind(), a.kicker(), a.headline(), a.subheadline(), a.byline(), a.datelinePlace(),
                datelineDate(issueDate, a.datelineMonth(), a.datelineDay()), region.code(), region.name(),
                regionSource, placeCode, a.body(), a.body().length(), a.flags());
    }

    /** A dateline's month and day in the issue's year; December datelines in a January issue are last year's. */
    static LocalDate datelineDate(LocalDate issueDate, Integer month, Integer day) {
        if (month == null || day == null) {
            return null;
        }
        int year = issueDate.getYear();
        if (month > issueDate.getMonthValue() + 1) {
            year--;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    private Processed rejected(String path, String reason, String detail, LocalDate date, String sha256, long nBytes,
                               String text) {
        return new Processed(null, List.of(),
                List.of(new QuarantineRow(path, reason, detail, null, date, sha256, nBytes, sample(text))));
    }

    private String sample(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        return s.length() <= settings.sampleChars() ? s : s.substring(0, settings.sampleChars());
    }

    /** Stable id of a document: its path below the input root and its content. */
    public static String docId(String relativePath, String sha256) {
        return sha256Hex((relativePath + "\u0000" + sha256).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** The first folder of the path names the paper when no manifest does. */
    /**
     * The paper a file belongs to when no manifest says so: its first folder that is not a date,
     * so {@code 2021-04-02/内蒙古日报/a.txt}, {@code 内蒙古日报/2021/04/02/a.txt} and
     * {@code date=2021-04-02/内蒙古日报/a.txt} all name 内蒙古日报 (daily landing folders are dated).
     */
    static String sourceFromPath(String relativePath) {
        String[] parts = relativePath.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (!parts[i].isEmpty() && !DATE_FOLDER.matcher(parts[i]).matches()) {
                return parts[i];
            }
        }
        return "unknown";
    }

    /** A folder named only by a date or a part of one: 2021-04-02, 20210402, date=2021-04-02, 2021, 04. */
    private static final Pattern DATE_FOLDER = Pattern.compile("(?:(?:date|dt|issue_date)=)?[0-9][0-9._-]*");

    private static int longestLine(String text) {
        int longest = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                longest = Math.max(longest, i - start);
                start = i + 1;
            }
        }
        return longest;
    }

    private static boolean hasHan(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.UnicodeScript.of(s.charAt(i)) == Character.UnicodeScript.HAN) {
                return true;
            }
        }
        return false;
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
