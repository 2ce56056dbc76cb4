package io.newstrends.analyze;

import org.apache.commons.math3.special.Beta;

/**
 * The upper tail of the binomial distribution, P(X ≥ k) for X ~ Binomial(n, p): how likely a
 * term is to be in k or more of a period's n articles if its rate were the baseline's p.
 */
final class BinomialTail {

    private BinomialTail() {
    }

    /** P(X ≥ k), 1 for k ≤ 0; by the identity P(X ≥ k) = I_p(k, n − k + 1) (regularized beta). */
    static double atLeast(long k, long n, double p) {
        if (k <= 0) {
            return 1.0;
        }
        if (k > n || p <= 0) {
            return 0.0;
        }
        if (p >= 1) {
            return 1.0;
        }
        return Beta.regularizedBeta(p, k, n - k + 1.0);
    }
}
