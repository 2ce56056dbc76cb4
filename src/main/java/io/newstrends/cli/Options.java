package io.newstrends.cli;

import io.newstrends.analyze.AnalyzeStep;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parsed command line: {@code <command> [options] [query]}. Unknown options and bad values are
 * usage errors, reported in one line.
 *
 * @param command   ingest, run, sql, help or version
 * @param input     --input DIR, or null
 * @param warehouse --warehouse DIR, or null
 * @param date      --date, or null
 * @param from      --from, or null
 * @param to        --to, or null
 * @param config    --config FILE, or null
 * @param format    --format for sql: table, csv or jsonl
 * @param query     the SQL text for sql, or null
 * @param text      --text RAW for eval-seg, or null
 * @param gold      --gold GOLD for eval-seg, or null
 * @param evalDir   --eval-dir for bench-nlp (SIGHAN raw text), or null
 * @param chars     --chars for bench-nlp: size of the benchmark text
 * @param runs      --runs for bench-nlp: timed runs of each measure
 * @param refitTopics --refit-topics for analyze and run: fit a new topic model
 * @param steps     --steps for analyze and run: the analyze steps after the daily aggregates
 * @param stages    --stages for run: the stages it chains (all three unless given)
 * @param generate  --papers, --days, --out, --seed, --start for generate (and bench-analyze)
 */
