package io.newstrends.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.List;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/** Names and schemas of the tables: the contract at every table boundary. */
public final class Tables {

    public static final String DOCUMENTS = "documents";
    public static final String QUARANTINE = "quarantine";
    public static final String ARTICLES = "articles";
    public static final String RUNS = "runs";
    public static final String ARTICLE_TOKENS = "article_tokens";
    public static final String TERMS = "terms";
    public static final String ENTITIES = "entities";
    public static final String WORD_CANDIDATES = "word_candidates";
    public static final String ARTICLE_DAILY = "article_daily";
    public static final String TERM_DAILY = "term_daily";
    public static final String ENTITY_DAILY = "entity_daily";
    public static final String ARTICLE_MONTHLY = "article_monthly";
    public static final String TERM_MONTHLY = "term_monthly";
    public static final String ENTITY_MONTHLY = "entity_monthly";
    public static final String KEYWORDS = "keywords";
    public static final String TERM_TRENDS = "term_trends";
    public static final String ENTITY_TRENDS = "entity_trends";
    public static final String TOPIC_MODELS = "topic_models";
    public static final String TOPICS = "topics";
    public static final String ARTICLE_TOPICS = "article_topics";
    public static final String TOPIC_TRENDS = "topic_trends";

    /** Tables this version writes, in the order a reader meets them. */
    public static final List<String> ALL = List.of(DOCUMENTS, QUARANTINE, ARTICLES, ARTICLE_TOKENS, TERMS, ENTITIES,
            WORD_CANDIDATES, ARTICLE_DAILY, TERM_DAILY, ENTITY_DAILY, ARTICLE_MONTHLY, TERM_MONTHLY, ENTITY_MONTHLY,
            KEYWORDS, TERM_TRENDS, ENTITY_TRENDS,
            TOPIC_MODELS, TOPICS, ARTICLE_TOPICS, TOPIC_TRENDS, RUNS);

    /**
     * How each table's files are laid out: what every write of it passes to {@link DeltaStore}, and
     * what {@code maintain} compacts it by. Tables keyed by issue date are clustered by it; the
     * tables {@code analyze} rewrites for recent dates also order their files by date
     * ({@link Layout#orderedBy}); trends and keywords partition by their granularity or scope.
     */
    public static Layout layout(String table) {
        return switch (table) {
            case DOCUMENTS, ARTICLES, ARTICLE_TOKENS -> Layout.BY_ISSUE_DATE;
            case TERMS, ENTITIES -> Layout.BY_ISSUE_DATE_IN_BOUNDED_FILES;
            case ARTICLE_DAILY, TERM_DAILY, ENTITY_DAILY, ARTICLE_TOPICS -> Layout.BY_ISSUE_DATE_IN_ORDER;
            case ARTICLE_MONTHLY, TERM_MONTHLY, ENTITY_MONTHLY -> Layout.BY_MONTH_IN_ORDER;
            case KEYWORDS -> Layout.BY_SCOPE_IN_PERIOD_ORDER;
            case TERM_TRENDS, ENTITY_TRENDS, TOPIC_TRENDS -> Layout.BY_GRANULARITY_IN_PERIOD_ORDER;
            case QUARANTINE, RUNS, WORD_CANDIDATES, TOPIC_MODELS, TOPICS -> Layout.NONE;
            default -> throw new IllegalArgumentException("not a table of the warehouse: " + table);
        };
    }

    /** The region_code of rows that count every region together (trends, day and month keywords). */
    public static final String ALL_REGIONS = "all";

    public static final StructType TOKEN = new StructType(new StructField[]{
            field("word", StringType, false),
            field("pos", StringType, false),
            field("offset", IntegerType, false),
    });

    public static final StructType TERM = new StructType(new StructField[]{
            field("term", StringType, false),
            field("pos", StringType, false),
            field("tf", IntegerType, false),
    });

    public static final StructType ENTITY = new StructType(new StructField[]{
            field("entity", StringType, false),
            field("entity_type", StringType, false),
            field("mentions", IntegerType, false),
            field("entity_region_code", StringType, true),
    });

    /**
     * One row per article. Besides the tokens it keeps the article's term and entity lists, from
     * which {@code terms} and {@code entities} are exploded: one segmentation feeds all three.
     */
    public static final StructType ARTICLE_TOKENS_SCHEMA = new StructType(new StructField[]{
            field("article_id", StringType, false),
            field("issue_date", DateType, false),
            field("region_code", StringType, false),
            field("n_tokens", IntegerType, false),
            field("tokens", DataTypes.createArrayType(TOKEN, false), false),
            field("terms", DataTypes.createArrayType(TERM, false), false),
            field("entities", DataTypes.createArrayType(ENTITY, false), false),
    });

