package io.newstrends.config;

import io.newstrends.ingest.IngestSettings;

import java.util.Map;

/**
 * The whole configuration, typed. Built by {@link ConfigLoader} from {@code conf/newstrends.conf},
 * an optional user file, and command-line options, in that order of precedence (last wins).
 *
 * @param input     input root, or null for the embedded sample corpus
 * @param warehouse directory holding one Delta table per name
 * @param ingest    ingestion limits
 * @param spark     session settings
 */
public record AppConfig(String input, String warehouse, IngestSettings ingest, SparkSettings spark) {

    /**
     * @param appName application name shown by Spark
     * @param master  master used only when spark-submit or {@code -Dspark.master} set none
     * @param conf    extra Spark settings, passed as they are
     */
    public record SparkSettings(String appName, String master, Map<String, String> conf) {
    }

    public AppConfig withInput(String newInput) {
        return new AppConfig(newInput, warehouse, ingest, spark);
    }

    public AppConfig withWarehouse(String newWarehouse) {
        return new AppConfig(input, newWarehouse, ingest, spark);
    }
}
