package io.newstrends.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What to generate. Build one with {@link #of} and change it with the {@code with…} methods.
 *
 * @param out              output root; issues go to {@code <out>/<paper slug>/<yyyy-MM-dd>.txt}
 * @param papers           how many papers, 1..13, taken in {@link Papers}' order
 * @param days             how many consecutive issue days
 * @param start            the first issue date (default 2024-01-01)
 * @param seed             seeds every random choice: equal specs give byte-identical corpora
 * @param articlesPerIssue articles per issue on average (default 8); each issue varies it by up to ±2
 * @param seedIssues       a directory of real issues (with an optional manifest.csv) whose articles
 *                         give paragraphs, headlines and topic blocks; null for the embedded sample corpus
 * @param rawText          raw-text files of one sentence or paragraph per line (SIGHAN {@code *_test.utf8});
 *                         null for {@link #DEFAULT_RAW_TEXT} where present, empty for none
 * @param trends           planted term trends; null for defaults derived from the seed, empty for none
 * @param topics           planted topics; null for defaults derived from the seed, empty for none
 * @param threads          issues composed at once; the output does not depend on it
 */
public record Spec(Path out, int papers, int days, LocalDate start, long seed, int articlesPerIssue,
                   Path seedIssues, List<Path> rawText, List<TermTrend> trends, List<PlantedTopic> topics,
                   int threads) {

    public static final LocalDate DEFAULT_START = LocalDate.of(2024, 1, 1);
    public static final int DEFAULT_ARTICLES_PER_ISSUE = 8;
    public static final List<Path> DEFAULT_RAW_TEXT = List.of(
            Path.of("../shared/eval/sighan2005/pku_test.utf8"),
            Path.of("../shared/eval/sighan2005/msr_test.utf8"));

    public Spec {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(start, "start");
        Papers.first(papers);
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, not " + days);
        }
        if (articlesPerIssue < 1) {
            throw new IllegalArgumentException("articles per issue must be at least 1, not " + articlesPerIssue);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        rawText = rawText == null ? null : List.copyOf(rawText);
        trends = trends == null ? null : List.copyOf(trends);
        topics = topics == null ? null : List.copyOf(topics);
    }

    /** A spec with every default: 2024-01-01, 8 articles per issue, sample corpus, SIGHAN text, default plants. */
    public static Spec of(Path out, int papers, int days, long seed) {
        return new Spec(out, papers, days, DEFAULT_START, seed, DEFAULT_ARTICLES_PER_ISSUE, null, null, null, null,
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    public Spec withStart(LocalDate value) {
        return new Spec(out, papers, days, value, seed, articlesPerIssue, seedIssues, rawText, trends, topics, threads);
    }

    public Spec withArticlesPerIssue(int value) {
        return new Spec(out, papers, days, start, seed, value, seedIssues, rawText, trends, topics, threads);
    }

    public Spec withSeedIssues(Path value) {
        return new Spec(out, papers, days, start, seed, articlesPerIssue, value, rawText, trends, topics, threads);
    }

    public Spec withRawText(List<Path> value) {
        return new Spec(out, papers, days, start, seed, articlesPerIssue, seedIssues, value, trends, topics, threads);
    }

    public Spec withTrends(List<TermTrend> value) {
        return new Spec(out, papers, days, start, seed, articlesPerIssue, seedIssues, rawText, value, topics, threads);
    }

    public Spec withTopics(List<PlantedTopic> value) {
        return new Spec(out, papers, days, start, seed, articlesPerIssue, seedIssues, rawText, trends, value, threads);
    }

    public Spec withThreads(int value) {
        return new Spec(out, papers, days, start, seed, articlesPerIssue, seedIssues, rawText, trends, topics, value);
    }

    /** The last issue date. */
    public LocalDate end() {
        return start.plusDays(days - 1L);
    }

    /** The raw-text files to read: the given ones (each must exist), or the default ones that exist. */
    public List<Path> rawTextFiles() {
        if (rawText == null) {
            return DEFAULT_RAW_TEXT.stream().filter(Files::isRegularFile).toList();
        }
        for (Path p : rawText) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("raw text file " + p + " does not exist");
            }
        }
        return rawText;
    }

    static void checkShare(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1, not " + value);
        }
    }
}
