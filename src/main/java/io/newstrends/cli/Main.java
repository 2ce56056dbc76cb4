package io.newstrends.cli;

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
              run               ingest + nlp in one Spark application, then a summary
              sql "<query>"     query any table by its bare name (documents, articles, terms, …)
              discover-words    new-word discovery over the articles of --date/--from/--to -> word_candidates
              eval-seg          score the job's segmenter: --text RAW --gold GOLD (SIGHAN format)
              bench-nlp         raw HanLP speed vs the nlp stage on the same text (--chars, --runs, --eval-dir)
              version           print the version

            options:
              --input DIR       input root of *.txt issues (default: the embedded sample corpus)
              --warehouse DIR   where the Delta tables live (default: ./warehouse)
              --date YYYY-MM-DD only this issue date; or --from / --to for a range
              --config FILE     HOCON file overriding conf/newstrends.conf
              --format F        sql output: table (default), csv or jsonl
            """;

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
            SparkSession spark = SessionFactory.create(config.spark());
            DeltaStore store = new DeltaStore(spark, config.warehouse());
            return switch (options.command()) {
                case "sql" -> sql(spark, store, options, out);
                case "ingest", "nlp", "run" -> pipeline(spark, store, config, options, args, out);
                case "discover-words" -> discoverWords(spark, store, config, options, args, out);
                case "bench-nlp" -> benchNlp(spark, config, options, out);
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

    /** ingest, nlp, or run (both): one run log, one Spark application. */
    private static int pipeline(SparkSession spark, DeltaStore store, AppConfig config, Options options, String[] args,
                                PrintStream out) {
        String command = options.command();
        DateRange range = new DateRange(options.from(), options.to());
        RunLog log = RunLog.start(spark, store, command, String.join(" ", args));
        try {
            IngestStage.Result ingest = null;
            if (!command.equals("nlp")) {
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
            if (!command.equals("ingest")) {
                // After an ingest of all dates, nlp covers exactly the dates that ingest wrote.
                Set<LocalDate> only = ingest != null && range.isAll() ? ingest.issueDates() : null;
                nlp = NlpStage.run(spark, store, config.nlp(), range, only, log.lineage());
                out.printf("nlp: %d article(s), %,d characters segmented%n", nlp.articles(), nlp.characters());
            }
            List<LocalDate> dates = new ArrayList<>(ingest != null ? ingest.issueDates()
                    : nlp.issueDates());
            log.succeeded(dates, ingest == null ? 0 : ingest.files(), ingest == null ? 0 : ingest.documents(),
                    ingest != null ? ingest.articles() : nlp.articles(),
                    ingest == null ? 0 : ingest.quarantinedFiles());
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
        NlpBenchmark.run(spark, config.nlp(), evalDir, options.chars(), options.runs(), work, out);
        return 0;
    }

    private static void summary(SparkSession spark, DeltaStore store, List<LocalDate> issueDates, String runId,
                                PrintStream out) {
        registerTables(spark, store);
        String dates = issueDates.isEmpty() ? "false"
                : "issue_date IN (" + issueDates.stream().map(d -> "DATE'" + d + "'")
                .collect(Collectors.joining(", ")) + ")";
        out.println();
        out.println("Articles per issue date and region:");
        OutputFormat.write(spark.sql("SELECT issue_date, region_code, region_name, count(*) AS articles, "
                + "count_if(kind <> 'news') AS not_news FROM articles WHERE " + dates
                + " GROUP BY issue_date, region_code, region_name ORDER BY issue_date, region_code"), "table", out);
        if (store.exists(Tables.ENTITIES)) {
            out.println();
            out.println("Most mentioned people and places per issue date:");
            OutputFormat.write(spark.sql("SELECT issue_date, entity_type, "
                    + "concat_ws('、', slice(transform(sort_array(collect_list(struct(-n, entity))), x -> x.entity), 1, 5)) AS top "
                    + "FROM (SELECT issue_date, entity_type, entity, sum(mentions) AS n FROM entities WHERE " + dates
                    + " AND entity_type IN ('person', 'place') GROUP BY 1, 2, 3) GROUP BY 1, 2 ORDER BY 1, 2"), "table", out);
        }
        out.println();
        out.println("Quarantined in this run:");
        OutputFormat.write(spark.sql("SELECT source_path, reason, detail FROM quarantine WHERE run_id = "
                + DeltaStore.literal(runId) + " ORDER BY source_path, reason"), "table", out);
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
