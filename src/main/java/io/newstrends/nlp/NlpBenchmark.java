package io.newstrends.nlp;

import com.hankcs.hanlp.seg.Segment;
import io.newstrends.article.ArticleSplitter;
import io.newstrends.article.SplitArticle;
import io.newstrends.article.TextNormalizer;
import io.newstrends.ingest.InputFiles;
import io.newstrends.spark.DateRange;
import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bench-nlp}: HanLP's raw single-thread speed in a plain loop against the {@code nlp}
 * stage in the running Spark session, side by side in one run on the same text — the sample
 * corpus plus the SIGHAN raw text, repeated to the requested size. Both use the job's own
 * segmenter configuration; the stage's figure covers reading {@code articles}, analysing, and
 * writing three Delta tables. The stage's Spark job is also timed with its output discarded,
 * which tells the analysis in Spark apart from the writes.
 */
public final class NlpBenchmark {

    private NlpBenchmark() {
    }

    /** Timings of one benchmark. */
    public record Figures(long characters, int articles, int cores, double[] rawSeconds, double[] threadedSeconds,
                          double[] analysisSeconds, double[] newDatesSeconds, double[] stageSeconds, long peakHeapBytes,
                          long peakHeapAfterCollectionBytes, long maxHeapBytes) {

        static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        public double rawCharsPerSecond() {
            return characters / median(rawSeconds);
        }

        public double stageCharsPerSecond() {
            return characters / median(stageSeconds);
        }

        /**
         * Speed of the stage rerun over dates it wrote already (it replaces its own output) as a
         * share of raw speed times cores: the target is at least 0.75.
         */
        public double ratio() {
            return stageCharsPerSecond() / (rawCharsPerSecond() * cores);
        }

        /** The same share for the stage writing dates its tables do not hold yet. */
        public double newDatesRatio() {
            return characters / median(newDatesSeconds) / (rawCharsPerSecond() * cores);
        }
    }

    public static Figures run(SparkSession spark, NlpSettings settings, Path evalDir, long targetChars, int runs,
                              Path workDir, PrintStream out) throws IOException {
        List<String> articles = corpus(evalDir, targetChars);
        long chars = articles.stream().mapToLong(String::length).sum();
        int cores = spark.sparkContext().defaultParallelism();
        out.printf("bench-nlp: %,d characters in %,d articles; %d runs each; stage on %d cores%n",
                chars, articles.size(), runs, cores);

        Path warehouse = workDir.resolve("warehouse");
        DeltaStore store = new DeltaStore(spark, warehouse.toString());
        writeArticles(spark, store, articles);

        HanLpTokenizer tokenizer = new HanLpTokenizer(settings, io.newstrends.region.Gazetteers.shared());
        Segment raw = tokenizer.segment();
        // Warm-up: one full pass, so the JIT has compiled HanLP before the first timed run.
        rawLoop(raw, articles);
        double[] rawSeconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            rawLoop(raw, articles);
            rawSeconds[i] = (System.nanoTime() - t0) / 1e9;
            out.printf("  raw HanLP, 1 thread, run %d: %.2f s (%,.0f chars/s)%n", i + 1, rawSeconds[i], chars / rawSeconds[i]);
        }

