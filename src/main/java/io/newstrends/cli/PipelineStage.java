package io.newstrends.cli;

import java.util.EnumSet;
import java.util.List;
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

    /** Whether {@code stages} run without a gap: ingest,nlp or nlp,analyze, not ingest,analyze. */
    public static boolean consecutive(Set<PipelineStage> stages) {
        List<PipelineStage> chosen = List.copyOf(EnumSet.copyOf(stages));
        return chosen.get(chosen.size() - 1).ordinal() - chosen.get(0).ordinal() == chosen.size() - 1;
    }
}
