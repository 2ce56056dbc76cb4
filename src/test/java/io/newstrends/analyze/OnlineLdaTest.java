package io.newstrends.analyze;

import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnlineLdaTest {

    /** Three topics, each with 20 words of its own; 10 more words that every topic uses. */
    private static final int TOPICS = 3;
    private static final int OWN_WORDS = 20;
    private static final int SHARED_WORDS = 10;
    private static final int VOCABULARY = TOPICS * OWN_WORDS + SHARED_WORDS;

    private record Corpus(List<OnlineLda.Document> documents, int[] mainTopic) {
    }

    /**
     * Documents of 80 tokens: 85 % from their main topic's own words, 10 % from the shared words,
     * 5 % from any word.
     */
    private static Corpus corpus(int nDocuments, long seed) {
        Random random = new Random(seed);
        List<OnlineLda.Document> documents = new ArrayList<>();
        int[] main = new int[nDocuments];
        for (int d = 0; d < nDocuments; d++) {
            main[d] = d % TOPICS;
            double[] counts = new double[VOCABULARY];
            for (int i = 0; i < 80; i++) {
                double u = random.nextDouble();
                int word = u < 0.85 ? main[d] * OWN_WORDS + random.nextInt(OWN_WORDS)
                        : u < 0.95 ? TOPICS * OWN_WORDS + random.nextInt(SHARED_WORDS) : random.nextInt(VOCABULARY);
                counts[word]++;
            }
            int n = (int) Arrays.stream(counts).filter(c -> c > 0).count();
            int[] terms = new int[n];
            double[] values = new double[n];
            for (int w = 0, j = 0; w < VOCABULARY; w++) {
                if (counts[w] > 0) {
                    terms[j] = w;
                    values[j++] = counts[w];
                }
            }
            documents.add(new OnlineLda.Document(terms, values));
        }
        return new Corpus(documents, main);
    }

    private static OnlineLda.Settings settings(double samplingRate, long seed) {
        return new OnlineLda.Settings(TOPICS, 60, 1.0, 0.51, samplingRate, true, seed);
    }

    /** The true topic whose own words make up all of the fitted topic's top 10, or -1. */
    private static int trueTopicOf(double[] lambdaRow) {
        Integer[] order = new Integer[lambdaRow.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(lambdaRow[b], lambdaRow[a]));
        Set<Integer> owners = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            owners.add(order[i] < TOPICS * OWN_WORDS ? order[i] / OWN_WORDS : -1);
        }
        return owners.size() == 1 ? owners.iterator().next() : -1;
    }

    private static void assertRecovers(Corpus corpus, OnlineLda.Model model) {
        int[] fittedToTrue = new int[TOPICS];
        for (int t = 0; t < TOPICS; t++) {
            fittedToTrue[t] = trueTopicOf(model.lambda()[t]);
            assertTrue(fittedToTrue[t] >= 0, "topic " + t + "'s top words mix the planted topics: "
                    + Arrays.toString(model.lambda()[t]));
        }
        assertEquals(TOPICS, Arrays.stream(fittedToTrue).distinct().count(), Arrays.toString(fittedToTrue));

        // Each document's inferred mixture peaks at the fitted topic of its main topic.
        double[][] expElogBeta = new double[TOPICS][VOCABULARY];
        for (int t = 0; t < TOPICS; t++) {
            OnlineLda.dirichletExpectation(model.lambda()[t], expElogBeta[t]);
            for (int w = 0; w < VOCABULARY; w++) {
                expElogBeta[t][w] = Math.exp(expElogBeta[t][w]);
            }
        }
        int right = 0;
        for (int d = 0; d < corpus.documents().size(); d++) {
            double[] gamma = new double[TOPICS];
            Arrays.fill(gamma, 1.0);
            OnlineLda.inferDocument(corpus.documents().get(d), expElogBeta, model.alpha(), gamma);
            int best = 0;
            for (int t = 1; t < TOPICS; t++) {
                best = gamma[t] > gamma[best] ? t : best;
            }
            right += fittedToTrue[best] == corpus.mainTopic()[d] ? 1 : 0;
        }
        assertTrue(right >= 0.98 * corpus.documents().size(), right + " of " + corpus.documents().size());
    }

    @Test
    void recoversPlantedTopicsTakingEveryDocumentInEachIteration() {
        Corpus corpus = corpus(300, 7);
        assertRecovers(corpus, OnlineLda.fit(corpus.documents(), VOCABULARY, settings(1.0, 42)));
    }

    @Test
    void recoversPlantedTopicsFromMiniBatches() {
        Corpus corpus = corpus(3000, 8);
        assertRecovers(corpus, OnlineLda.fit(corpus.documents(), VOCABULARY, settings(0.1, 42)));
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnotherStart() {
        Corpus corpus = corpus(90, 9);
        OnlineLda.Model a = OnlineLda.fit(corpus.documents(), VOCABULARY, settings(1.0, 1));
        OnlineLda.Model b = OnlineLda.fit(corpus.documents(), VOCABULARY, settings(1.0, 1));
        OnlineLda.Model c = OnlineLda.fit(corpus.documents(), VOCABULARY, settings(1.0, 2));
        for (int t = 0; t < TOPICS; t++) {
            assertArrayEquals(a.lambda()[t], b.lambda()[t], 0.0);
        }
        assertArrayEquals(a.alpha(), b.alpha(), 0.0);
        assertFalse(Arrays.equals(a.lambda()[0], c.lambda()[0]));
    }

    @Test
    void oneThreadAndFourGiveTheSameModel() throws Exception {
        Corpus corpus = corpus(200, 11);
        OnlineLda.Model[] models = new OnlineLda.Model[2];
        int[] threads = {1, 4};
        for (int i = 0; i < 2; i++) {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads[i]);
            try {
                models[i] = pool.submit(() -> OnlineLda.fit(corpus.documents(), VOCABULARY, settings(0.5, 5))).get();
            } finally {
                pool.shutdown();
            }
        }
        for (int t = 0; t < TOPICS; t++) {
            assertArrayEquals(models[0].lambda()[t], models[1].lambda()[t], 0.0);
        }
        assertArrayEquals(models[0].alpha(), models[1].alpha(), 0.0);
    }

    @Test
    void emptyDocumentsAreSkippedAndTheModelStaysFinite() {
        List<OnlineLda.Document> documents = new ArrayList<>(corpus(30, 10).documents());
        documents.add(new OnlineLda.Document(new int[0], new double[0]));
        documents.add(0, new OnlineLda.Document(new int[0], new double[0]));
        OnlineLda.Model model = OnlineLda.fit(documents, VOCABULARY, settings(1.0, 3));
        for (double[] row : model.lambda()) {
            assertTrue(Arrays.stream(row).allMatch(v -> Double.isFinite(v) && v > 0));
        }
        assertTrue(Arrays.stream(model.alpha()).allMatch(v -> Double.isFinite(v) && v > 0), Arrays.toString(model.alpha()));
        // Only empty documents: nothing to learn from, the random start comes back.
        OnlineLda.Model none = OnlineLda.fit(List.of(new OnlineLda.Document(new int[0], new double[0])), 4,
                settings(1.0, 3));
        assertArrayEquals(new double[]{1.0 / TOPICS, 1.0 / TOPICS, 1.0 / TOPICS}, none.alpha(), 0.0);
    }

    @Test
    void alphaStepsReachTheDirichletWhoseExpectedLogsTheBatchShows() {
        double[] target = {0.5, 1.5, 3.0};
        double[] expectedLog = new double[3];
        OnlineLda.dirichletExpectation(target, expectedLog);
        int n = 500;
        double[] logThetaSum = Arrays.stream(expectedLog).map(v -> v * n).toArray();
        double[] alpha = {1.0 / 3, 1.0 / 3, 1.0 / 3};
        for (int i = 0; i < 100; i++) {
            OnlineLda.updateAlpha(alpha, logThetaSum, n, 1.0);
        }
        assertArrayEquals(target, alpha, 1e-9);
    }

    @Test
    void digammaHasItsKnownValuesAndRecurrence() {
        double eulerGamma = 0.5772156649015329;
        assertEquals(-eulerGamma, OnlineLda.digamma(1), 1e-12);
        assertEquals(-eulerGamma - 2 * Math.log(2), OnlineLda.digamma(0.5), 1e-12);
        assertEquals(-eulerGamma + 1 + 1.0 / 2 + 1.0 / 3, OnlineLda.digamma(4), 1e-12);
        assertEquals(-eulerGamma - Math.PI / 2 - 3 * Math.log(2), OnlineLda.digamma(0.25), 1e-12);   // Gauss's digamma theorem
        for (double x = 1e-4; x < 2000; x *= 1.07) {
            assertEquals(1 / x, OnlineLda.digamma(x + 1) - OnlineLda.digamma(x), 1e-11 * Math.max(1, 1 / x), "x = " + x);
            // Commons Math's digamma is good to about 1e-8.
            assertEquals(Gamma.digamma(x), OnlineLda.digamma(x), 1e-8 * Math.max(1, Math.abs(Gamma.digamma(x))), "x = " + x);
        }
    }
}
