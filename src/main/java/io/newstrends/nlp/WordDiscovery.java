package io.newstrends.nlp;

import com.hankcs.hanlp.mining.word.NewWordDiscover;
import com.hankcs.hanlp.mining.word.WordInfo;
import io.newstrends.config.AppConfig;
import io.newstrends.region.Gazetteers;
import io.newstrends.spark.DateRange;
import io.newstrends.spark.DeltaStore;
import io.newstrends.spark.Tables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The {@code discover-words} command: HanLP's new-word discovery (frequency, internal
 * aggregation, boundary entropy) over the articles of a date range, written to
 * {@code word_candidates} as lexicon candidates. Words the segmenter's dictionaries already
 * hold are left out by HanLP; {@code in_lexicon} marks those our domain lexicon already has.
 */
public final class WordDiscovery {

    /** Characters that do not start or end a word: candidates such as 的重 or 是加 straddle a boundary. */
    private static final String FUNCTION_CHARACTERS = "的了是在和与及或也就都而并被把将对为从向以之其这那个";

    private WordDiscovery() {
    }

    /** Runs discovery; returns the candidates written. */
    public static List<Row> run(SparkSession spark, DeltaStore store, AppConfig.DiscoverSettings settings,
                                NlpSettings nlp, DateRange range, String runId, String lineage) {
        if (!store.exists(Tables.ARTICLES)) {
            throw new IllegalStateException("no articles table in the warehouse; run `newstrends ingest` first");
        }
        StringBuilder text = new StringBuilder();
        Iterator<Row> bodies = store.read(Tables.ARTICLES).where(range.sqlFilter()).select("body")
                .orderBy("article_id").toLocalIterator();
        while (bodies.hasNext() && text.length() < settings.maxChars()) {
            String body = bodies.next().getString(0);
            text.append(body, 0, (int) Math.min(body.length(), settings.maxChars() - text.length())).append('\n');
        }
        List<WordInfo> found = discover(text.toString(), settings).stream().filter(w -> !hasFunctionEdge(w.text)).toList();
        Set<String> lexicon = HanLpTokenizer.lexicon(nlp, Gazetteers.shared()).keySet();
        List<Row> rows = new ArrayList<>();
        for (WordInfo w : found) {
            rows.add(RowFactory.create(w.text, w.frequency, (double) w.aggregation, (double) w.entropy,
                    lexicon.contains(w.text), range.from(), range.to(), runId));
        }
        // One candidate set at a time: the latest discovery replaces the table.
        store.replaceWhere(Tables.WORD_CANDIDATES, spark.createDataFrame(rows, Tables.WORD_CANDIDATES_SCHEMA), "true", lineage);
        return rows;
    }

    static boolean hasFunctionEdge(String word) {
        return word.isEmpty() || FUNCTION_CHARACTERS.indexOf(word.charAt(0)) >= 0
                || FUNCTION_CHARACTERS.indexOf(word.charAt(word.length() - 1)) >= 0;
    }

    /** HanLP's discovery on plain text, words its core dictionary lacks, most frequent first. */
    public static List<WordInfo> discover(String text, AppConfig.DiscoverSettings settings) {
        NewWordDiscover discover = new NewWordDiscover(settings.maxWordLength(), (float) settings.minFrequency(),
                (float) settings.minEntropy(), (float) settings.minAggregation(), true);
        return discover.discover(text, settings.size());
    }
}
