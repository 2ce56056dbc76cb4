package io.newstrends.cli;

import io.newstrends.analyze.AnalyzeStage;
import io.newstrends.analyze.AnalyzeStep;
import io.newstrends.config.AppConfig;
import io.newstrends.config.ConfigLoader;
import io.newstrends.config.InvalidConfigException;
import io.newstrends.ingest.IngestStage;
import io.newstrends.ingest.InputFiles;
import io.newstrends.nlp.HanLpTokenizer;
import io.newstrends.nlp.NlpBenchmark;
import io.newstrends.nlp.NlpStage;
import io.newstrends.nlp.SegmentationEval;
import io.newstrends.nlp.Tokenizers;
import io.newstrends.nlp.WordDiscovery;
import io.newstrends.spark.BuildInfo;
import io.newstrends.spark.DateRange;
import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.RunLog;
import io.newstrends.spark.SessionFactory;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one entry point: {@code bin/newstrends <command>} locally, or
 * {@code spark-submit --class io.newstrends.cli.Main <jar> <command>} on a cluster.
 * Results go to stdout, logs and errors to stderr; exit 0 on success, 1 when the work failed,
 * 2 for a bad command line or configuration.
 */
public final class Main {

    static final String USAGE = """
            usage: newstrends <command> [options]

            commands:
              ingest            raw daily issues -> documents, quarantine, articles
              nlp               articles -> article_tokens, terms, entities (HanLP)
              analyze           -> keywords, term_trends, entity_trends, topics, article_topics, topic_trends
              run               ingest + nlp + analyze in one Spark application, then a summary
              sql "<query>"     query any table by its bare name (documents, articles, terms, …)
              discover-words    new-word discovery over the articles of --date/--from/--to -> word_candidates
              eval-seg          score the job's segmenter: --text RAW --gold GOLD (SIGHAN format)
              bench-nlp         raw HanLP speed vs the nlp stage on the same text (--chars, --runs, --eval-dir)
              bench-analyze     analyze of the first day vs one more day after a planted history (--papers, --days, --runs)
              maintain          OPTIMIZE and VACUUM every table (retention: newstrends.maintain.vacuum-retention-hours)
              generate          a planted corpus of real text: --papers P --days D --out DIR [--seed N] [--start DATE]
              version           print the version

            options:
              --input DIR       input root of *.txt issues (default: the embedded sample corpus)
              --warehouse DIR   where the Delta tables live (default: ./warehouse)
              --date YYYY-MM-DD only this issue date; or --from / --to for a range
              --config FILE     HOCON file overriding conf/newstrends.conf
              --format F        sql output: table (default), csv or jsonl
              --refit-topics    analyze, run: fit a new topic model instead of using the latest
              --steps LIST      analyze, run: only these of keywords,trends,topics (the daily aggregates always run)
              --stages LIST     run: only these consecutive stages of ingest,nlp,analyze (e.g. nlp,analyze)
            """;

