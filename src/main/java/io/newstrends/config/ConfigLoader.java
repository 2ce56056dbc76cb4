package io.newstrends.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import io.newstrends.analyze.AnalyzeSettings;
import io.newstrends.ingest.IngestSettings;
import io.newstrends.nlp.NlpSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads and validates configuration. Every problem is collected and reported together, before
 * any work starts, so a user fixes a config file in one go.
 */
public final class ConfigLoader {

    /** Reference config inside the jar (a copy of {@code conf/newstrends.conf}). */
    public static final String REFERENCE_RESOURCE = "conf/newstrends.conf";
    private static final Set<String> TOP_KEYS = Set.of("input", "warehouse", "ingest", "nlp", "discover", "analyze",
            "maintain", "spark");
    private static final Set<String> ANALYZE_KEYS = Set.of("keywords", "trends", "topics");
    private static final Set<String> KEYWORDS_KEYS = Set.of("tags", "exclude", "min-df", "idf-window-months", "top-n",
            "scopes");
    private static final Set<String> TRENDS_KEYS = Set.of("baseline-days", "baseline-weeks", "baseline-months",
            "baseline-gap-days", "baseline-gap-weeks", "baseline-gap-months", "min-baseline-periods", "min-sd", "burst-z",
            "burst-min-docs", "burst-max-p", "burst-prior-articles", "burst-continue-max-p", "burst-continue-days", "burst-continue-weeks",
            "burst-continue-months", "burst-week-day-min-docs");
    private static final Set<String> TOPICS_KEYS = Set.of("k", "iterations", "learning-offset", "vocabulary-size", "min-df",
            "max-df-share", "training-articles", "refit-every-days", "top-terms", "seed", "local-max-articles");
    private static final Set<String> NLP_KEYS = Set.of("person-recognition", "place-recognition",
            "organization-recognition", "lexicons", "gazetteer-as-lexicon", "stopwords", "chunk-chars");
    private static final Set<String> DISCOVER_KEYS = Set.of("max-word-length", "min-frequency", "min-entropy",
            "min-aggregation", "size", "max-chars");
    private static final Set<String> INGEST_KEYS = Set.of("max-file-bytes", "max-line-chars", "sample-chars");
    private static final Set<String> SPARK_KEYS = Set.of("app-name", "master", "conf");

    private ConfigLoader() {
    }

