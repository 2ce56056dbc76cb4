package io.newstrends.spark;

import io.newstrends.config.AppConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Builds the one Spark session of an application, with Delta Lake switched on. */
public final class SessionFactory {

    /** Parquet column paths (of {@code article_tokens}) written without a dictionary. */
    static final List<String> WITHOUT_DICTIONARY = List.of(
            "tokens.list.element.word", "terms.list.element.term");

    static final String CATALOG_DIR = "spark.sql.warehouse.dir";

    /**
     * Spark compiles each generated class once and keeps it in a cache of 100 entries by default.
     * One {@code analyze} of the sample corpus generates about 770 distinct classes, so at 100 it
     * compiled about 1,020 (the evicted ones again) and a second {@code analyze} in the same JVM
     * another 1,050; at 5,000, 770 and then 140 (metaspace about 7 MB larger; benchmark/LOG.md, "Spark's
     * code cache"). A default: a config or spark-submit that sets the key wins.
     */
    static final Map<String, String> DEFAULTS = Map.of("spark.sql.codegen.cache.maxEntries", "5000");

    private SessionFactory() {
    }

    /**
     * Creates (or returns the running) session. The master comes from spark-submit when there
     * is one; the config's master is only a default for running from {@code bin/newstrends}.
     */
    public static SparkSession create(AppConfig.SparkSettings settings) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName(settings.appName());
        if (!conf.contains("spark.master")) {
            builder.master(settings.master());
        }
        builder.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                // Rows carry java.time values (LocalDate, Instant); the table code relies on it.
                .config("spark.sql.datetime.java8API.enabled", "true");
        // Parquet's dictionary encoding looks every value up in a hash map; for the article
        // words (a vocabulary of hundreds of thousands, tens of millions of values) those lookups
        // took about a quarter of the nlp stage's time in bench-nlp.
        for (String column : WITHOUT_DICTIONARY) {
            builder.config("spark.hadoop.parquet.enable.dictionary#" + column, "false");
        }
        // Our defaults, then the config's keys over them; spark-submit's (already in conf) win over both.
        Map<String, String> requested = new java.util.LinkedHashMap<>(DEFAULTS);
        requested.putAll(settings.conf());
        requested.forEach((key, value) -> {
            if (!conf.contains(key)) {
                builder.config(key, value);
            }
        });
        // Every table is a Delta path under the warehouse; Spark's session catalog would still
        // make an empty spark-warehouse/ in whatever directory the command (or Airflow's worker)
        // runs in. Unless one is configured, it gets a local temporary directory instead.
        if (!conf.contains(CATALOG_DIR) && !requested.containsKey(CATALOG_DIR)) {
            builder.config(CATALOG_DIR, temporaryCatalogDir().toUri().toString());
        }
        return builder.getOrCreate();
    }

    /** A local directory removed when the JVM exits; a file: URI, so a cluster's default file system is not used. */
    private static Path temporaryCatalogDir() {
        try {
            Path dir = Files.createTempDirectory("newstrends-catalog-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> io.newstrends.ingest.InputFiles.deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for Spark's session catalog", e);
        }
    }
}
