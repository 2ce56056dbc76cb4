package io.newstrends.config;

import io.newstrends.analyze.AnalyzeSettings;
import io.newstrends.ingest.IngestSettings;
import io.newstrends.nlp.NlpSettings;

import java.util.Map;

/**
 * The whole configuration, typed. Built by {@link ConfigLoader} from {@code conf/newstrends.conf},
 * an optional user file, and command-line options, in that order of precedence (last wins).
 *
 * @param input     input root, or null for the embedded sample corpus
 * @param warehouse directory holding one Delta table per name
 * @param ingest    ingestion limits
 * @param nlp       segmenter and lexicon settings
 * @param discover  new-word discovery settings
 * @param analyze   keywords, trends and topics
 * @param maintain  table maintenance
 * @param spark     session settings
 */
public record AppConfig(String input, String warehouse, IngestSettings ingest, NlpSettings nlp,
                        DiscoverSettings discover, AnalyzeSettings analyze, MaintainSettings maintain,
                        SparkSettings spark) {

    /**
     * @param vacuumRetentionHours VACUUM deletes unreferenced files older than this
     * @param maxFileMb            the largest file compaction writes for a clustered table, in MiB
     */
    public record MaintainSettings(double vacuumRetentionHours, long maxFileMb) {
    }

    /** Settings of HanLP's new-word discovery; see conf/newstrends.conf. */
    public record DiscoverSettings(int maxWordLength, double minFrequency, double minEntropy, double minAggregation,
                                   int size, long maxChars) implements java.io.Serializable {
    }

    /**
     * @param appName application name shown by Spark
     * @param master  master used only when spark-submit or {@code -Dspark.master} set none
     * @param conf    extra Spark settings, passed as they are
     */
    public record SparkSettings(String appName, String master, Map<String, String> conf) {
    }

    public AppConfig withInput(String newInput) {
        return new AppConfig(newInput, warehouse, ingest, nlp, discover, analyze, maintain, spark);
    }

    public AppConfig withWarehouse(String newWarehouse) {
        return new AppConfig(input, newWarehouse, ingest, nlp, discover, analyze, maintain, spark);
    }
}
