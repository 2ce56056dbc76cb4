package io.newstrends.analyze;

import io.newstrends.cli.Options;
import io.newstrends.config.AppConfig;
import io.newstrends.generate.CorpusGenerator;
import io.newstrends.generate.Spec;
import io.newstrends.generate.Summary;
import io.newstrends.ingest.IngestStage;
import io.newstrends.nlp.NlpStage;
import io.newstrends.spark.DateRange;
import io.newstrends.spark.DeltaStore;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code bench-analyze}: does a daily analyze cost more after a year of history than on the
 * first day? On a generated corpus of {@code days + 1} daily issues it measures, in one session:
 * analyze of the first day (the first run fits the topic model; then reruns, the steady cost),
 * a backfill of the following days, and analyze of the one more day after them (reruns).
 * Medians of {@code runs} runs and their ratio.
 */
public final class AnalyzeBenchmark {

    private AnalyzeBenchmark() {
    }

    public static void run(SparkSession spark, AppConfig config, Options.Generate options, int runs, Path work,
                           PrintStream out) {
        Path corpus = work.resolve("corpus");
        Summary summary = CorpusGenerator.generate(Spec.of(corpus, options.papers(), options.days() + 1, options.seed())
                .withStart(options.start() == null ? Spec.DEFAULT_START : options.start()));
        LocalDate first = options.start() == null ? Spec.DEFAULT_START : options.start();
        LocalDate last = first.plusDays(options.days() - 1L);
        LocalDate oneMore = last.plusDays(1);
        out.printf(Locale.ROOT, "bench-analyze: %d paper(s) x %d day(s): %,d articles, %,d characters in %s%n",
                options.papers(), options.days() + 1, summary.articles(), summary.characters(), corpus);

        DeltaStore store = new DeltaStore(spark, work.resolve("warehouse").toString());
        long t = System.nanoTime();
        IngestStage.run(spark, store, corpus.toString(), config.ingest(), DateRange.all(), "bench", "{}");
        NlpStage.run(spark, store, config.nlp(), DateRange.all(), null, "{}");
        out.printf(Locale.ROOT, "ingest + nlp of every day: %.1f s%n", seconds(t));

        AnalyzeSettings settings = config.analyze();
        DateRange day1 = new DateRange(first, first);
        t = System.nanoTime();
        AnalyzeStage.run(spark, store, settings, day1, null, false, "bench", "{}");
        double withFit = seconds(t);
        double[] firstDay = new double[runs];
        for (int i = 0; i < runs; i++) {
            t = System.nanoTime();
            AnalyzeStage.run(spark, store, settings, day1, null, false, "bench", "{}");
            firstDay[i] = seconds(t);
        }
        t = System.nanoTime();
        AnalyzeStage.run(spark, store, settings, new DateRange(first.plusDays(1), last), null, false, "bench", "{}");
        double backfill = seconds(t);
        double[] nextDay = new double[runs];
        DateRange day = new DateRange(oneMore, oneMore);
        for (int i = 0; i < runs; i++) {
            t = System.nanoTime();
            AnalyzeStage.run(spark, store, settings, day, null, false, "bench", "{}");
            nextDay[i] = seconds(t);
        }
        out.printf(Locale.ROOT, "%-58s %10s  %s%n", "measure", "median", "runs");
        out.printf(Locale.ROOT, "%-58s %9.2fs  %s%n", "analyze of the first day, fitting the topic model", withFit, "1");
        out.printf(Locale.ROOT, "%-58s %9.2fs  %s%n", "analyze of the first day (" + first + ")", median(firstDay),
                Arrays.toString(round(firstDay)));
        out.printf(Locale.ROOT, "%-58s %9.2fs  %s%n", "backfill of the next " + (options.days() - 1) + " days, one run",
                backfill, "1");
        out.printf(Locale.ROOT, "%-58s %9.2fs  %s%n", "analyze of one more day (" + oneMore + ") after " + options.days()
                + " days", median(nextDay), Arrays.toString(round(nextDay)));
        out.printf(Locale.ROOT, "one more day / first day: %.2f (target: at most 2)%n", median(nextDay) / median(firstDay));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 100) / 100.0).toArray();
    }
}
