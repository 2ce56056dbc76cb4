package io.newstrends.ingest;

import io.newstrends.ingest.InputFiles.InputFile;
import io.newstrends.ingest.Records.ArticleRow;
import io.newstrends.ingest.Records.DocumentRow;
import io.newstrends.ingest.Records.Processed;
import io.newstrends.ingest.Records.QuarantineRow;
import io.newstrends.region.Gazetteers;
import io.newstrends.spark.DateRange;
import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Tables;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code ingest} stage: input files -> {@code documents}, {@code quarantine}, {@code articles}.
 *
 * <p>Read: the driver lists the input and skips files whose manifest or path date is outside
 * the run's dates without opening them. Transform: executors read each file and run the plain
 * Java {@link DocumentProcessor} on it. Write: documents and articles replace exactly the issue
 * dates of this run; quarantine replaces the rows of the files this run read.
 */
public final class IngestStage {

    private static final Logger LOG = LoggerFactory.getLogger(IngestStage.class);

    private IngestStage() {
    }

    /** What a run of the stage did. */
    public record Result(Set<LocalDate> issueDates, long files, long documents, long articles, long quarantinedFiles,
                         long quarantineRows) {
    }

    public static Result run(SparkSession spark, DeltaStore store, String input, IngestSettings settings,
                             DateRange range, String runId, String lineage) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        URI root = InputFiles.qualifiedRoot(input, hadoop);
        Manifest manifest = InputFiles.manifest(root, hadoop, Gazetteers.shared());

        // In date order (files of no known date last), so that each task, a contiguous slice of
        // the list, holds a range of dates and writes one file of each table for it: a later rerun
        // of one past date then rewrites only that file, not every file of a backfill.
        record Dated(LocalDate date, InputFile file) {
        }
        List<Dated> dated = new ArrayList<>();
        for (InputFile f : InputFiles.list(root, hadoop)) {
            LocalDate date = DocumentProcessor.knownDate(f.relativePath(), manifest.find(f.relativePath()).orElse(null))
                    .map(IssueDate::date).orElse(null);
            if (date == null || range.contains(date)) {
                dated.add(new Dated(date, f));
            }
        }
        // A stable sort: files of one date stay in path order.
        dated.sort(Comparator.comparing(Dated::date, Comparator.nullsLast(Comparator.naturalOrder())));
        List<InputFile> selected = dated.stream().map(Dated::file).toList();
        LOG.info("ingest: {} input file(s) under {} for {}", selected.size(), root, range);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<FileReader> reader = jsc.broadcast(new FileReader(root, hadoopSettings(hadoop), manifest, settings));
        int slices = Math.max(1, Math.min(selected.size(), jsc.defaultParallelism() * 4));
        JavaRDD<Processed> processed = jsc.parallelize(selected, slices)
                .mapPartitions(files -> reader.value().process(files))
                .filter(p -> inRange(p, range))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // One small row per file tells everything the writes and the run summary need.
            List<FileSummary> summaries = processed.map(FileSummary::of).collect();
            List<String> readPaths = summaries.stream().map(FileSummary::sourcePath).toList();
            Set<LocalDate> dates = new TreeSet<>();
            long nDocuments = 0;
            long nArticles = 0;
            long nQuarantineRows = 0;
            for (FileSummary f : summaries) {
                if (f.issueDate() != null) {
                    dates.add(f.issueDate());
                    nDocuments++;
                }
                nArticles += f.articles();
                nQuarantineRows += f.quarantineRows();
            }

            Dataset<Row> documents = spark.createDataFrame(
                    processed.filter(p -> p.document() != null).map(p -> documentRow(p.document())), Tables.DOCUMENTS_SCHEMA);
            Dataset<Row> articles = spark.createDataFrame(
                    processed.flatMap(p -> p.articles().stream().map(IngestStage::articleRow).iterator()), Tables.ARTICLES_SCHEMA);
            Dataset<Row> quarantine = spark.createDataFrame(
                    processed.flatMap(p -> p.quarantine().stream().map(q -> quarantineRow(q, runId)).iterator()),
                    Tables.QUARANTINE_SCHEMA);

            String datePredicate = range.ownedSlice(dates);
            store.replaceWhere(Tables.DOCUMENTS, documents, datePredicate, lineage);
            store.replaceWhere(Tables.ARTICLES, articles, datePredicate, lineage);
            store.replaceWhere(Tables.QUARANTINE, quarantine, DeltaStore.in("source_path", readPaths), lineage);
            store.ensure(Tables.DOCUMENTS, Tables.DOCUMENTS_SCHEMA, lineage);
            store.ensure(Tables.ARTICLES, Tables.ARTICLES_SCHEMA, lineage);
            store.ensure(Tables.QUARANTINE, Tables.QUARANTINE_SCHEMA, lineage);