    /**
     * Loads the reference config, overlaid by {@code userFile} (may be null) and by
     * {@code -Dnewstrends.*} system properties.
     *
     * @throws InvalidConfigException listing every problem found
     */
    public static AppConfig load(Path userFile) {
        Config reference = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), REFERENCE_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
        Config merged = reference;
        if (userFile != null) {
            if (!Files.isRegularFile(userFile)) {
                throw new InvalidConfigException(List.of("config file " + userFile + " does not exist"));
            }
            try {
                merged = ConfigFactory.parseFile(userFile.toFile()).withFallback(merged);
            } catch (ConfigException e) {
                throw new InvalidConfigException(List.of("config file " + userFile + ": " + e.getMessage()));
            }
        }
        merged = ConfigFactory.systemProperties().withOnlyPath("newstrends").withFallback(merged);
        return fromConfig(merged.resolve());
    }

    static AppConfig fromConfig(Config root) {
        List<String> errors = new ArrayList<>();
        Config c = root.getConfig("newstrends");
        unknownKeys(c, "newstrends", TOP_KEYS, errors);

        String input = c.hasPath("input") ? string(c, "input", errors) : null;
        String warehouse = string(c, "warehouse", errors);
        if (warehouse != null && warehouse.isBlank()) {
            errors.add("newstrends.warehouse must not be empty");
        }

        Config ingest = c.getConfig("ingest");
        unknownKeys(ingest, "newstrends.ingest", INGEST_KEYS, errors);
        long maxFileBytes = positiveLong(ingest, "max-file-bytes", "newstrends.ingest.", errors);
        long maxLineChars = positiveLong(ingest, "max-line-chars", "newstrends.ingest.", errors);
        long sampleChars = positiveLong(ingest, "sample-chars", "newstrends.ingest.", errors);

        Config nlp = c.getConfig("nlp");
        unknownKeys(nlp, "newstrends.nlp", NLP_KEYS, errors);
        boolean person = bool(nlp, "person-recognition", errors);
        boolean place = bool(nlp, "place-recognition", errors);
        boolean organization = bool(nlp, "organization-recognition", errors);
        List<String> lexicons = List.of();
        try {
            lexicons = List.copyOf(nlp.getStringList("lexicons"));
        } catch (ConfigException e) {
            errors.add(e.getMessage());
        }
        boolean gazetteerLexicon = bool(nlp, "gazetteer-as-lexicon", errors);
        String stopwords = string(nlp, "stopwords", errors);
        long chunkChars = positiveLong(nlp, "chunk-chars", "newstrends.nlp.", errors);

        Config discover = c.getConfig("discover");
        unknownKeys(discover, "newstrends.discover", DISCOVER_KEYS, errors);
        long maxWordLength = positiveLong(discover, "max-word-length", "newstrends.discover.", errors);
        double minFrequency = nonNegativeDouble(discover, "min-frequency", "newstrends.discover.", errors);
        double minEntropy = nonNegativeDouble(discover, "min-entropy", "newstrends.discover.", errors);
        double minAggregation = nonNegativeDouble(discover, "min-aggregation", "newstrends.discover.", errors);
        long size = positiveLong(discover, "size", "newstrends.discover.", errors);
        long maxChars = positiveLong(discover, "max-chars", "newstrends.discover.", errors);

        AnalyzeSettings analyze = analyze(c.getConfig("analyze"), errors);
        Config maintain = c.getConfig("maintain");
        unknownKeys(maintain, "newstrends.maintain", Set.of("vacuum-retention-hours", "max-file-mb"), errors);
        double retention = positiveDouble(maintain, "vacuum-retention-hours", "newstrends.maintain.", errors);
        if (retention < 168) {
            errors.add("newstrends.maintain.vacuum-retention-hours must be at least 168 (Delta's safe minimum), is "
                    + retention);
        }
        long maxFileMb = positiveLong(maintain, "max-file-mb", "newstrends.maintain.", errors);

        Config spark = c.getConfig("spark");
        unknownKeys(spark, "newstrends.spark", SPARK_KEYS, errors);
        String appName = string(spark, "app-name", errors);
        String master = string(spark, "master", errors);
        Map<String, String> sparkConf = new LinkedHashMap<>();
        if (spark.hasPath("conf")) {
            for (Map.Entry<String, ConfigValue> e : spark.getConfig("conf").entrySet()) {
                String key = e.getKey().replace("\"", "");
                if (!key.startsWith("spark.")) {
                    errors.add("newstrends.spark.conf key '" + key + "' is not a Spark setting (spark.*)");
                }
                sparkConf.put(key, String.valueOf(e.getValue().unwrapped()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        return new AppConfig(input, warehouse,
                new IngestSettings(maxFileBytes, toInt(maxLineChars), toInt(sampleChars)),
                new NlpSettings(person, place, organization, lexicons, gazetteerLexicon, stopwords, toInt(chunkChars)),
                new AppConfig.DiscoverSettings(toInt(maxWordLength), minFrequency, minEntropy, minAggregation,
                        toInt(size), maxChars),
                analyze,
                new AppConfig.MaintainSettings(retention, maxFileMb),
                new AppConfig.SparkSettings(appName, master, Map.copyOf(sparkConf)));
    }

    private static AnalyzeSettings analyze(Config a, List<String> errors) {
        unknownKeys(a, "newstrends.analyze", ANALYZE_KEYS, errors);
        String p = "newstrends.analyze.keywords.";
        Config k = a.getConfig("keywords");
        unknownKeys(k, "newstrends.analyze.keywords", KEYWORDS_KEYS, errors);
        List<String> tags = List.of();
        try {
            tags = List.copyOf(k.getStringList("tags"));
            if (tags.isEmpty() || tags.stream().anyMatch(t -> !t.matches("[a-z]+"))) {
                errors.add(p + "tags must be a non-empty list of tag prefixes such as n, vn, j, is " + tags);
            }
        } catch (ConfigException e) {
            errors.add(e.getMessage());
        }
        String exclude = string(k, "exclude", errors);
        List<String> scopes = List.of();
        try {
            scopes = List.copyOf(k.getStringList("scopes"));
            if (scopes.isEmpty() || !AnalyzeSettings.Keywords.ALL_SCOPES.containsAll(scopes)) {
                errors.add(p + "scopes must be a non-empty list of " + AnalyzeSettings.Keywords.ALL_SCOPES + ", is " + scopes);
            }
        } catch (ConfigException e) {
            errors.add(e.getMessage());
        }
        var keywords = new AnalyzeSettings.Keywords(tags, exclude, toInt(positiveLong(k, "min-df", p, errors)),
                toInt(positiveLong(k, "idf-window-months", p, errors)), toInt(positiveLong(k, "top-n", p, errors)),
                scopes);

        p = "newstrends.analyze.trends.";
        Config t = a.getConfig("trends");
        unknownKeys(t, "newstrends.analyze.trends", TRENDS_KEYS, errors);
        double burstMaxP = atMostOne(positiveDouble(t, "burst-max-p", p, errors), "burst-max-p", p, errors);
        double continueMaxP = atMostOne(nonNegativeDouble(t, "burst-continue-max-p", p, errors), "burst-continue-max-p",
                p, errors);
        var trends = new AnalyzeSettings.Trends(toInt(positiveLong(t, "baseline-days", p, errors)),
                toInt(positiveLong(t, "baseline-weeks", p, errors)), toInt(positiveLong(t, "baseline-months", p, errors)),
                toInt(nonNegativeLong(t, "baseline-gap-days", p, errors)),
                toInt(nonNegativeLong(t, "baseline-gap-weeks", p, errors)),
                toInt(nonNegativeLong(t, "baseline-gap-months", p, errors)),
                toInt(positiveLong(t, "min-baseline-periods", p, errors)), positiveDouble(t, "min-sd", p, errors),
                positiveDouble(t, "burst-z", p, errors), toInt(positiveLong(t, "burst-min-docs", p, errors)), burstMaxP,
                nonNegativeDouble(t, "burst-prior-articles", p, errors), continueMaxP,
                toInt(nonNegativeLong(t, "burst-continue-days", p, errors)),
                toInt(nonNegativeLong(t, "burst-continue-weeks", p, errors)),
                toInt(nonNegativeLong(t, "burst-continue-months", p, errors)),
                toInt(nonNegativeLong(t, "burst-week-day-min-docs", p, errors)));

        p = "newstrends.analyze.topics.";
        Config o = a.getConfig("topics");
        unknownKeys(o, "newstrends.analyze.topics", TOPICS_KEYS, errors);
        int k2 = toInt(positiveLong(o, "k", p, errors));
        if (k2 < 2) {
            errors.add(p + "k must be at least 2, is " + k2);
        }
        double maxDfShare = positiveDouble(o, "max-df-share", p, errors);
        if (maxDfShare > 1) {
            errors.add(p + "max-df-share is a share of the training articles, at most 1, is " + maxDfShare);
        }
        long seed = 0;
        try {
            seed = o.getLong("seed");
        } catch (ConfigException e) {
            errors.add(e.getMessage());
        }
        var topics = new AnalyzeSettings.Topics(k2, toInt(positiveLong(o, "iterations", p, errors)),
                positiveDouble(o, "learning-offset", p, errors),
                toInt(positiveLong(o, "vocabulary-size", p, errors)), toInt(positiveLong(o, "min-df", p, errors)),
                maxDfShare, toInt(positiveLong(o, "training-articles", p, errors)),
                toInt(positiveLong(o, "refit-every-days", p, errors)), toInt(positiveLong(o, "top-terms", p, errors)),
                seed, toInt(nonNegativeLong(o, "local-max-articles", p, errors)));
        return new AnalyzeSettings(keywords, trends, topics);
    }

    private static double positiveDouble(Config c, String key, String prefix, List<String> errors) {
        try {
            double v = c.getDouble(key);
            if (!(v > 0)) {
                errors.add(prefix + key + " must be positive, is " + v);
            }
            return v;
        } catch (ConfigException e) {
            errors.add(e.getMessage());
            return 1;
        }
    }

    /** {@code value}, read from {@code key}, which holds a probability: an error when it is above 1. */
    private static double atMostOne(double value, String key, String prefix, List<String> errors) {
        if (value > 1) {
            errors.add(prefix + key + " is a probability, at most 1, is " + value);
        }
        return value;
    }

    private static int toInt(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    private static boolean bool(Config c, String key, List<String> errors) {
        try {
            return c.getBoolean(key);
        } catch (ConfigException e) {
            errors.add(e.getMessage());
            return false;
        }
    }

    private static double nonNegativeDouble(Config c, String key, String prefix, List<String> errors) {
        try {
            double v = c.getDouble(key);
            if (v < 0) {
                errors.add(prefix + key + " must not be negative, is " + v);
            }
            return v;
        } catch (ConfigException e) {
            errors.add(e.getMessage());
            return 0;
        }
    }

    private static void unknownKeys(Config c, String prefix, Set<String> known, List<String> errors) {
        for (String key : c.root().keySet()) {
            if (!known.contains(key)) {
                errors.add(prefix + "." + key + " is not a known setting (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String string(Config c, String key, List<String> errors) {
        try {
            return c.getString(key);
        } catch (ConfigException e) {
            errors.add(e.getMessage());
            return null;
        }
    }

    private static long nonNegativeLong(Config c, String key, String prefix, List<String> errors) {
        try {
            long v = c.getLong(key);
            if (v < 0) {
                errors.add(prefix + key + " must not be negative, is " + v);
            }
            return v;
        } catch (ConfigException e) {
            errors.add(e.getMessage());
            return 0;
        }
    }

    private static long positiveLong(Config c, String key, String prefix, List<String> errors) {
        try {
            long v = c.getLong(key);
            if (v <= 0) {
                errors.add(prefix + key + " must be positive, is " + v);
            }
            return v;
        } catch (ConfigException e) {
            errors.add(e.getMessage());
            return 1;
        }
    }
}
