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

    /** Tables this version writes, in the order a reader meets them. */
    public static final List<String> ALL = List.of(DOCUMENTS, QUARANTINE, ARTICLES, ARTICLE_TOKENS, TERMS, ENTITIES,
            WORD_CANDIDATES, RUNS);

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

    private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
