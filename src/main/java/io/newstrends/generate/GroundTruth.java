package io.newstrends.generate;

import io.newstrends.ingest.Csv;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * One row of {@code ground_truth.csv}: something planted in the corpus.
 *
 * @param kind       {@link #TERM_TREND} or {@link #TOPIC}
 * @param name       the term, or the topic's name
 * @param regionCode region of the paper it was planted in
 * @param from       first day
 * @param to         last day
 * @param rate       share of that paper's articles in the window carrying it
 * @param words      characteristic words: the term itself, or the topic block's ten most frequent nouns
 * @param carried    the other words the planted text brings along (of the term's planted sentences,
 *                   or of the topic's block), in order of first appearance: they rise in the
 *                   plant's region and window too, because of the plant
 */
public record GroundTruth(String kind, String name, String regionCode, LocalDate from, LocalDate to, double rate,
                          List<String> words, List<String> carried) {

    public static final String FILE_NAME = "ground_truth.csv";
    public static final String HEADER = "kind,name,region_code,from,to,rate,words,carried";
    public static final String TERM_TREND = "term_trend";
    public static final String TOPIC = "topic";

    public GroundTruth {
        words = List.copyOf(words);
        carried = List.copyOf(carried);
    }

    /** The CSV line, without its line break. */
    public String csvLine() {
        return String.join(",", kind, Csv.quote(name), regionCode, from.toString(), to.toString(),
                String.format(Locale.ROOT, "%.4f", rate), Csv.quote(String.join("|", words)),
                Csv.quote(String.join("|", carried)));
    }
}