            return new Result(dates, summaries.size(), nDocuments, nArticles, summaries.size() - nDocuments,
                    nQuarantineRows);
        } finally {
            processed.unpersist(false);
            reader.destroy();
        }
    }

    private static boolean inRange(Processed p, DateRange range) {
        LocalDate date = p.document() != null ? p.document().issueDate()
                : p.quarantine().isEmpty() ? null : p.quarantine().get(0).issueDate();
        return date == null || range.contains(date);
    }

    /** What one file became, small enough to collect for every file of a run. */
    record FileSummary(String sourcePath, LocalDate issueDate, int articles, int quarantineRows) implements Serializable {

        /** {@code issueDate} is the document's, or null when the file was quarantined. */
        static FileSummary of(Processed p) {
            String path = p.document() != null ? p.document().sourcePath() : p.quarantine().get(0).sourcePath();
            return new FileSummary(path, p.document() == null ? null : p.document().issueDate(), p.articles().size(),
                    p.quarantine().size());
        }
    }

    private static Map<String, String> hadoopSettings(Configuration conf) {
        Map<String, String> settings = new HashMap<>();
        for (Map.Entry<String, String> e : conf) {
            settings.put(e.getKey(), e.getValue());
        }
        return settings;
    }

    static Row documentRow(DocumentRow d) {
        return RowFactory.create(d.docId(), d.sourcePath(), d.source(), d.issueDate(), d.dateSource(), d.dateEvidence(),
                d.encoding(), d.sha256(), d.nBytes(), d.nChars(), d.nArticles(), d.layout(), d.isTraditional(),
                d.pinyinRemoved(), d.mojibakeSpans(), d.boilerplateLines(), d.flags().toArray(new String[0]));
    }

    static Row articleRow(ArticleRow a) {
        return RowFactory.create(a.articleId(), a.docId(), a.sourcePath(), a.source(), a.issueDate(), a.ordinal(),
                a.kind(), a.kicker(), a.headline(), a.subheadline(), a.byline(), a.datelinePlace(), a.datelineDate(),
                a.regionCode(), a.regionName(), a.regionSource(), a.placeCode(), a.body(), a.nChars(),
                a.flags().toArray(new String[0]));
    }

    static Row quarantineRow(QuarantineRow q, String runId) {
        return RowFactory.create(q.sourcePath(), q.reason(), q.detail(), runId, q.docId(), q.issueDate(), q.sha256(),
                q.nBytes(), q.sample());
    }

    /** Executor side: reads files and processes them; one instance per executor via broadcast. */
    static final class FileReader implements Serializable {
        private final URI root;
        private final Map<String, String> hadoopSettings;
        private final Manifest manifest;
        private final IngestSettings settings;
        private transient Configuration conf;

        FileReader(URI root, Map<String, String> hadoopSettings, Manifest manifest, IngestSettings settings) {
            this.root = root;
            this.hadoopSettings = hadoopSettings;
            this.manifest = manifest;
            this.settings = settings;
        }

        Iterator<Processed> process(Iterator<InputFile> files) {
            DocumentProcessor processor = new DocumentProcessor(Gazetteers.shared(), settings);
            Configuration hadoop = configuration();
            List<Processed> out = new ArrayList<>();
            while (files.hasNext()) {
                InputFile f = files.next();
                out.add(processOne(processor, hadoop, f));
            }
            return out.iterator();
        }

        private Processed processOne(DocumentProcessor processor, Configuration hadoop, InputFile f) {
            ManifestEntry entry = manifest.find(f.relativePath()).orElse(null);
            LocalDate known = DocumentProcessor.knownDate(f.relativePath(), entry).map(IssueDate::date).orElse(null);
            try {
                byte[] bytes = InputFiles.read(root, f.relativePath(), hadoop, settings.maxFileBytes());
                if (bytes == null) {
                    return new Processed(null, List.of(), List.of(new QuarantineRow(f.relativePath(), "too_large",
                            f.size() + " bytes is over the limit of " + settings.maxFileBytes(), null, known, null,
                            f.size(), null)));
                }
                return processor.process(f.relativePath(), bytes, entry);
            } catch (Exception | StackOverflowError e) {
                // One bad file must not stop the run: it is quarantined with what went wrong.
                return new Processed(null, List.of(), List.of(new QuarantineRow(f.relativePath(), "processing_error",
                        e.getClass().getSimpleName() + ": " + e.getMessage(), null, known, null, f.size(), null)));
            }
        }

        private Configuration configuration() {
            if (conf == null) {
                conf = new Configuration(false);
                hadoopSettings.forEach(conf::set);
            }
            return conf;
        }
    }
}
