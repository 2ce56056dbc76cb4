package io.newstrends.nlp;

import java.io.Serializable;
import java.util.List;

/**
 * How the segmenter is configured; equal settings give an equal (shared) segmenter.
 *
 * <p>HanLP's bundled custom dictionary is not used: it merges words beyond the PKU conventions
 * the core dictionary follows (SIGHAN F1 drops), and the portable jar cannot load it into a
 * per-segmenter dictionary. The domain lexicon replaces it.
 *
 * @param personRecognition       HanLP's person-name recognition (nr)
 * @param placeRecognition        HanLP's place-name recognition (ns) beyond the dictionaries
 * @param organizationRecognition HanLP's organization recognition (nt) beyond the dictionaries
 * @param lexicons                classpath resources of the domain lexicon ({@code word tag [freq]} lines)
 * @param gazetteerAsLexicon      add every gazetteer name and alias as a place word (ns)
 * @param stopwords               classpath resource of the stopword list
 * @param chunkChars              texts longer than this are segmented in sentence-bounded chunks
 */
public record NlpSettings(boolean personRecognition, boolean placeRecognition, boolean organizationRecognition,
                          List<String> lexicons, boolean gazetteerAsLexicon,
                          String stopwords, int chunkChars) implements Serializable {

    public static NlpSettings defaults() {
        return new NlpSettings(true, false, false,
                List.of("conf/lexicon/places.txt", "conf/lexicon/policy.txt", "conf/lexicon/people.txt",
                        "conf/lexicon/words.txt"), true,
                "conf/stopwords.txt", 4000);
    }
}