public record Options(String command, String input, String warehouse, LocalDate date, LocalDate from, LocalDate to,
                      Path config, String format, String query, Path text, Path gold, Path evalDir, long chars,
                      int runs, boolean refitTopics, Set<AnalyzeStep> steps, Set<PipelineStage> stages,
                      Generate generate) {

    /** Options of {@code generate}: a planted corpus of {@code papers} papers over {@code days} days. */
    public record Generate(int papers, int days, Path out, long seed, LocalDate start) {
    }

    public static final List<String> COMMANDS = List.of("ingest", "nlp", "analyze", "run", "sql", "discover-words", "eval-seg",
            "bench-nlp", "bench-analyze", "generate", "maintain", "help", "version");
    public static final long DEFAULT_BENCH_CHARS = 20_000_000;
    public static final int DEFAULT_BENCH_RUNS = 3;
    public static final List<String> FORMATS = List.of("table", "csv", "jsonl");

    /** Thrown for a command line that cannot be run; the message is the one line the user sees. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    public static Options parse(String[] args) {
        for (String arg : args) {
            // The JVM decodes its command line in the locale's charset: in a C or POSIX locale (cron,
            // env -i, bare containers) every Chinese character of a query or path arrives as U+FFFD.
            if (arg.indexOf('\uFFFD') >= 0) {
                throw new UsageException("the argument '" + arg + "' reached Java garbled: the command line was decoded as "
                        + System.getProperty("sun.jnu.encoding") + "; run in a UTF-8 locale, e.g. LC_ALL=C.UTF-8 "
                        + "(bin/newstrends sets one)");
            }
        }
        if (args.length == 0) {
            return new Options("help", null, null, null, null, null, null, "table", null, null, null, null,
                    DEFAULT_BENCH_CHARS, DEFAULT_BENCH_RUNS, false, AnalyzeStep.ALL, PipelineStage.ALL, null);
        }
        String command = args[0];
        if (command.equals("--help") || command.equals("-h")) {
            command = "help";
        } else if (command.equals("--version")) {
            command = "version";
        }
        if (!COMMANDS.contains(command)) {
            throw new UsageException("unknown command '" + command + "' (commands: " + String.join(", ", COMMANDS) + ")");
        }
        String input = null;
        String warehouse = null;
        LocalDate date = null;
        LocalDate from = null;
        LocalDate to = null;
        Path config = null;
        String format = "table";
        Path text = null;
        Path gold = null;
        Path evalDir = null;
        long chars = DEFAULT_BENCH_CHARS;
        int runs = DEFAULT_BENCH_RUNS;
        boolean refitTopics = false;
        Set<AnalyzeStep> steps = null;
        Set<PipelineStage> stages = null;
        Integer papers = null;
        Integer days = null;
        Path out = null;
        long seed = 1;
        LocalDate start = null;
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--input" -> input = value(args, ++i, arg);
                case "--warehouse" -> warehouse = value(args, ++i, arg);
                case "--date" -> date = dateValue(args, ++i, arg);
                case "--from" -> from = dateValue(args, ++i, arg);
                case "--to" -> to = dateValue(args, ++i, arg);
                case "--config" -> config = Path.of(value(args, ++i, arg));
                case "--format" -> {
                    format = value(args, ++i, arg);
                    if (!FORMATS.contains(format)) {
                        throw new UsageException("--format must be one of " + String.join(", ", FORMATS) + ", not '" + format + "'");
                    }
                }
                case "--text" -> text = Path.of(value(args, ++i, arg));
                case "--gold" -> gold = Path.of(value(args, ++i, arg));
                case "--eval-dir" -> evalDir = Path.of(value(args, ++i, arg));
                case "--chars" -> chars = positive(args, ++i, arg);
                case "--runs" -> runs = (int) Math.min(100, positive(args, ++i, arg));
                case "--refit-topics" -> refitTopics = true;
                case "--steps" -> steps = names(AnalyzeStep.class, value(args, ++i, arg), arg, "analyze step", "steps");
                case "--stages" -> {
                    String list = value(args, ++i, arg);
                    stages = names(PipelineStage.class, list, arg, "stage", "stages");
                    if (!PipelineStage.consecutive(stages)) {
                        // Each stage reads what the one before it wrote; a gap would analyse tokens of
                        // articles that were re-ingested but not segmented again.
                        throw new UsageException("--stages must be consecutive stages of ingest,nlp,analyze, not '"
                                + list + "'");
                    }
                }
                case "--papers" -> papers = (int) Math.min(Integer.MAX_VALUE, positive(args, ++i, arg));
                case "--days" -> days = (int) Math.min(Integer.MAX_VALUE, positive(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--seed" -> seed = positive(args, ++i, arg);
                case "--start" -> start = dateValue(args, ++i, arg);
                case "--help", "-h" -> command = "help";
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option '" + arg + "' for " + command);
                    }
                    positional.add(arg);
                }
            }
        }
        if (date != null && (from != null || to != null)) {
            throw new UsageException("--date cannot be combined with --from/--to");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new UsageException("--from " + from + " is after --to " + to);
        }
        if (date != null) {
            from = date;
            to = date;
        }
        String query = null;
        if (command.equals("sql")) {
            if (positional.size() != 1) {
                throw new UsageException("sql takes exactly one query, e.g. newstrends sql \"SELECT count(*) FROM articles\"");
            }
            query = positional.get(0);
        } else if (command.equals("eval-seg") && (text == null || gold == null)) {
            throw new UsageException("eval-seg needs --text RAW and --gold GOLD (SIGHAN format)");
        } else if (!positional.isEmpty()) {
            throw new UsageException("unexpected argument '" + positional.get(0) + "' for " + command);
        }
        Generate generate = null;
        if (command.equals("generate") || command.equals("bench-analyze")) {
            if (command.equals("generate") && (papers == null || days == null || out == null)) {
                throw new UsageException("generate needs --papers P --days D --out DIR (and takes --seed N, --start YYYY-MM-DD)");
            }
            generate = new Generate(papers == null ? 3 : papers, days == null ? 365 : days, out, seed, start);
        } else if (papers != null || days != null || out != null || start != null) {
            throw new UsageException("--papers, --days, --out and --start are options of generate and bench-analyze");
        }
        if (refitTopics && !command.equals("analyze") && !command.equals("run")) {
            throw new UsageException("--refit-topics is an option of analyze and run, not of " + command);
        }
        if (steps != null && !command.equals("analyze") && !command.equals("run")) {
            throw new UsageException("--steps is an option of analyze and run, not of " + command);
        }
        if (stages != null && !command.equals("run")) {
            throw new UsageException("--stages is an option of run, not of " + command);
        }
        if (stages != null && !stages.contains(PipelineStage.ANALYZE) && (steps != null || refitTopics)) {
            throw new UsageException((steps != null ? "--steps" : "--refit-topics") + " needs the analyze stage (--stages ...,analyze)");
        }
        if (stages != null && !stages.contains(PipelineStage.INGEST) && input != null) {
            throw new UsageException("--input needs the ingest stage (--stages ingest,...)");
        }
        if (refitTopics && steps != null && !steps.contains(AnalyzeStep.TOPICS)) {
            throw new UsageException("--refit-topics needs the topics step (--steps ...,topics)");
        }
        return new Options(command, input, warehouse, date, from, to, config, format, query, text, gold, evalDir, chars,
                runs, refitTopics, steps == null ? AnalyzeStep.ALL : steps, stages == null ? PipelineStage.ALL : stages,
                generate);
    }

    /**
     * The constants of {@code type} named in a comma-separated list such as {@code keywords,trends},
     * in any case; an unknown name or an empty list is a usage error listing the names there are.
     */
    private static <E extends Enum<E>> Set<E> names(Class<E> type, String list, String option, String kind,
                                                    String plural) {
        String known = java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(", "));
        EnumSet<E> chosen = EnumSet.noneOf(type);
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            try {
                chosen.add(Enum.valueOf(type, trimmed.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("unknown " + kind + " '" + trimmed + "' (" + plural + ": " + known + ")");
            }
        }
        if (chosen.isEmpty()) {
            throw new UsageException(option + " needs at least one of " + known);
        }
        return Set.copyOf(chosen);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static long positive(String[] args, int i, String option) {
        String v = value(args, i, option);
        try {
            long n = Long.parseLong(v.replace("_", ""));
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a positive whole number, not '" + v + "'");
        }
    }

    private static LocalDate dateValue(String[] args, int i, String option) {
        String v = value(args, i, option);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " takes a date as YYYY-MM-DD, not '" + v + "'");
        }
    }
}