    /** Issue dates the summary after {@code run} shows at most. */
    static final int SUMMARY_DATES = 7;

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = execute(args, out, err);
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        System.exit(code);
    }

    /** Runs a command; returns the exit code. Leaves the Spark session running for the caller. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        Options options;
        AppConfig config;
        try {
            options = Options.parse(args);
            if (options.command().equals("help")) {
                out.print(USAGE);
                return 0;
            }
            if (options.command().equals("version")) {
                out.println("newstrends " + BuildInfo.version());
                return 0;
            }
            config = ConfigLoader.load(options.config());
            if (options.input() != null) {
                config = config.withInput(options.input());
            }
            if (options.warehouse() != null) {
                config = config.withWarehouse(options.warehouse());
            }
        } catch (Options.UsageException | InvalidConfigException e) {
            err.println("newstrends: " + e.getMessage());
            return 2;
        }
        try {
            if (options.command().equals("eval-seg")) {
                return evalSeg(config, options, out);
            }
            if (options.command().equals("generate")) {
                return generate(options, out);
            }
            SparkSession spark = SessionFactory.create(config.spark());
            DeltaStore store = new DeltaStore(spark, config.warehouse());
            return switch (options.command()) {
                case "sql" -> sql(spark, store, options, out);
                case "ingest", "nlp", "analyze", "run" -> pipeline(spark, store, config, options, args, out);
                case "discover-words" -> discoverWords(spark, store, config, options, args, out);
                case "bench-nlp" -> benchNlp(spark, config, options, out);
                case "bench-analyze" -> benchAnalyze(spark, config, options, out);
                case "maintain" -> maintain(spark, store, config, args, out);
                default -> throw new IllegalStateException(options.command());
            };
        } catch (Exception e) {
            err.println("newstrends: " + options.command() + " failed: " + oneLine(e));
            if (System.getenv("NEWSTRENDS_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** ingest, nlp, analyze, or run (all three): one run log, one Spark application. */
    private static int pipeline(SparkSession spark, DeltaStore store, AppConfig config, Options options, String[] args,
                                PrintStream out) {
        String command = options.command();
        DateRange range = new DateRange(options.from(), options.to());
        RunLog log = RunLog.start(spark, store, command, String.join(" ", args));
        try {
            IngestStage.Result ingest = null;
            boolean run = command.equals("run");
            boolean runsIngest = command.equals("ingest") || run && options.stages().contains(PipelineStage.INGEST);
            boolean runsNlp = command.equals("nlp") || run && options.stages().contains(PipelineStage.NLP);
            boolean runsAnalyze = command.equals("analyze") || run && options.stages().contains(PipelineStage.ANALYZE);
            if (runsIngest) {
                String input = config.input();
                String inputLabel = input;
                if (input == null) {
                    Path sample = Path.of(System.getProperty("java.io.tmpdir"), "newstrends-sample-" + BuildInfo.version());
                    input = InputFiles.extractSample(sample).toString();
                    inputLabel = "embedded sample corpus";
                }
                ingest = IngestStage.run(spark, store, input, config.ingest(), range, log.runId(), log.lineage());
                out.printf("ingest: %d file(s) from %s -> %d document(s), %d article(s), %d file(s) quarantined,"
                                + " %d quarantine row(s)%n", ingest.files(), inputLabel, ingest.documents(),
                        ingest.articles(), ingest.quarantinedFiles(), ingest.quarantineRows());
            }
            NlpStage.Result nlp = null;
            // After an ingest of all dates, the later stages cover exactly the dates that ingest wrote.
            Set<LocalDate> only = ingest != null && range.isAll() ? ingest.issueDates() : null;
            if (runsNlp) {
                nlp = NlpStage.run(spark, store, config.nlp(), range, only, log.lineage());
                out.printf("nlp: %d article(s), %,d characters segmented%n", nlp.articles(), nlp.characters());
            }
            AnalyzeStage.Result analyze = null;
            if (runsAnalyze) {
                analyze = AnalyzeStage.run(spark, store, config.analyze(), range, only, options.steps(),
                        options.refitTopics(), log.runId(), log.lineage());
                out.printf("analyze: %d article(s) on %d date(s) -> %d keyword row(s), %d term trend row(s),"
                                + " %d entity trend row(s); topic model %s%s%n", analyze.articles(),
                        analyze.issueDates().size(), analyze.keywordRows(), analyze.termTrendRows(),
                        analyze.entityTrendRows(), !options.steps().contains(AnalyzeStep.TOPICS) ? "not run (--steps)"
                                : analyze.modelId() == null ? "none (too few articles)" : analyze.modelId(),
                        analyze.refitted() ? " (fitted in this run)" : "");
            }
            List<LocalDate> dates = new ArrayList<>(ingest != null ? ingest.issueDates()
                    : nlp != null ? nlp.issueDates() : analyze.issueDates());
            long articles = ingest != null ? ingest.articles() : nlp != null ? nlp.articles() : analyze.articles();
            log.succeeded(dates, ingest == null ? 0 : ingest.files(), ingest == null ? 0 : ingest.documents(),
                    articles, ingest == null ? 0 : ingest.quarantinedFiles());
            out.printf("newstrends %s %s done; tables in %s%n", command, log.runId(), config.warehouse());
            if (command.equals("run")) {
                summary(spark, store, dates, log.runId(), out);
            }
            return 0;
        } catch (RuntimeException e) {
            log.failed(oneLine(e));
            throw e;
        }
    }

    private static int discoverWords(SparkSession spark, DeltaStore store, AppConfig config, Options options,
                                     String[] args, PrintStream out) {
        DateRange range = new DateRange(options.from(), options.to());
        RunLog log = RunLog.start(spark, store, options.command(), String.join(" ", args));
        try {
            List<Row> candidates = WordDiscovery.run(spark, store, config.discover(), config.nlp(), range, log.runId(),
                    log.lineage());
            log.succeeded(List.of(), 0, 0, 0, 0);
            out.printf("discover-words: %d candidate(s) for %s written to word_candidates%n", candidates.size(), range);
            registerTables(spark, store);
            OutputFormat.write(spark.sql("SELECT word, frequency, round(aggregation, 1) AS aggregation, "
                    + "round(entropy, 2) AS entropy, in_lexicon FROM word_candidates ORDER BY frequency DESC, word LIMIT 20"),
                    "table", out);
            return 0;
        } catch (RuntimeException e) {
            log.failed(oneLine(e));
            throw e;
        }
    }

    private static int maintain(SparkSession spark, DeltaStore store, AppConfig config, String[] args, PrintStream out) {
        RunLog log = RunLog.start(spark, store, "maintain", String.join(" ", args));
        try {
            List<io.newstrends.maintain.Maintenance.TableResult> results = io.newstrends.maintain.Maintenance.run(spark,
                    store, config.maintain(), log.lineage());
            log.succeeded(List.of(), 0, 0, 0, 0);
            out.printf("maintain: %d table(s) compacted and vacuumed (retention %.0f h)%n", results.size(),
                    config.maintain().vacuumRetentionHours());
            out.printf("%-16s %12s %12s %16s %12s %14s%n", "table", "files before", "files after", "files compacted",
                    "files added", "files vacuumed");
            for (var r : results) {
                out.printf("%-16s %12d %12d %16d %12d %14d%n", r.table(), r.filesBefore(), r.filesAfter(),
                        r.filesCompacted(), r.filesAdded(), r.filesDeleted());
            }
            return 0;
        } catch (RuntimeException e) {
            log.failed(oneLine(e));
            throw e;
        }
    }

    private static int generate(Options options, PrintStream out) {
        Options.Generate g = options.generate();
        io.newstrends.generate.Spec spec = io.newstrends.generate.Spec.of(g.out(), g.papers(), g.days(), g.seed());
        if (g.start() != null) {
            spec = spec.withStart(g.start());
        }
        List<Path> rawText = spec.rawTextFiles();
        io.newstrends.generate.Summary s;
        try {
            s = io.newstrends.generate.CorpusGenerator.generate(spec);
        } catch (IllegalArgumentException e) {
            // Without the SIGHAN sentences some planted terms have too few sentences of their own;
            // the plan's complaint alone does not say that the text was missing.
            if (rawText.isEmpty()) {
                throw new IllegalArgumentException(e.getMessage() + "; the SIGHAN raw text was not found at "
                        + noRawTextAt() + " (run from the checkout, beside ../shared)", e);
            }
            throw e;
        }
        out.printf("generate: %d file(s), %,d article(s), %,d characters (%.1f MB) in %.1f s (%.1f MB/s) -> %s%n",
                s.files(), s.articles(), s.characters(), s.bytes() / 1e6, s.seconds(), s.megabytesPerSecond(), s.out());
        // The SIGHAN text is used only where it is found, so say which: the same seed gives another
        // corpus without it.
        out.println(rawText.isEmpty()
                ? "text: the seed issues' paragraphs only; no SIGHAN raw text at " + noRawTextAt()
                        + " (with it, the same seed gives another corpus)"
                : "text: the seed issues' paragraphs and the SIGHAN raw text " + rawText);
        out.printf("planted (%s):%n", io.newstrends.generate.GroundTruth.FILE_NAME);
        for (io.newstrends.generate.GroundTruth t : s.planted()) {
            out.printf("  %s %s in %s from %s to %s, rate %.2f%n", t.kind(), t.name(), t.regionCode(), t.from(), t.to(),
                    t.rate());
        }
        return 0;
    }

    /** Where {@code generate} looked for the SIGHAN text: a path relative to the working directory. */
    private static String noRawTextAt() {
        return io.newstrends.generate.Spec.DEFAULT_RAW_TEXT.get(0).getParent() + " from " + Path.of("").toAbsolutePath();
    }

    private static int benchAnalyze(SparkSession spark, AppConfig config, Options options, PrintStream out)
            throws java.io.IOException {
        Path work = java.nio.file.Files.createTempDirectory("newstrends-bench-analyze-");
        try {
            io.newstrends.analyze.AnalyzeBenchmark.run(spark, config, options.generate(), options.runs(), work, out);
        } finally {
            InputFiles.deleteTree(work);
        }
        return 0;
    }

    private static int evalSeg(AppConfig config, Options options, PrintStream out) throws java.io.IOException {
        HanLpTokenizer tokenizer = Tokenizers.shared(config.nlp());
        SegmentationEval.Scores scores = SegmentationEval.evaluate(tokenizer, options.text(), options.gold());
        out.println(scores);
        return 0;
    }

    private static int benchNlp(SparkSession spark, AppConfig config, Options options, PrintStream out)
            throws java.io.IOException {
        Path evalDir = options.evalDir() != null ? options.evalDir() : Path.of("..", "shared", "eval", "sighan2005");
        Path work = java.nio.file.Files.createTempDirectory("newstrends-bench-");
        try {
            NlpBenchmark.run(spark, config.nlp(), evalDir, options.chars(), options.runs(), work, out);
        } finally {
            InputFiles.deleteTree(work);
        }
        return 0;
    }

    private static void summary(SparkSession spark, DeltaStore store, List<LocalDate> issueDates, String runId,
                                PrintStream out) {
        registerTables(spark, store);
        List<LocalDate> shown = summaryDates(issueDates);
        String dates = shown.isEmpty() ? "false"
                : "issue_date IN (" + shown.stream().map(d -> "DATE'" + d + "'")
                .collect(Collectors.joining(", ")) + ")";
        out.println();
        if (shown.size() < issueDates.size()) {
            out.printf("Summary of the latest %d of %d issue dates (query the rest with `newstrends sql`).%n", shown.size(),
                    issueDates.size());
        }
        out.println("Articles per issue date and region:");
        OutputFormat.write(spark.sql("SELECT issue_date, region_code, region_name, count(*) AS articles, "
                + "count_if(kind <> 'news') AS not_news FROM articles WHERE " + dates
                + " GROUP BY issue_date, region_code, region_name ORDER BY issue_date, region_code"), "table", out);
        if (store.exists(Tables.KEYWORDS)) {
            out.println();
            out.println("Top keywords per issue date and region (TF-IDF):");
            OutputFormat.write(spark.sql("SELECT period_start AS issue_date, region_code, "
                    + "concat_ws('、', slice(transform(sort_array(collect_list(struct(rank, term))), x -> x.term), 1, 8)) AS keywords "
                    + "FROM keywords WHERE scope = 'day_region' AND rank <= 8 AND "
                    + dates.replace("issue_date", "period_start")
                    + " GROUP BY 1, 2 ORDER BY 1, 2"), "table", out);
        }
        if (store.exists(Tables.TOPIC_MODELS)) {
            out.println();
            out.println("Topics of the latest model (label = its top three terms; articles = articles of these dates mainly on it):");
            OutputFormat.write(spark.sql("WITH m AS (SELECT model_id FROM topic_models ORDER BY fitted_at DESC, "
                    + "model_id LIMIT 1) SELECT t.topic_id, t.label, "
                    + "concat_ws('、', slice(transform(sort_array(collect_list(struct(t.rank, t.term))), x -> x.term), 4, 5)) AS more_terms, "
                    + "coalesce(first(s.articles), 0) AS articles "
                    + "FROM topics t JOIN m ON t.model_id = m.model_id LEFT JOIN (SELECT model_id, topic_id, count(*) AS articles "
                    + "FROM article_topics WHERE " + dates + " GROUP BY 1, 2) s ON s.model_id = t.model_id AND s.topic_id = t.topic_id "
                    + "GROUP BY t.topic_id, t.label ORDER BY t.topic_id"), "table", out);
        }
        if (store.exists(Tables.ENTITIES)) {
            out.println();
            out.println("Most mentioned people and places per issue date:");
            OutputFormat.write(spark.sql("SELECT issue_date, entity_type, "
                    + "concat_ws('、', slice(transform(sort_array(collect_list(struct(-n, entity))), x -> x.entity), 1, 5)) AS top "
                    + "FROM (SELECT issue_date, entity_type, entity, sum(mentions) AS n FROM entities WHERE " + dates
                    + " AND entity_type IN ('person', 'place') GROUP BY 1, 2, 3) GROUP BY 1, 2 ORDER BY 1, 2"), "table", out);
        }
        out.println();
        if (!store.exists(Tables.QUARANTINE)) {
            // A warehouse whose articles another program wrote has none (ingest creates it).
            out.println("Quarantined in this run: nothing (the warehouse has no quarantine table; ingest writes it)");
            return;
        }
        out.println("Quarantined in this run:");
        OutputFormat.write(spark.sql("SELECT source_path, reason, detail FROM quarantine WHERE run_id = "
                + DeltaStore.literal(runId) + " ORDER BY source_path, reason"), "table", out);
    }

    /** The dates the summary shows: a backfill covers hundreds, so the summary keeps the latest ones. */
    static List<LocalDate> summaryDates(List<LocalDate> issueDates) {
        return issueDates.stream().sorted().skip(Math.max(0, issueDates.size() - SUMMARY_DATES)).toList();
    }

    private static int sql(SparkSession spark, DeltaStore store, Options options, PrintStream out) {
        List<String> registered = registerTables(spark, store);
        if (registered.isEmpty()) {
            throw new IllegalArgumentException("no tables in warehouse " + store.path("").replaceAll("/$", "")
                    + "; run `newstrends run` or pass --warehouse");
        }
        Dataset<Row> result = spark.sql(options.query());
        OutputFormat.write(result, options.format(), out);
        return 0;
    }

    /** Makes every table of the warehouse queryable by its bare name; returns the names. */
    static List<String> registerTables(SparkSession spark, DeltaStore store) {
        List<String> names = new ArrayList<>();
        for (String table : Tables.ALL) {
            if (store.exists(table)) {
                store.read(table).createOrReplaceTempView(table);
                names.add(table);
            }
        }
        return names;
    }

    /** The first line of an exception's message, with the causes' messages a user needs. */
    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && (root.getMessage() == null
                || root.getMessage().equals(root.getCause().toString()))) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("").strip();
        boolean selfExplaining = root instanceof IllegalArgumentException || root instanceof IllegalStateException
                || root instanceof java.io.UncheckedIOException;
        return selfExplaining && !message.isEmpty() ? message
                : root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
