package io.newstrends.generate;

import io.newstrends.generate.Papers.Paper;
import io.newstrends.ingest.Csv;
import io.newstrends.ingest.Manifest;
import io.newstrends.nlp.NlpSettings;
import io.newstrends.nlp.Tokenizer;
import io.newstrends.nlp.Tokenizers;
import io.newstrends.region.Gazetteer;
import io.newstrends.region.Gazetteers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Writes a planted corpus: daily issues of Inner Mongolian papers made of real text, with term
 * trends and topics planted where {@code ground_truth.csv} says, for testing and benchmarking the
 * pipeline end to end. Plain Java, no Spark.
 *
 * <h2>Layout</h2>
 * <pre>
 * &lt;out&gt;/&lt;paper slug&gt;/&lt;yyyy-MM-dd&gt;.txt   one issue per paper and day, UTF-8
 * &lt;out&gt;/manifest.csv                    path,source,issue_date,source_region
 * &lt;out&gt;/ground_truth.csv                kind,name,region_code,from,to,rate,words,carried
 * </pre>
 * Papers come in {@link Papers}' order: 内蒙古日报 (150000), then one city paper per 盟市
 * (包头日报 150200, 呼和浩特日报 150100, …). Every third paper is printed in hard-wrapped
 * columns with headlines after their bodies, like seed 002; the others one line per paragraph
 * with headlines first, like seed 000. Articles carry what the seeds carry: a headline, sometimes
 * a {@code ——} subtitle and a {@code 本报记者 …} byline, a dateline naming the paper's city or one
 * of its counties ({@code 本报包头3月5日讯（记者 …）}, {@code 本报讯}, {@code 昆都仑区讯}), photo
 * captions ending in {@code 摄}, commentaries by {@code 本报评论员}, {@code ■下转第N版} markers.
 *
 * <h2>Text</h2>
 * Every sentence is real: body paragraphs of the seed issues (cut by the project's own
 * {@link io.newstrends.ingest.DocumentProcessor}) and runs of consecutive sentences of the SIGHAN
 * raw text. Headlines are short first clauses of the article's own sentences. Only text that the
 * splitter reads back unchanged is used, so {@code DocumentProcessor} cuts each file into exactly
 * the articles composed, with their headlines, the file's date and the paper's region.
 *
 * <h2>Planting</h2>
 * A {@link TermTrend} makes a share {@code rate} of the articles of one region's paper in a window
 * carry a real sentence with the term (and {@code background} of all other articles); paragraphs
 * that mention a planted term are otherwise never used, so the term occurs nowhere else. A
 * {@link PlantedTopic} makes a share of a region's articles in a window out of a random subset of
 * one block of related seed paragraphs, which no other article uses. ground_truth.csv lists both;
 * a topic's words are the block's ten most frequent nouns by the project's own segmenter.
 *
 * <h2>Scale and determinism</h2>
 * Issues are composed and written one at a time (a few in parallel), never the corpus at once,
 * so size is bounded only by the disk. Each issue's choices come from a random stream seeded by
 * the spec's seed, the paper and the date: the same spec gives byte-identical files whatever the
 * thread count.
 */
public final class CorpusGenerator {

    private final Spec spec;
    private final Plan plan;
    private final IssueComposer composer;

    /** Reads the sources and resolves the plants, with the shared gazetteer and default segmenter. */
    public CorpusGenerator(Spec spec) {
        this(spec, Gazetteers.shared(), Tokenizers.shared(NlpSettings.defaults()));
    }

    public CorpusGenerator(Spec spec, Gazetteer gazetteer, Tokenizer tokenizer) {
        this.spec = spec;
        SourceText text = SourceText.load(spec.seedIssues(), spec.rawTextFiles(), gazetteer);
        this.plan = Plan.resolve(spec, text, tokenizer);
        this.composer = new IssueComposer(plan, spec.seed(), spec.articlesPerIssue(), gazetteer);
    }

    /** Generates the corpus the spec describes. */
    public static Summary generate(Spec spec) {
        return new CorpusGenerator(spec).write();
    }

