import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hankcs.hanlp.seg.Segment;
import io.newstrends.config.ConfigLoader;
import io.newstrends.nlp.HanLpTokenizer;
import io.newstrends.region.Gazetteers;

import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's ceiling per core: HanLP's raw single-thread segmentation in a plain loop, with
 * the job's own segmenter configuration (the one {@code bench-nlp} measures: HanLpTokenizer's
 * HanLP Segment, domain lexicon and gazetteer words included), but over the same exported
 * articles the other systems read. Run with Java's source launcher, no build:
 *
 * <pre>java -cp target/newstrends.jar:$(cat target/classpath.txt) benchmark/raw_hanlp/RawHanLP.java articles.jsonl [runs]</pre>
 *
 * Prints one line per run and a final JSON line {"characters", "articles", "seconds": [...]}.
 * Same loop as NlpBenchmark.rawLoop: a warm-up (the first 2,000 articles, repeated to about 2 M
 * characters), then every body segmented once per run; nothing else (no Spark, no writes). The
 * thread's CPU time is printed too: on a shared machine chars per CPU-second is the steadier figure.
 */
public class RawHanLP {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        ObjectMapper json = new ObjectMapper();
        List<String> bodies = new ArrayList<>();
        long chars = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.startsWith("{")) {
                    continue;
                }
                JsonNode body = json.readTree(line).get("body");
                if (body != null && !body.isNull()) {
                    bodies.add(body.asText());
                    chars += body.asText().length();
                }
            }
        }
        HanLpTokenizer tokenizer = new HanLpTokenizer(ConfigLoader.load(null).nlp(), Gazetteers.shared());
        Segment segment = tokenizer.segment();  // the configured Segment itself, as bench-nlp times it
        List<String> warmUp = bodies.subList(0, Math.min(bodies.size(), 2000));
        long warmChars = Math.max(1, warmUp.stream().mapToLong(String::length).sum());
        for (long done = 0; done < 2_000_000; done += warmChars) {  // JIT warm-up: about 2 M characters
            loop(segment, warmUp);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] seconds = new double[runs];
        double[] cpuSeconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            loop(segment, bodies);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            cpuSeconds[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf("raw HanLP, 1 thread, run %d: %.3f s wall, %.3f s CPU (%,.0f chars/s)%n", i + 1, seconds[i],
                    cpuSeconds[i], chars / seconds[i]);
        }
        System.out.printf("{\"characters\": %d, \"articles\": %d, \"seconds\": %s, \"cpu_seconds\": %s}%n", chars,
                bodies.size(), Arrays.toString(seconds), Arrays.toString(cpuSeconds));
    }

    private static void loop(Segment segment, List<String> bodies) {
        long words = 0;
        for (String b : bodies) {
            words += segment.seg(b).size();
        }
        if (words < 0) {
            throw new IllegalStateException("unreachable; keeps the loop from being optimized away");
        }
    }
}
