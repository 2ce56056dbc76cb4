package io.newstrends.nlp;

import io.newstrends.region.Gazetteer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job's segmenter: lexicon words whole, PKU tags, offsets into the text, threads, long input. */
class HanLpTokenizerTest {

    static HanLpTokenizer tokenizer;

    @BeforeAll
    static void build() {
        tokenizer = new HanLpTokenizer(NlpSettings.defaults(), Gazetteer.load(Path.of("conf/regions.csv")));
    }

    static List<String> words(String text) {
        return tokenizer.tokenize(text).stream().map(Token::word).toList();
    }

    static String tagOf(String text, String word) {
        return tokenizer.tokenize(text).stream().filter(t -> t.word().equals(word)).findFirst()
                .map(Token::pos).orElse("missing: " + words(text));
    }

    @Test
    void gazetteerPlacesStayWholeAsPlaces() {
        String text = "巴彦淖尔市、鄂尔多斯市和准格尔旗的干部在康巴什区调研，甘其毛都口岸通关顺畅。";
        List<String> w = words(text);
        assertTrue(w.containsAll(List.of("巴彦淖尔市", "鄂尔多斯市", "准格尔旗", "康巴什区", "甘其毛都口岸")), w.toString());
        assertEquals("ns", tagOf(text, "巴彦淖尔市"));
        assertEquals("ns", tagOf(text, "鄂尔多斯市"));
    }

    @Test
    void policyTermsStayWhole() {
        String text = "铸牢中华民族共同体意识，深化放管服改革，推进一网通办，打造一流营商环境。";
        List<String> w = words(text);
        assertTrue(w.containsAll(List.of("铸牢中华民族共同体意识", "一网通办", "营商环境")), w.toString());
        assertTrue(w.contains("放管服改革") || w.contains("放管服"), w.toString());
    }

    @Test
    void peopleAreTaggedAsNames() {
        String text = "自治区党委书记石泰峰主持会议，自治区主席王莉霞出席。";
        assertEquals("nr", tagOf(text, "石泰峰"));
        assertEquals("nr", tagOf(text, "王莉霞"));
    }

    @Test
    void tagsArePkuStyleAndOffsetsPointIntoTheText() {
        String text = "包头市与呼和浩特市签署合作协议。";
        List<Token> tokens = tokenizer.tokenize(text);
        for (Token t : tokens) {
            assertEquals(t.word(), text.substring(t.offset(), t.offset() + t.word().length()), t.toString());
        }
        assertEquals("w", tagOf(text, "。"));
        assertEquals("v", tagOf(text, "签署"));
        assertEquals(text.length(), tokens.stream().mapToInt(t -> t.word().length()).sum());
    }

    @Test
    void oddInputPassesThrough() {
        assertEquals(List.of(), tokenizer.tokenize(""));
        assertEquals(List.of(), tokenizer.tokenize(null));
        assertTrue(words("12345678901234567890").size() >= 1);
        List<Token> latin = tokenizer.tokenize("The quick brown fox jumps over the lazy dog. PVC MES APP");
        assertTrue(latin.size() >= 9, latin.toString());
        assertTrue(tokenizer.tokenize("   \n\n  ").isEmpty());
    }

    @Test
    void aMillionCharacterArticleIsSegmentedInChunksWithOffsetsIntact() {
        String paragraph = "自治区党委外事工作委员会召开第三次会议，研究部署外事工作重点任务。";
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 1_000_000) {
            sb.append(paragraph);
        }
        String text = sb.toString();
        List<Token> tokens = tokenizer.tokenize(text);
        int covered = 0;
        int previousEnd = 0;
        for (Token t : tokens) {
            assertEquals(previousEnd, t.offset(), "tokens tile the text without gaps or overlaps");
            previousEnd = t.offset() + t.word().length();
            covered += t.word().length();
        }
        assertEquals(text.length(), covered);
        // Chunks end at sentence ends, so a chunk boundary never splits a word of the paragraph.
        List<String> firstWords = words(paragraph);
        List<String> lastWords = tokens.subList(tokens.size() - firstWords.size(), tokens.size()).stream().map(Token::word).toList();
        assertEquals(firstWords, lastWords);
    }

    @Test
    void chunksEndAtSentenceEndsOrAtTheLimit() {
        HanLpTokenizer small = new HanLpTokenizer(new NlpSettings(true, false, false, List.of(), false,
                "conf/stopwords.txt", 10), Gazetteer.load(Path.of("conf/regions.csv")));
        assertEquals(8, small.chunkEnd("一二三四五六七。八九十一二三四五", 0));
        assertEquals(10, small.chunkEnd("一二三四五六七八九十一二三四五", 0), "no sentence end: cut at the limit");
        assertEquals(3, small.chunkEnd("一二三", 0));
    }

    @Test
    void manyThreadsGiveExactlyTheResultsOfOne() throws Exception {
        List<String> texts = new ArrayList<>();
        for (String seed : List.of("000_7778472d3299ae51.txt", "002_e54c1e9959352caf.txt", "003_4acd579b3569145d.txt")) {
            String raw = java.nio.file.Files.readString(Path.of("../shared/corpus/seeds").resolve(seed));
            for (String line : raw.split("\n")) {
                if (line.length() > 10) {
                    texts.add(line);
                }
            }
        }
        List<List<Token>> single = new ArrayList<>();
        for (String t : texts) {
            single.add(tokenizer.tokenize(t));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<List<Token>>> futures = new ArrayList<>();
                for (String t : texts) {
                    futures.add(pool.submit(() -> tokenizer.tokenize(t)));
                }
                for (int i = 0; i < texts.size(); i++) {
                    assertEquals(single.get(i), futures.get(i).get(), texts.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(texts.size() > 100);
    }

    @Test
    void oneTokenizerPerJvmAndSettings() {
        assertTrue(Tokenizers.shared(NlpSettings.defaults()) == Tokenizers.shared(NlpSettings.defaults()));
        assertTrue(tokenizer.lexiconSize() > 200, "gazetteer names, aliases and lexicon files: " + tokenizer.lexiconSize());
    }
}