    /** What will be planted, as written to ground_truth.csv. */
    public List<GroundTruth> groundTruth() {
        return plan.groundTruth();
    }

    /** The papers of this corpus. */
    public List<Paper> papers() {
        return plan.papers;
    }

    /** The issue of paper {@code paperIndex} on {@code date}, exactly as {@link #write} writes it. */
    public Issue issue(int paperIndex, LocalDate date) {
        return composer.compose(plan.papers.get(paperIndex), date);
    }

    /**
     * Writes every issue, the manifest and the ground truth under the spec's output root, which
     * must be empty or absent (a previous corpus's files would otherwise mix in).
     */
    public Summary write() {
        Path out = spec.out();
        long started = System.nanoTime();
        try {
            prepare(out);
            for (Paper paper : plan.papers) {
                Files.createDirectories(out.resolve(paper.slug()));
            }
            Totals totals = new Totals();
            ExecutorService pool = Executors.newFixedThreadPool(spec.threads(), r -> {
                Thread t = new Thread(r, "corpus-generator");
                t.setDaemon(true);
                return t;
            });
            try (BufferedWriter manifest = Files.newBufferedWriter(out.resolve(Manifest.FILE_NAME), StandardCharsets.UTF_8)) {
                manifest.write("path,source,issue_date,source_region\n");
                // Issues are written by the pool; manifest rows follow in submission order, which
                // is path order. A bounded queue keeps only a few issues in memory.
                Deque<Future<Written>> pending = new ArrayDeque<>();
                for (Paper paper : plan.papers) {
                    for (int d = 0; d < spec.days(); d++) {
                        LocalDate date = spec.start().plusDays(d);
                        pending.add(pool.submit(() -> writeIssue(out, paper, date)));
                        if (pending.size() >= 4 * spec.threads()) {
                            totals.add(await(pending.poll()), manifest);
                        }
                    }
                }
                while (!pending.isEmpty()) {
                    totals.add(await(pending.poll()), manifest);
                }
            } finally {
                pool.shutdownNow();
            }
            List<GroundTruth> planted = plan.groundTruth();
            try (BufferedWriter truth = Files.newBufferedWriter(out.resolve(GroundTruth.FILE_NAME), StandardCharsets.UTF_8)) {
                truth.write(GroundTruth.HEADER + "\n");
                for (GroundTruth row : planted) {
                    truth.write(row.csvLine() + "\n");
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Summary(out, totals.files, totals.articles, totals.characters, totals.bytes, totals.termArticles,
                    totals.topicArticles, planted, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the corpus to " + out + ": " + e.getMessage(), e);
        }
    }

    private static void prepare(Path out) throws IOException {
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new IllegalArgumentException("output " + out + " is not a directory");
            }
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("output " + out + " is not empty; generate into a new directory");
                }
            }
        }
        Files.createDirectories(out);
    }

    private Written writeIssue(Path out, Paper paper, LocalDate date) throws IOException {
        Issue issue = composer.compose(paper, date);
        byte[] bytes = issue.text().getBytes(StandardCharsets.UTF_8);
        Files.write(out.resolve(issue.path()), bytes);
        long terms = issue.articles().stream().filter(a -> !a.terms().isEmpty()).count();
        long topics = issue.articles().stream().filter(a -> a.topic() != null).count();
        return new Written(issue.path(), paper, date, issue.articles().size(), issue.text().length(), bytes.length,
                terms, topics);
    }

    private static Written await(Future<Written> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private record Written(String path, Paper paper, LocalDate date, int articles, long characters, long bytes,
                           long termArticles, long topicArticles) {
    }

    private static final class Totals {
        int files;
        long articles;
        long characters;
        long bytes;
        long termArticles;
        long topicArticles;

        void add(Written w, BufferedWriter manifest) throws IOException {
            manifest.write(String.join(",", Csv.quote(w.path()), Csv.quote(w.paper().name()), w.date().toString(),
                    w.paper().regionCode()));
            manifest.write('\n');
            files++;
            articles += w.articles();
            characters += w.characters();
            bytes += w.bytes();
            termArticles += w.termArticles();
            topicArticles += w.topicArticles();
        }
    }
}
