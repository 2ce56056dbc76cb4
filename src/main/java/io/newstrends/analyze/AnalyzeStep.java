package io.newstrends.analyze;

import java.util.EnumSet;
import java.util.Set;

/**
 * The steps of {@code analyze} after the daily aggregates (which always run: every step reads
 * them). {@code --steps keywords} recomputes keywords alone, e.g. after a change of the keyword
 * settings, and is the path the benchmark compares with the peers.
 */
public enum AnalyzeStep {
    /** {@code keywords}: TF-IDF per day and per day x region. */
    KEYWORDS,
    /** {@code term_trends} and {@code entity_trends}. */
    TRENDS,
    /** {@code topics}, {@code article_topics}, {@code topic_trends} (and a model when one is fitted). */
    TOPICS;

    public static final Set<AnalyzeStep> ALL = Set.copyOf(EnumSet.allOf(AnalyzeStep.class));
}
