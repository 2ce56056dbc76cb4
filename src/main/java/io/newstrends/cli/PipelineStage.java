package io.newstrends.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The stages {@code run} chains in one Spark application, in this order. {@code run --stages
 * nlp,analyze} re-runs the later stages over articles already ingested (after a lexicon change, or
 * on the benchmark's peers' path) in one application: one JVM start, one session, and the
 * JIT-compiled Spark, Delta and Parquet code of the first stage serving the next.
 */
public enum PipelineStage {
    INGEST, NLP, ANALYZE;

    public static final Set<PipelineStage> ALL = Set.copyOf(EnumSet.allOf(PipelineStage.class));

    /** The stages of a comma-separated list such as {@code nlp,analyze}: known and consecutive. */
    public static Set<PipelineStage> parse(String list) {
        EnumSet<PipelineStage> stages = EnumSet.noneOf(PipelineStage.class);
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            try {
                stages.add(valueOf(trimmed.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown stage '" + trimmed + "' (stages: ingest, nlp, analyze)");
            }
        }
        // Each stage reads what the one before it wrote; a gap would analyse tokens of articles
        // that were re-ingested but not segmented again.
        List<PipelineStage> chosen = List.copyOf(stages);
        if (chosen.get(chosen.size() - 1).ordinal() - chosen.get(0).ordinal() != chosen.size() - 1) {
            throw new IllegalArgumentException("--stages must be consecutive stages of ingest,nlp,analyze, not '"
                    + list + "'");
        }
        return Set.copyOf(stages);
    }
}
