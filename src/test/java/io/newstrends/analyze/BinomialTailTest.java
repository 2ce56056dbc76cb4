package io.newstrends.analyze;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The binomial upper tail against the sum of the probability mass function. */
class BinomialTailTest {

    /** P(X ≥ k) summed term by term: C(n, i) p^i (1 - p)^(n - i), i = k..n. */
    static double bySum(int k, int n, double p) {
        double total = 0;
        for (int i = k; i <= n; i++) {
            double logChoose = 0;
            for (int j = 1; j <= i; j++) {
                logChoose += Math.log(n - i + j) - Math.log(j);
            }
            total += Math.exp(logChoose + i * Math.log(p) + (n - i) * Math.log1p(-p));
        }
        return total;
    }

    @Test
    void matchesTheSumOfTheMassFunction() {
        int[][] cases = {{3, 8}, {6, 10}, {1, 1}, {4, 4}, {7, 15}, {30, 60}, {120, 1000}, {2, 5000}};
        for (int[] c : cases) {
            for (double p : new double[]{1e-4, 0.01, 0.0854, 0.3, 0.9}) {
                double expected = bySum(c[0], c[1], p);
                assertEquals(expected, BinomialTail.atLeast(c[0], c[1], p), 1e-9 * Math.max(1e-300, expected) + 1e-15,
                        c[0] + " of " + c[1] + " at " + p);
            }
        }
        assertEquals(0.005788, BinomialTail.atLeast(3, 8, 0.05), 1e-6); // 3 or more of 8 at 5%
    }

    @Test
    void edges() {
        assertEquals(1.0, BinomialTail.atLeast(0, 10, 0.2));
        assertEquals(0.0, BinomialTail.atLeast(11, 10, 0.2));
        assertEquals(0.0, BinomialTail.atLeast(1, 10, 0.0));
        assertEquals(1.0, BinomialTail.atLeast(10, 10, 1.0));
    }
}
