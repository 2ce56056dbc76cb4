package io.newstrends.nlp;

import io.newstrends.region.Gazetteers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One configured tokenizer per JVM and settings: built on first use inside a partition (on the
 * executor, from the dictionaries in the application jar), never per row and never serialized.
 */
public final class Tokenizers {

    private static final Map<NlpSettings, HanLpTokenizer> SHARED = new ConcurrentHashMap<>();

    private Tokenizers() {
    }

    /** The shared tokenizer for these settings; HanLP configuration runs once, under the map's lock. */
    public static HanLpTokenizer shared(NlpSettings settings) {
        return SHARED.computeIfAbsent(settings, s -> new HanLpTokenizer(s, Gazetteers.shared()));
    }
}
