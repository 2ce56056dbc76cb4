package io.newstrends.analyze;

import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Tables;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.clustering.LocalLDAModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sum;

/**
 * LDA topics over the articles' candidate terms (online variational Bayes): fitted in the driver by
 * {@link OnlineLda} when the training window has at most {@code local-max-articles} articles, by Spark
 * MLlib otherwise; either way saved and applied as an MLlib model.
 *
 * <p>The current model is the one fitted last. A model is fitted on about {@code training-articles} of the latest articles, with a
 * vocabulary of the {@code vocabulary-size} terms found in the most articles (at least
 * {@code min-df}, at most {@code max-df-share} of them). It is saved under
 * {@code <warehouse>/_models/topics/<model_id>} with its vectorizer and registered in
 * {@code topic_models}; {@code model_id} is a hash of the parameters and the training data, so
 * refitting the same data gives the same id. A run uses the latest model and refits when there
 * is none, when asked ({@code --refit-topics}), or when its latest date is more than
 * {@code refit-every-days} past the model's training data. After a refit the articles of the
 * training window are inferred again, so recent trends compare within one model.
 */
final class Topics {

    private Topics() {
    }

    /** What the topic step did. */
    record Outcome(String modelId, boolean refitted, SortedSet<LocalDate> inferredDates) {
    }

    private record Model(String id, String path, LocalDate trainingTo) {
    }

    static Outcome write(SparkSession spark, DeltaStore store, AnalyzeSettings settings, RunSlice slice,
                         boolean refitRequested, String runId, String lineage) {
        AnalyzeSettings.Topics s = settings.topics();
        LocalDate last = slice.dates().last();
        Model model = latestModel(store);
        boolean refit = refitRequested || model == null || last.isAfter(model.trainingTo().plusDays(s.refitEveryDays()));
        SortedSet<LocalDate> inferred = new TreeSet<>(slice.dates());
        if (refit) {
            Model fitted = fit(spark, store, settings, last, runId, lineage);
            if (fitted == null) {
                ensureTables(store, lineage);
                return new Outcome(model == null ? null : model.id(), false, new TreeSet<>());
            }
            model = fitted;
            // Infer the training window again so that recent periods compare within one model.
            inferred.addAll(datesBetween(store, trainingFrom(store, s, last), last));
        }
        // The slice's own predicate too: a bounded run also empties dates of its range that lost their articles.
        String predicate = "(" + RunSlice.dateIn("issue_date", inferred) + ") OR (" + slice.predicate() + ")";
        Dataset<Row> bags = bags(store, settings.keywords(), predicate);
        Dataset<Row> articles = store.read(Tables.ARTICLE_TOKENS).where(predicate)
                .select("article_id", "issue_date", "region_code")
                .join(bags, new String[]{"article_id"}, "left")
                .withColumn("words", functions.coalesce(col("words"), expr("array()").cast("array<string>")));
        CountVectorizerModel vectorizer = CountVectorizerModel.load(model.path() + "/vectorizer");
        LocalLDAModel lda = LocalLDAModel.load(model.path() + "/lda");
        Dataset<Row> distributions = lda.transform(vectorizer.transform(articles))
                .withColumn("weights", org.apache.spark.ml.functions.vector_to_array(col("topicDistribution"), "float64"))
                .withColumn("weight", array_max(col("weights")))
                .withColumn("topic_id", array_position(col("weights"), col("weight")).minus(1).cast("int"))
                .withColumn("model_id", lit(model.id()));
        store.replaceWhere(Tables.ARTICLE_TOPICS, Tables.conform(distributions, Tables.ARTICLE_TOPICS_SCHEMA),
                predicate, lineage);
        RunSlice trendSlice = RunSlice.of(io.newstrends.spark.DateRange.all(), inferred,
                RunSlice.dateIn("issue_date", inferred));
        writeTrends(store, trendSlice, lineage);
        ensureTables(store, lineage);
        return new Outcome(model.id(), refit, inferred);
    }

