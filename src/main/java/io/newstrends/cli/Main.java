package io.newstrends.cli;

import io.newstrends.config.AppConfig;
import io.newstrends.config.ConfigLoader;
import io.newstrends.config.InvalidConfigException;
import io.newstrends.ingest.IngestStage;
import io.newstrends.ingest.InputFiles;
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
import java.util.ArrayList;
import java.util.List;
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
              run               the whole pipeline in one Spark application (now: ingest), then a summary
              sql "<query>"     query any table by its bare name (documents, articles, quarantine, runs)
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
            SparkSession spark = SessionFactory.create(config.spark());
            DeltaStore store = new DeltaStore(spark, config.warehouse());
            return switch (options.command()) {
                case "sql" -> sql(spark, store, options, out);
                case "ingest", "run" -> ingest(spark, store, config, options, args, out);
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

    private static int ingest(SparkSession spark, DeltaStore store, AppConfig config, Options options, String[] args,
                              PrintStream out) throws Exception {
        String input = config.input();
        String inputLabel = input;
        if (input == null) {
            Path sample = Path.of(System.getProperty("java.io.tmpdir"), "newstrends-sample-" + BuildInfo.version());
            input = InputFiles.extractSample(sample).toString();
            inputLabel = "embedded sample corpus";
        }
        DateRange range = new DateRange(options.from(), options.to());
        RunLog log = RunLog.start(spark, store, options.command(), String.join(" ", args));
        try {
            IngestStage.Result result = IngestStage.run(spark, store, input, config.ingest(), range, log.runId(),
                    log.lineage());
            log.succeeded(new ArrayList<>(result.issueDates()), result.files(), result.documents(), result.articles(),
                    result.quarantinedFiles());
            out.printf("newstrends %s %s: %d file(s) from %s -> %d document(s), %d article(s), %d file(s) quarantined,"
                            + " %d quarantine row(s); tables in %s%n",
                    options.command(), log.runId(), result.files(), inputLabel, result.documents(), result.articles(),
                    result.quarantinedFiles(), result.quarantineRows(), config.warehouse());
            if (options.command().equals("run")) {
                summary(spark, store, result, log.runId(), out);
            }
            return 0;
        } catch (Exception e) {
            log.failed(oneLine(e));
            throw e;
        }
    }

    private static void summary(SparkSession spark, DeltaStore store, IngestStage.Result result, String runId,
                                PrintStream out) {
        registerTables(spark, store);
        String dates = result.issueDates().isEmpty() ? "false"
                : "issue_date IN (" + result.issueDates().stream().map(d -> "DATE'" + d + "'")
                .collect(Collectors.joining(", ")) + ")";
        out.println();
        out.println("Articles per issue date and region:");
        OutputFormat.write(spark.sql("SELECT issue_date, region_code, region_name, count(*) AS articles, "
                + "count_if(kind <> 'news') AS not_news FROM articles WHERE " + dates
                + " GROUP BY issue_date, region_code, region_name ORDER BY issue_date, region_code"), "table", out);
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