        double[] threadedSeconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            threadedLoop(raw, articles, cores);
            threadedSeconds[i] = (System.nanoTime() - t0) / 1e9;
            out.printf("  raw HanLP, %d plain threads, run %d: %.2f s (%,.0f chars/s)%n", cores, i + 1, threadedSeconds[i],
                    chars / threadedSeconds[i]);
        }

        NlpStage.run(spark, store, settings, DateRange.all(), null, "{\"bench\":\"warm-up\"}");
        // The stage's own Spark job with its output discarded: reading, shuffling and analysing
        // without the Delta writes, to show what the writes add.
        double[] analysisSeconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Dataset<Row> all = store.read(Tables.ARTICLES);
            NlpStage.analyseSpread(all, NlpStage.spread(spark, NlpStage.countsByDate(all)), settings)
                    .write().format("noop").mode("overwrite").save();
            analysisSeconds[i] = (System.nanoTime() - t0) / 1e9;
            out.printf("  nlp analysis in Spark, output discarded, run %d: %.2f s (%,.0f chars/s)%n", i + 1,
                    analysisSeconds[i], chars / analysisSeconds[i]);
        }
        // The stage over dates its tables do not hold yet (the output tables removed first), and a
        // rerun over the same dates, which replaces what the first wrote (Delta rewrites the files
        // holding those dates). Alternating, so both see the machine in the same state.
        HeapSampler heap = new HeapSampler();
        double[] newDatesSeconds = new double[runs];
        double[] stageSeconds = new double[runs];
        try {
            for (int i = 0; i < runs; i++) {
                for (String table : List.of(Tables.ARTICLE_TOKENS, Tables.TERMS, Tables.ENTITIES)) {
                    InputFiles.deleteTree(warehouse.resolve(table));
                }
                long t0 = System.nanoTime();
                NlpStage.run(spark, store, settings, DateRange.all(), null, "{\"bench\":\"nlp\"}");
                newDatesSeconds[i] = (System.nanoTime() - t0) / 1e9;
                out.printf("  nlp stage, new dates, %d cores, run %d: %.2f s (%,.0f chars/s)%n", cores, i + 1,
                        newDatesSeconds[i], chars / newDatesSeconds[i]);
                t0 = System.nanoTime();
                NlpStage.run(spark, store, settings, DateRange.all(), null, "{\"bench\":\"nlp\"}");
                stageSeconds[i] = (System.nanoTime() - t0) / 1e9;
                out.printf("  nlp stage, rerun, %d cores, run %d: %.2f s (%,.0f chars/s)%n", cores, i + 1, stageSeconds[i],
                        chars / stageSeconds[i]);
            }
        } finally {
            heap.stop();
        }
        Figures f = new Figures(chars, articles.size(), cores, rawSeconds, threadedSeconds, analysisSeconds, newDatesSeconds,
                stageSeconds, heap.peak(), heap.peakAfterCollection(), Runtime.getRuntime().maxMemory());
        out.println();
        out.println("| measure | median | chars/s |");
        out.println("|---|---|---|");
        out.printf("| raw HanLP segmentation, 1 thread, plain loop | %.2f s | %,.0f |%n", Figures.median(rawSeconds),
                f.rawCharsPerSecond());
        out.printf("| raw x %d cores (ceiling) | | %,.0f |%n", cores, f.rawCharsPerSecond() * cores);
        out.printf("| raw HanLP segmentation, %d plain Java threads (no Spark) | %.2f s | %,.0f |%n", cores,
                Figures.median(threadedSeconds), chars / Figures.median(threadedSeconds));
        out.printf("| nlp analysis in the stage's Spark job, output discarded, %d cores | %.2f s | %,.0f |%n", cores,
                Figures.median(analysisSeconds), chars / Figures.median(analysisSeconds));
        out.printf("| nlp stage over new dates (read articles, analyse, write 3 Delta tables), %d cores | %.2f s | %,.0f |%n",
                cores, Figures.median(newDatesSeconds), chars / Figures.median(newDatesSeconds));
        out.printf("| nlp stage rerun over the same dates (replacing its own output), %d cores | %.2f s | %,.0f |%n", cores,
                Figures.median(stageSeconds), f.stageCharsPerSecond());
        out.printf("| stage / (raw x cores), new dates | %.2f | target >= 0.75 |%n", f.newDatesRatio());
        out.printf("| stage / (raw x cores), rerun | %.2f | target >= 0.75 |%n", f.ratio());
        out.printf("| peak heap in use during the stage runs (sampled, garbage included) | %,d MiB | max heap (-Xmx) %,d MiB |%n",
                f.peakHeapBytes() >> 20, f.maxHeapBytes() >> 20);
        out.printf("| peak heap right after a garbage collection during the stage runs | %,d MiB | target < 2048 MiB |%n",
                f.peakHeapAfterCollectionBytes() >> 20);
        return f;
    }

    /** The same loop split over plain threads: what the cores give without Spark. */
    private static void threadedLoop(Segment segment, List<String> articles, int threads) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> parts = new ArrayList<>();
            int step = (articles.size() + threads - 1) / threads;
            for (int from = 0; from < articles.size(); from += step) {
                List<String> part = articles.subList(from, Math.min(articles.size(), from + step));
                parts.add(pool.submit(() -> rawLoop(segment, part)));
            }
            for (java.util.concurrent.Future<?> p : parts) {
                p.get();
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("threaded benchmark loop failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void rawLoop(Segment segment, List<String> articles) {
        long words = 0;
        for (String a : articles) {
            words += segment.seg(a).size();
        }
        if (words < 0) {
            throw new IllegalStateException("unreachable; keeps the loop from being optimized away");
        }
    }

    /** Sample-corpus article bodies and SIGHAN raw lines grouped into ~1,000-character articles, repeated. */
    static List<String> corpus(Path evalDir, long targetChars) throws IOException {
        List<String> base = new ArrayList<>();
        Path sample = Files.createTempDirectory("newstrends-bench-sample-");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(InputFiles.extractSample(sample), "*.txt")) {
            for (Path f : files) {
                String text = TextNormalizer.normalize(Files.readString(f, StandardCharsets.UTF_8)).text();
                for (SplitArticle a : ArticleSplitter.split(text).articles()) {
                    base.add(a.body());
                }
            }
        } finally {
            InputFiles.deleteTree(sample);
        }
        for (String name : List.of("pku_test.utf8", "msr_test.utf8")) {
            Path file = evalDir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("SIGHAN raw text not found: " + file + " (pass --eval-dir)");
            }
            StringBuilder article = new StringBuilder();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                article.append(line.strip()).append('\n');
                if (article.length() >= 1000) {
                    base.add(article.toString());
                    article.setLength(0);
                }
            }
            if (article.length() > 0) {
                base.add(article.toString());
            }
        }
        List<String> articles = new ArrayList<>();
        long chars = 0;
        while (chars < targetChars) {
            for (String a : base) {
                articles.add(a);
                chars += a.length();
                if (chars >= targetChars) {
                    break;
                }
            }
        }
        return articles;
    }

    private static void writeArticles(SparkSession spark, DeltaStore store, List<String> bodies) {
        List<Row> rows = new ArrayList<>(bodies.size());
        LocalDate start = LocalDate.of(2021, 1, 1);
        for (int i = 0; i < bodies.size(); i++) {
            rows.add(RowFactory.create("bench-" + i, start.plusDays(i % 30), "150000", bodies.get(i), bodies.get(i).length()));
        }
        var schema = new org.apache.spark.sql.types.StructType()
                .add("article_id", "string", false).add("issue_date", "date", false)
                .add("region_code", "string", false).add("body", "string", false).add("n_chars", "int", false);
        store.replaceWhere(Tables.ARTICLES, spark.createDataFrame(rows, schema).repartition(4), "true",
                "{\"bench\":\"articles\"}");
    }

    /**
     * Samples the heap in use every 20 ms while the stage runs, and records the heap left in use
     * right after each garbage collection. In-use heap includes garbage not yet collected, so its
     * peak runs up to -Xmx whenever the collector is lazy; the heap after a collection is what the
     * stage held at that moment (live data, plus what a young collection left in the old
     * generation), the figure for the memory target.
     */
    private static final class HeapSampler {
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong peakAfterCollection = new java.util.concurrent.atomic.AtomicLong();
        private final javax.management.NotificationListener afterCollection = (notification, handback) -> {
            if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) notification.getUserData());
                long used = 0;
                for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    var after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                    if (pool.getType() == java.lang.management.MemoryType.HEAP && after != null) {
                        used += after.getUsed();
                    }
                }
                peakAfterCollection.accumulateAndGet(used, Math::max);
            }
        };

        HeapSampler() {
            for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) collector).addNotificationListener(afterCollection, null, null);
            }
            timer.scheduleAtFixedRate(() -> peak.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max),
                    0, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        void stop() {
            timer.shutdownNow();
            for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                try {
                    ((javax.management.NotificationEmitter) collector).removeNotificationListener(afterCollection);
                } catch (javax.management.ListenerNotFoundException e) {
                    // registered in the constructor; nothing to remove otherwise
                }
            }
        }

        long peak() {
            return peak.get();
        }

        long peakAfterCollection() {
            return peakAfterCollection.get();
        }
    }
}