    /** Topic shares per period and region of the periods holding the inferred dates. */
    private static void writeTrends(DeltaStore store, RunSlice slice, String lineage) {
        List<String> replaced = new ArrayList<>();
        Dataset<Row> all = null;
        Dataset<Row> labels = store.read(Tables.TOPICS).where("rank = 1").select("model_id", "topic_id", "label");
        for (Granularity g : Granularity.values()) {
            SortedSet<LocalDate> periods = slice.computedPeriods(g);
            replaced.add("(granularity = '" + g.label() + "' AND " + RunSlice.dateIn("period_start", periods) + ")");
            Dataset<Row> rows = store.read(Tables.ARTICLE_TOPICS)
                    .where(col("issue_date").geq(lit(periods.first())).and(col("issue_date").leq(lit(g.end(periods.last())))))
                    .withColumn("period_start", expr(g.sqlStart("issue_date")))
                    .where(RunSlice.dateIn("period_start", periods));
            Dataset<Row> exploded = rows.select(col("model_id"), col("period_start"), col("region_code"),
                    col("topic_id").as("top_topic"), posexplode(col("weights")).as(new String[]{"topic_id", "w"}));
            Dataset<Row> byRegion = shares(exploded, col("region_code"))
                    .unionByName(shares(exploded, lit(Tables.ALL_REGIONS)))
                    .withColumn("granularity", lit(g.label()))
                    .withColumn("period_end", expr(g.sqlEnd("period_start")));
            all = all == null ? byRegion : all.unionByName(byRegion);
        }
        Dataset<Row> rows = all.join(labels, new String[]{"model_id", "topic_id"});
        store.replaceWhere(Tables.TOPIC_TRENDS, Tables.conform(rows, Tables.TOPIC_TRENDS_SCHEMA),
                String.join(" OR ", replaced), lineage);
    }

    private static Dataset<Row> shares(Dataset<Row> exploded, Column region) {
        return exploded.groupBy(col("model_id"), col("period_start"), region.as("region_code"), col("topic_id"))
                .agg(count(lit(1)).as("articles"), avg("w").as("share"),
                        count_if(col("top_topic").equalTo(col("topic_id"))).as("top_articles"));
    }

    /** Each article's candidate terms, repeated tf times, as LDA's bag of words. */
    private static Dataset<Row> bags(DeltaStore store, AnalyzeSettings.Keywords keywords, String predicate) {
        return store.read(Tables.TERMS).where(predicate).where(DailyAggregates.candidates(keywords))
                .groupBy("article_id")
                .agg(functions.flatten(collect_list(expr("array_repeat(term, tf)"))).as("words"));
    }

