package io.newstrends.generate;

import io.newstrends.nlp.HanLpTokenizer;
import io.newstrends.nlp.NlpSettings;
import io.newstrends.nlp.Token;
import io.newstrends.nlp.Tokenizers;
import io.newstrends.region.Gazetteers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default planted terms are ordinary nouns of the seed issues that the job's segmenter keeps
 * whole, and the sentences planted for them are real sentences in which it does.
 */
class PlantedTermsTest {

    static HanLpTokenizer tokenizer;
    static SourceText text;
    static String seeds;

    @BeforeAll
    static void load() throws IOException {
        tokenizer = Tokenizers.shared(NlpSettings.defaults());
        text = SourceText.load(null, Spec.of(Path.of("unused"), 1, 1, 0).rawTextFiles(), Gazetteers.shared());
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(Path.of("../shared/corpus/seeds"))) {
            for (Path f : files.sorted().toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        seeds = all.toString();
    }

    @Test
    void everyDefaultTermOccursInTheSeedsAndIsSegmentedAsOneNoun() {
        for (String term : Plan.DEFAULT_TERMS) {
            assertTrue(seeds.contains(term), term + " is not in the seed issues");
            List<String> sentences = Plan.termSentences(term, text, tokenizer);
            assertTrue(sentences.size() >= Plan.MIN_TERM_SENTENCES, term + ": " + sentences.size() + " sentences");
            for (String s : sentences) {
                assertTrue(s.contains(term));
                List<Token> tokens = tokenizer.tokenize(s);
                assertTrue(tokens.stream().anyMatch(t -> t.word().equals(term) && t.pos().startsWith("n")),
                        term + " is not one noun in " + s + ": " + tokens);
                assertTrue(Plan.isWholeNoun(term, s, tokens), term + " is split somewhere in " + s + ": " + tokens);
            }
        }
    }

    @Test
    void aTermHanLpSplitsHasNoSentenceToPlant() {
        // 光伏 occurs in the seeds, but HanLP cuts it into 光 + 伏
        assertTrue(seeds.contains("光伏"));
        assertEquals(List.of(), Plan.termSentences("光伏", text, tokenizer));
    }

    @Test
    void topicWordsAreTheBlocksMostFrequentNouns() {
        List<String> words = Plan.words(List.of(
                "草原生态保护是牧区的大事，草原承包到户以后，牧民保护草原的积极性提高了。",
                "草原上的牧民说，生态好了，草原上的牛羊也多了。"), tokenizer);
        assertEquals("草原", words.get(0));
        assertTrue(words.stream().allMatch(w -> w.length() >= 2), words.toString());
    }
}
