package io.newstrends.generate;

import io.newstrends.article.Dateline;
import io.newstrends.article.DatelineParser;
import io.newstrends.article.TextNormalizer;
import io.newstrends.ingest.DocumentProcessor;
import io.newstrends.ingest.IngestSettings;
import io.newstrends.ingest.InputFiles;
import io.newstrends.ingest.Manifest;
import io.newstrends.ingest.Records.ArticleRow;
import io.newstrends.ingest.Records.Processed;
import io.newstrends.region.Gazetteer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real text a corpus is made of: the articles of the seed issues, cut by the project's own
 * {@link DocumentProcessor}, and the sentences of raw-text files (SIGHAN), normalized by the
 * project's own {@link TextNormalizer}. Only paragraphs that pass {@link TextRules#isBodyParagraph}
 * are kept, so everything here can be laid out again and read back unchanged.
 */
final class SourceText {

    /** A seed article: its titles and its reusable body paragraphs, the dateline cut off the first. */
    record SeedArticle(String source, String headline, String kicker, String subheadline, List<String> paragraphs) {

        /** Headline, kicker and subheadline together, for matching a topic's name. */
        String titles() {
            return String.join(" ", headline == null ? "" : headline, kicker == null ? "" : kicker,
                    subheadline == null ? "" : subheadline);
        }
    }

    /** Raw lines are grouped into paragraphs of a few consecutive sentences, cycling through these sizes. */
    private static final int[] GROUP_SIZES = {3, 2, 4, 2, 3, 5};
    private static final int RAW_LINE_MAX_CHARS = 300;
    private static final int RAW_PARAGRAPH_MAX_CHARS = 420;

    final List<SeedArticle> seedArticles;
    /** Qualifying raw lines in file order; a null entry marks a gap (a line that did not qualify, or a new file). */
    final List<String> rawLines;
    /** Raw lines grouped into paragraphs. */
    final List<String> rawParagraphs;

    private SourceText(List<SeedArticle> seedArticles, List<String> rawLines) {
        this.seedArticles = List.copyOf(seedArticles);
        this.rawLines = rawLines;
        this.rawParagraphs = group(rawLines);
    }

    static SourceText load(Path seedIssues, List<Path> rawFiles, Gazetteer gazetteer) {
        List<SeedArticle> seeds = seedIssues == null ? embeddedSeeds(gazetteer) : seeds(seedIssues, gazetteer);
        if (seeds.stream().allMatch(a -> a.paragraphs().isEmpty())) {
            throw new IllegalArgumentException("the seed issues hold no reusable body paragraph");
        }
        List<String> raw = new ArrayList<>();
        for (Path file : rawFiles) {
            raw.add(null);
            raw.addAll(rawLines(file));
        }
        return new SourceText(seeds, raw);
    }

    /** Every reusable paragraph, seed paragraphs first, then raw lines, for finding sentences with a term. */
    Stream<String> allParagraphs() {
        return Stream.concat(seedArticles.stream().flatMap(a -> a.paragraphs().stream()),
                rawLines.stream().filter(l -> l != null));
    }

    private static List<SeedArticle> embeddedSeeds(Gazetteer gazetteer) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("newstrends-seeds-");
            return seeds(InputFiles.extractSample(dir), gazetteer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the sample corpus: " + e.getMessage(), e);
        } finally {
            InputFiles.deleteTree(dir);
        }
    }

    private static List<SeedArticle> seeds(Path dir, Gazetteer gazetteer) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("seed issues " + dir + " is not a directory");
        }
        DocumentProcessor processor = new DocumentProcessor(gazetteer, IngestSettings.defaults());
        List<SeedArticle> out = new ArrayList<>();
        try {
            Manifest manifest = Manifest.empty();
            Path manifestFile = dir.resolve(Manifest.FILE_NAME);
            if (Files.isRegularFile(manifestFile)) {
                try (Reader reader = Files.newBufferedReader(manifestFile, StandardCharsets.UTF_8)) {
                    manifest = Manifest.read(reader, gazetteer);
                }
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".txt"))
                        .sorted(Comparator.comparing(p -> dir.relativize(p).toString().replace('\\', '/')))
                        .toList();
            }
            for (Path file : files) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                Processed processed = processor.process(relative, Files.readAllBytes(file),
                        manifest.find(relative).orElse(null));
                for (ArticleRow a : processed.articles()) {
                    out.add(new SeedArticle(relative, a.headline(), a.kicker(), a.subheadline(), paragraphs(a.body())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed issues in " + dir + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no article found in the seed issues in " + dir);
        }
        return out;
    }

    /** Body paragraphs fit for reuse; the first loses its dateline, since a generated article writes its own. */
    static List<String> paragraphs(String body) {
        List<String> out = new ArrayList<>();
        String[] parts = body.split("\n");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (i == 0) {
                Optional<Dateline> dateline = DatelineParser.parse(p);
                if (dateline.isPresent()) {
                    p = p.substring(Math.min(p.length(), dateline.get().length())).strip();
                }
            }
            if (TextRules.isBodyParagraph(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<String> rawLines(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read raw text " + file + ": " + e.getMessage(), e);
        }
        List<String> out = new ArrayList<>();
        for (String line : TextNormalizer.normalize(text).text().split("\n")) {
            String s = line.strip();
            out.add(s.length() <= RAW_LINE_MAX_CHARS && TextRules.isBodyParagraph(s) ? s : null);
        }
        return out;
    }

    /** Consecutive qualifying lines make a paragraph: sentences that followed each other in the source. */
    private static List<String> group(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int size = 0;
        int cycle = 0;
        for (String line : lines) {
            boolean full = size >= GROUP_SIZES[cycle % GROUP_SIZES.length]
                    || current.length() + (line == null ? 0 : line.length()) > RAW_PARAGRAPH_MAX_CHARS;
            if (line == null || full) {
                if (size > 0) {
                    out.add(current.toString());
                    cycle++;
                }
                current.setLength(0);
                size = 0;
            }
            if (line != null) {
                current.append(line);
                size++;
            }
        }
        if (size > 0) {
            out.add(current.toString());
        }
        return out;
    }
}