    public static final StructType TERMS_SCHEMA = new StructType(new StructField[]{
            field("article_id", StringType, false),
            field("issue_date", DateType, false),
            field("region_code", StringType, false),
            field("term", StringType, false),
            field("pos", StringType, false),
            field("tf", IntegerType, false),
    });

    public static final StructType ENTITIES_SCHEMA = new StructType(new StructField[]{
            field("article_id", StringType, false),
            field("issue_date", DateType, false),
            field("region_code", StringType, false),
            field("entity", StringType, false),
            field("entity_type", StringType, false),
            field("mentions", IntegerType, false),
            field("entity_region_code", StringType, true),
    });

    public static final StructType WORD_CANDIDATES_SCHEMA = new StructType(new StructField[]{
            field("word", StringType, false),
            field("frequency", IntegerType, false),
            field("aggregation", DataTypes.DoubleType, false),
            field("entropy", DataTypes.DoubleType, false),
            field("in_lexicon", BooleanType, false),
            field("from_date", DateType, true),
            field("to_date", DateType, true),
            field("run_id", StringType, false),
    });

    /** Articles per issue date and region: the denominators of shares and IDF. */
    public static final StructType ARTICLE_DAILY_SCHEMA = new StructType(new StructField[]{
            field("issue_date", DateType, false),
            field("region_code", StringType, false),
            field("articles", LongType, false),
    });

    /**
     * Candidate terms per issue date and region: occurrences, sublinear weight (the sum over
     * articles of 1 + ln tf) and articles.
     */
    public static final StructType TERM_DAILY_SCHEMA = new StructType(new StructField[]{
            field("issue_date", DateType, false),
            field("region_code", StringType, false),
            field("term", StringType, false),
            field("pos", StringType, false),
            field("count", LongType, false),
            field("weight", DataTypes.DoubleType, false),
            field("docs", LongType, false),
    });

    public static final StructType ENTITY_DAILY_SCHEMA = new StructType(new StructField[]{
            field("issue_date", DateType, false),
            field("region_code", StringType, false),
            field("entity", StringType, false),
            field("entity_type", StringType, false),
            field("entity_region_code", StringType, true),
            field("count", LongType, false),
            field("docs", LongType, false),
    });

    /** The same sums per calendar month ({@code month} = its first day): what long windows read. */
    public static final StructType ARTICLE_MONTHLY_SCHEMA = monthly(ARTICLE_DAILY_SCHEMA);
    public static final StructType TERM_MONTHLY_SCHEMA = monthly(TERM_DAILY_SCHEMA);
    public static final StructType ENTITY_MONTHLY_SCHEMA = monthly(ENTITY_DAILY_SCHEMA);

    public static final StructType KEYWORDS_SCHEMA = new StructType(new StructField[]{
            field("scope", StringType, false),
            field("period_start", DateType, false),
            field("period_end", DateType, false),
            field("region_code", StringType, false),
            field("article_id", StringType, true),
            field("term", StringType, false),
            field("pos", StringType, false),
            field("tf", LongType, false),
            field("weight", DataTypes.DoubleType, false),
            field("docs", LongType, false),
            field("df", LongType, false),
            field("idf", DataTypes.DoubleType, false),
            field("score", DataTypes.DoubleType, false),
            field("rank", IntegerType, false),
    });

    public static final StructType TERM_TRENDS_SCHEMA = trendSchema(
            field("term", StringType, false),
            field("pos", StringType, false));

    public static final StructType ENTITY_TRENDS_SCHEMA = trendSchema(
            field("entity", StringType, false),
            field("entity_type", StringType, false),
            field("entity_region_code", StringType, true));

    public static final StructType TOPIC_MODELS_SCHEMA = new StructType(new StructField[]{
            field("model_id", StringType, false),
            field("fitted_at", TimestampType, false),
            field("run_id", StringType, false),
            field("k", IntegerType, false),
            field("iterations", IntegerType, false),
            field("vocabulary_size", IntegerType, false),
            field("training_articles", LongType, false),
            field("training_from", DateType, false),
            field("training_to", DateType, false),
            field("log_perplexity", DataTypes.DoubleType, false),
            field("path", StringType, false),
    });

    public static final StructType TOPICS_SCHEMA = new StructType(new StructField[]{
            field("model_id", StringType, false),
            field("topic_id", IntegerType, false),
            field("label", StringType, false),
            field("rank", IntegerType, false),
            field("term", StringType, false),
            field("weight", DataTypes.DoubleType, false),
    });

