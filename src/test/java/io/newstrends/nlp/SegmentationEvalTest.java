package io.newstrends.nlp;

import io.newstrends.region.Gazetteer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Span scoring on hand-made cases, and the job's configured segmenter on the SIGHAN 2005 test
 * sets: it must score at least what HanLP's defaults score there (PKU 0.890, MSR 0.866).
 */
class SegmentationEvalTest {

    static final Path SIGHAN = Path.of("../shared/eval/sighan2005");

    @Test
    void spansScoreWordsNotCharacters(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("raw"), "我们在包头市\n");
        Files.writeString(tmp.resolve("gold"), "我们  在  包头市\n");
        Tokenizer split = text -> List.of(new Token("我们", "r", 0), new Token("在", "p", 2), new Token("包头", "ns", 3),
                new Token("市", "n", 5));
        SegmentationEval.Scores s = SegmentationEval.evaluate(split, tmp.resolve("raw"), tmp.resolve("gold"));
        assertEquals(3, s.goldWords());
        assertEquals(4, s.predictedWords());
        assertEquals(2, s.correctWords());
        assertEquals(0.5, s.precision(), 1e-9);
        assertEquals(2.0 / 3, s.recall(), 1e-9);
        assertEquals(2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3), s.f1(), 1e-9);
        assertTrue(s.toString().contains("F1=0.5714"));
    }

    @Test
    void theJobsSegmenterScoresAtLeastHanLpDefaultsOnSighan2005() throws IOException {
        HanLpTokenizer job = new HanLpTokenizer(NlpSettings.defaults(), Gazetteer.load(Path.of("conf/regions.csv")));
        SegmentationEval.Scores pku = SegmentationEval.evaluate(job, SIGHAN.resolve("pku_test.utf8"),
                SIGHAN.resolve("pku_test_gold.utf8"));
        SegmentationEval.Scores msr = SegmentationEval.evaluate(job, SIGHAN.resolve("msr_test.utf8"),
                SIGHAN.resolve("msr_test_gold.utf8"));
        System.out.println("SIGHAN 2005 PKU " + pku);
        System.out.println("SIGHAN 2005 MSR " + msr);
        assertEquals(1945, pku.lines());
        assertEquals(3985, msr.lines());
        assertTrue(pku.f1() >= 0.890, pku.toString());
        assertTrue(msr.f1() >= 0.866, msr.toString());
    }
}