    private static Model fit(SparkSession spark, DeltaStore store, AnalyzeSettings settings, LocalDate last,
                             String runId, String lineage) {
        AnalyzeSettings.Topics s = settings.topics();
        LocalDate from = trainingFrom(store, s, last);
        String training = "issue_date >= DATE'" + from + "' AND issue_date <= DATE'" + last + "'";
        Dataset<Row> terms = store.read(Tables.TERMS).where(training)
                .where(DailyAggregates.candidates(settings.keywords()));
        long nArticles = store.read(Tables.ARTICLE_TOKENS).where(training).count();
        // The vocabulary is chosen here, ordered by article count then term, so that it (and with
        // it the fit) does not depend on how Spark happens to partition the data.
        List<String> vocabulary = terms.groupBy("term").agg(count(lit(1)).as("df"))
                .where(col("df").geq(s.minDf()).and(col("df").leq(Math.max(s.minDf(), s.maxDfShare() * nArticles))))
                .orderBy(col("df").desc(), col("term").asc()).limit(s.vocabularySize())
                .select("term").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        if (vocabulary.size() < s.k() || nArticles < s.k()) {
            org.slf4j.LoggerFactory.getLogger(Topics.class).warn(
                    "analyze: {} article(s) and {} vocabulary term(s) from {} to {} are too few for {} topics; no topic model",
                    nArticles, vocabulary.size(), from, last, s.k());
            return null;
        }
        Dataset<Row> vocab = spark.createDataFrame(vocabulary.stream().map(RowFactory::create).toList(),
                new org.apache.spark.sql.types.StructType().add("term", "string"));
        Dataset<Row> bags = terms.join(broadcast(vocab), "term")
                .groupBy("article_id").agg(functions.flatten(collect_list(expr("array_repeat(term, tf)"))).as("words"));
        CountVectorizerModel vectorizer = new CountVectorizerModel(vocabulary.toArray(new String[0]))
                .setInputCol("words").setOutputCol("features");
        boolean local = nArticles <= s.localMaxArticles();
        Dataset<Row> documents = local ? null : bags.repartition(spark.sparkContext().defaultParallelism(), col("article_id"))
                .sortWithinPartitions("article_id").persist();
        try {
            long fitStart = System.nanoTime();
            LDA lda = new LDA().setK(s.k()).setMaxIter(s.iterations()).setSeed(s.seed()).setOptimizer("online")
                    .setLearningOffset(s.learningOffset()).setOptimizeDocConcentration(true)
                    .setFeaturesCol("features");
            Dataset<Row> features;
            LDAModel fitted;
            long nDocuments;
            if (local) {
                // Sorted by id on the driver, so that the fit does not depend on how Spark partitioned the rows.
                List<Row> rows = new ArrayList<>(vectorizer.transform(bags).select("article_id", "features").collectAsList());
                rows.sort(java.util.Comparator.comparing(r -> r.getString(0)));
                nDocuments = rows.size();
                features = spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                        .add("article_id", "string").add("features", new org.apache.spark.ml.linalg.VectorUDT()));
                fitted = fitLocally(spark, lda.setSubsamplingRate(samplingRate(nDocuments)), rows, vocabulary.size());
            } else {
                // Not cached as a DataFrame: LDA then caches the vectors it iterates over itself, instead
                // of converting cached rows to vectors again in every iteration.
                features = vectorizer.transform(documents).select("article_id", "features");
                nDocuments = features.count();
                fitted = lda.setSubsamplingRate(samplingRate(nDocuments)).fit(features);
            }
            org.slf4j.LoggerFactory.getLogger(Topics.class).info(
                    "analyze: LDA of {} topics fitted {} on {} article(s), {} terms, {} iterations in {} ms", s.k(),
                    local ? "in the driver" : "by Spark MLlib", nDocuments, vocabulary.size(), s.iterations(),
                    (System.nanoTime() - fitStart) / 1_000_000);
            String id = modelId(s, from, last, nDocuments, vocabulary);
            double perplexity = fitted.logPerplexity(features);
            String path = modelPath(store, id);
            try {
                vectorizer.write().overwrite().save(path + "/vectorizer");
                fitted.write().overwrite().save(path + "/lda");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not save the topic model to " + path, e);
            }
            List<Row> topicRows = new ArrayList<>();
            for (Row t : fitted.describeTopics(s.topTerms()).collectAsList()) {
                int topic = t.getInt(0);
                List<Integer> indices = t.getList(1);
                List<Double> weights = t.getList(2);
                List<String> top = new ArrayList<>();
                for (int i = 0; i < indices.size() && i < 3; i++) {
                    top.add(vocabulary.get(indices.get(i)));
                }
                String label = String.join("·", top);
                for (int i = 0; i < indices.size(); i++) {
                    topicRows.add(RowFactory.create(id, topic, label, i + 1, vocabulary.get(indices.get(i)),
                            weights.get(i)));
                }
            }
            String modelSlice = "model_id = " + DeltaStore.literal(id);
            store.replaceWhere(Tables.TOPICS, spark.createDataFrame(topicRows, Tables.TOPICS_SCHEMA), modelSlice,
                    lineage);
            Row registered = RowFactory.create(id, Timestamp.from(Instant.now()), runId, s.k(), s.iterations(),
                    vocabulary.size(), nDocuments, from, last, perplexity, path);
            // Registered last: a model is used only once its files and topics are all written.
            store.replaceWhere(Tables.TOPIC_MODELS, spark.createDataFrame(List.of(registered), Tables.TOPIC_MODELS_SCHEMA),
                    modelSlice, lineage);
            return new Model(id, path, last);
        } finally {
            if (documents != null) {
                documents.unpersist();
            }
        }
    }

    /** Small corpora take every document in each iteration; large ones a mini-batch of about 2,000. */
    private static double samplingRate(long nDocuments) {
        return Math.max(0.05, Math.min(1.0, 2000.0 / Math.max(1, nDocuments)));
    }

    /**
     * Fits {@code rows} (article_id, features) with {@link OnlineLda} in this JVM, with the
     * estimator's settings, and returns it as the MLlib model that MLlib's own fit would give: the
     * same files on disk, loaded and applied by the same code.
     */
    private static LDAModel fitLocally(SparkSession spark, LDA lda, List<Row> rows, int vocabularySize) {
        List<OnlineLda.Document> documents = new ArrayList<>(rows.size());
        for (Row r : rows) {
            org.apache.spark.ml.linalg.SparseVector v = ((org.apache.spark.ml.linalg.Vector) r.get(1)).toSparse();
            documents.add(new OnlineLda.Document(v.indices(), v.values()));
        }
        OnlineLda.Model m = OnlineLda.fit(documents, vocabularySize, new OnlineLda.Settings(lda.getK(), lda.getMaxIter(),
                lda.getLearningOffset(), lda.getLearningDecay(), lda.getSubsamplingRate(), lda.getOptimizeDocConcentration(),
                lda.getSeed()));
        int k = m.alpha().length;
        // MLlib keeps the topics as a vocabulary x k matrix of lambda, column-major.
        double[] topics = new double[vocabularySize * k];
        for (int topic = 0; topic < k; topic++) {
            System.arraycopy(m.lambda()[topic], 0, topics, topic * vocabularySize, vocabularySize);
        }
        var old = new org.apache.spark.mllib.clustering.LocalLDAModel(
                org.apache.spark.mllib.linalg.Matrices.dense(vocabularySize, k, topics),
                org.apache.spark.mllib.linalg.Vectors.dense(m.alpha()), m.eta(), OnlineLda.GAMMA_SHAPE);
        // Constructors that Scala keeps to Spark's packages (public to Java), as LDA.fit builds its model.
        LocalLDAModel model = new LocalLDAModel(lda.uid(), vocabularySize, old, spark);
        return lda.copyValues(model, lda.copyValues$default$2()).setParent(lda);
    }

    /** The first date of the latest {@code training-articles} articles up to {@code last}. */
    private static LocalDate trainingFrom(DeltaStore store, AnalyzeSettings.Topics s, LocalDate last) {
        List<Row> perDate = store.read(Tables.ARTICLE_DAILY).where(col("issue_date").leq(lit(last)))
                .groupBy("issue_date").agg(sum("articles").as("n")).orderBy(col("issue_date").desc()).collectAsList();
        long total = 0;
        LocalDate from = last;
        for (Row r : perDate) {
            from = r.getAs("issue_date");
            total += r.getLong(1);
            if (total >= s.trainingArticles()) {
                break;
            }
        }
        return from;
    }

    private static List<LocalDate> datesBetween(DeltaStore store, LocalDate from, LocalDate to) {
        return store.read(Tables.ARTICLE_DAILY)
                .where(col("issue_date").geq(lit(from)).and(col("issue_date").leq(lit(to))))
                .select("issue_date").distinct().as(org.apache.spark.sql.Encoders.LOCALDATE()).collectAsList();
    }

    private static Model latestModel(DeltaStore store) {
        if (!store.exists(Tables.TOPIC_MODELS)) {
            return null;
        }
        List<Row> latest = store.read(Tables.TOPIC_MODELS)
                .orderBy(col("fitted_at").desc(), col("model_id")).limit(1).collectAsList();
        if (latest.isEmpty()) {
            return null;
        }
        Row r = latest.get(0);
        String id = r.getAs("model_id");
        // Loaded from this warehouse, not from the path recorded at fitting: a warehouse that was
        // moved or copied keeps working (the recorded path may be gone, or another warehouse's).
        return new Model(id, modelPath(store, id), r.getAs("training_to"));
    }

    /** Where a model's vectorizer and LDA files live: {@code <warehouse>/_models/topics/<model_id>}. */
    static String modelPath(DeltaStore store, String modelId) {
        return store.path("_models") + "/topics/" + modelId;
    }

    static String modelId(AnalyzeSettings.Topics s, LocalDate from, LocalDate to, long documents, List<String> vocabulary) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((s + "|" + from + "|" + to + "|" + documents + "|").getBytes(StandardCharsets.UTF_8));
            for (String term : vocabulary) {
                digest.update(term.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "lda-" + HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void ensureTables(DeltaStore store, String lineage) {
        store.ensure(Tables.TOPIC_MODELS, Tables.TOPIC_MODELS_SCHEMA, lineage);
        store.ensure(Tables.TOPICS, Tables.TOPICS_SCHEMA, lineage);
        store.ensure(Tables.ARTICLE_TOPICS, Tables.ARTICLE_TOPICS_SCHEMA, lineage);
        store.ensure(Tables.TOPIC_TRENDS, Tables.TOPIC_TRENDS_SCHEMA, lineage);
    }
}
