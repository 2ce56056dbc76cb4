package io.newstrends.nlp;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.DynamicCustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import com.hankcs.hanlp.utility.Predefine;
import io.newstrends.region.Gazetteer;
import io.newstrends.region.Region;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * HanLP's Viterbi segmenter with our domain lexicon. Configuration happens once, in the
 * constructor; {@link #tokenize} only analyses, which HanLP supports from many threads at once.
 * Long texts are cut at sentence ends into chunks, so memory stays bounded whatever the length.
 */
public final class HanLpTokenizer implements Tokenizer {

    /** Frequency given to lexicon words without one: high enough to win over splitting them. */
    private static final String DEFAULT_FREQUENCY = "1000";
    private static final String SENTENCE_ENDS = "。！？；!?;\n";

    private final Segment segment;
    private final int chunkChars;
    private final int lexiconSize;

    public HanLpTokenizer(NlpSettings settings, Gazetteer gazetteer) {
        Predefine.logger.setLevel(Level.SEVERE);
        Map<String, String> lexicon = lexicon(settings, gazetteer);
        this.lexiconSize = lexicon.size();
        Segment s = HanLP.newSegment()
                .enableOffset(true)
                .enableNameRecognize(settings.personRecognition())
                .enablePlaceRecognize(settings.placeRecognition())
                .enableOrganizationRecognize(settings.organizationRecognition());
        s.enableCustomDictionary(customDictionary(lexicon));
        this.segment = s;
        this.chunkChars = settings.chunkChars();
    }

    /** The configured HanLP segmenter itself, for measuring HanLP's raw speed with the same configuration. */
    public Segment segment() {
        return segment;
    }

    /** Number of domain words added on top of HanLP's own dictionaries. */
    public int lexiconSize() {
        return lexiconSize;
    }

    @Override
    public List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        int start = 0;
        while (start < text.length()) {
            int end = chunkEnd(text, start);
            for (Term term : segment.seg(text.substring(start, end))) {
                if (!term.word.isBlank()) {
                    tokens.add(new Token(term.word, term.nature == null ? "x" : term.nature.toString(), start + term.offset));
                }
            }
            start = end;
        }
        return tokens;
    }

    /** End of the chunk starting at {@code start}: the last sentence end within the limit, else the limit. */
    int chunkEnd(String text, int start) {
        int limit = Math.min(text.length(), start + chunkChars);
        if (limit == text.length()) {
            return limit;
        }
        for (int i = limit - 1; i > start + chunkChars / 2; i--) {
            if (SENTENCE_ENDS.indexOf(text.charAt(i)) >= 0) {
                return i + 1;
            }
        }
        // No sentence end in the second half: cut, but never inside a surrogate pair.
        return Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    }

    /** word -> "tag frequency", from the lexicon files and (optionally) the gazetteer. */
    static Map<String, String> lexicon(NlpSettings settings, Gazetteer gazetteer) {
        Map<String, String> words = new LinkedHashMap<>();
        if (settings.gazetteerAsLexicon()) {
            for (Region r : gazetteer.all()) {
                words.put(r.name(), "ns " + DEFAULT_FREQUENCY);
                for (String alias : gazetteer.aliasesOf(r)) {
                    words.put(alias, "ns " + DEFAULT_FREQUENCY);
                }
            }
        }
        for (String resource : settings.lexicons()) {
            for (String line : Resources.lines(resource)) {
                String[] parts = line.split("\\s+");
                String tag = parts.length > 1 ? parts[1] : "nz";
                String frequency = parts.length > 2 ? parts[2] : DEFAULT_FREQUENCY;
                words.put(parts[0], tag + " " + frequency);
            }
        }
        return words;
    }

    private static DynamicCustomDictionary customDictionary(Map<String, String> lexicon) {
        try {
            // HanLP loads custom dictionaries from files; ours is written to a private temp file.
            Path file = Files.createTempFile("newstrends-lexicon-", ".txt");
            file.toFile().deleteOnExit();
            Path.of(file + ".bin").toFile().deleteOnExit();
            StringBuilder text = new StringBuilder();
            lexicon.forEach((word, attributes) -> text.append(word).append(' ').append(attributes).append('\n'));
            Files.writeString(file, text.isEmpty() ? "内蒙古自治区 ns 1000\n" : text, StandardCharsets.UTF_8);
            return new DynamicCustomDictionary(file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the domain lexicon: " + e.getMessage(), e);
        }
    }
}
