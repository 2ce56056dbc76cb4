package io.newstrends.nlp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Stopword lists, loaded once per JVM from the application jar (or the working directory). */
public final class Stopwords {

    private static final Map<String, Set<String>> LOADED = new ConcurrentHashMap<>();

    private Stopwords() {
    }

    public static Set<String> load(String resource) {
        return LOADED.computeIfAbsent(resource, r -> Set.copyOf(new java.util.HashSet<>(Resources.lines(r))));
    }
}