    public static final StructType ARTICLE_TOPICS_SCHEMA = new StructType(new StructField[]{
            field("article_id", StringType, false),
            field("issue_date", DateType, false),
            field("region_code", StringType, false),
            field("model_id", StringType, false),
            field("topic_id", IntegerType, false),
            field("weight", DataTypes.DoubleType, false),
            field("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
    });

    public static final StructType TOPIC_TRENDS_SCHEMA = new StructType(new StructField[]{
            field("model_id", StringType, false),
            field("granularity", StringType, false),
            field("period_start", DateType, false),
            field("period_end", DateType, false),
            field("region_code", StringType, false),
            field("topic_id", IntegerType, false),
            field("label", StringType, false),
            field("articles", LongType, false),
            field("share", DataTypes.DoubleType, false),
            field("top_articles", LongType, false),
    });

    public static final StructType DOCUMENTS_SCHEMA = new StructType(new StructField[]{
            field("doc_id", StringType, false),
            field("source_path", StringType, false),
            field("source", StringType, true),
            field("issue_date", DateType, false),
            field("date_source", StringType, false),
            field("date_evidence", StringType, true),
            field("encoding", StringType, false),
            field("sha256", StringType, false),
            field("n_bytes", LongType, false),
            field("n_chars", IntegerType, false),
            field("n_articles", IntegerType, false),
            field("layout", StringType, true),
            field("is_traditional", BooleanType, false),
            field("pinyin_removed", IntegerType, false),
            field("mojibake_spans", IntegerType, false),
            field("boilerplate_lines", IntegerType, false),
            field("flags", DataTypes.createArrayType(StringType, false), false),
    });

    public static final StructType QUARANTINE_SCHEMA = new StructType(new StructField[]{
            field("source_path", StringType, false),
            field("reason", StringType, false),
            field("detail", StringType, true),
            field("run_id", StringType, false),
            field("doc_id", StringType, true),
            field("issue_date", DateType, true),
            field("sha256", StringType, true),
            field("n_bytes", LongType, true),
            field("sample", StringType, true),
    });

    public static final StructType ARTICLES_SCHEMA = new StructType(new StructField[]{
            field("article_id", StringType, false),
            field("doc_id", StringType, false),
            field("source_path", StringType, false),
            field("source", StringType, true),
            field("issue_date", DateType, false),
            field("ordinal", IntegerType, false),
            field("kind", StringType, false),
            field("kicker", StringType, true),
            field("headline", StringType, true),
            field("subheadline", StringType, true),
            field("byline", StringType, true),
            field("dateline_place", StringType, true),
            field("dateline_date", DateType, true),
            field("region_code", StringType, false),
            field("region_name", StringType, false),
            field("region_source", StringType, false),
            field("place_code", StringType, false),
            field("body", StringType, false),
            field("n_chars", IntegerType, false),
            field("flags", DataTypes.createArrayType(StringType, false), false),
    });

    public static final StructType RUNS_SCHEMA = new StructType(new StructField[]{
            field("run_id", StringType, false),
            field("command", StringType, false),
            field("args", StringType, true),
            field("status", StringType, false),
            field("started_at", TimestampType, false),
            field("finished_at", TimestampType, true),
            field("issue_dates", DataTypes.createArrayType(DateType, false), true),
            field("n_files", LongType, true),
            field("n_documents", LongType, true),
            field("n_articles", LongType, true),
            field("n_quarantined", LongType, true),
            field("error", StringType, true),
            field("code_version", StringType, false),
    });

    private Tables() {
    }

    /**
     * The columns of {@code schema}, in its order and types, taken by name from {@code rows}: what a
     * stage writes is exactly the table's contract, whatever order its computation left them in.
     */
    public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> conform(
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows, StructType schema) {
        org.apache.spark.sql.Column[] columns = new org.apache.spark.sql.Column[schema.fields().length];
        for (int i = 0; i < columns.length; i++) {
            StructField f = schema.fields()[i];
            columns[i] = rows.col(f.name()).cast(f.dataType()).as(f.name());
        }
        return rows.select(columns);
    }

    private static StructType monthly(StructType daily) {
        StructField[] fields = daily.fields().clone();
        fields[0] = field("month", DateType, false);
        return new StructType(fields);
    }

    /**
     * The columns of a trend table, {@code keys} (the subject) after the region: what
     * {@code term_trends} and {@code entity_trends} hold and what the trends step computes.
     */
    public static StructType trendSchema(StructField... keys) {
        List<StructField> fields = new java.util.ArrayList<>();
        fields.add(field("granularity", StringType, false));
        fields.add(field("period_start", DateType, false));
        fields.add(field("period_end", DateType, false));
        fields.add(field("region_code", StringType, false));
        fields.addAll(List.of(keys));
        fields.add(field("count", LongType, false));
        fields.add(field("docs", LongType, false));
        fields.add(field("articles", LongType, false));
        fields.add(field("share", DataTypes.DoubleType, false));
        fields.add(field("baseline_periods", LongType, false));
        fields.add(field("baseline_mean", DataTypes.DoubleType, true));
        fields.add(field("baseline_sd", DataTypes.DoubleType, true));
        fields.add(field("zscore", DataTypes.DoubleType, true));
        fields.add(field("is_burst", BooleanType, false));
        return new StructType(fields.toArray(new StructField[0]));
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
