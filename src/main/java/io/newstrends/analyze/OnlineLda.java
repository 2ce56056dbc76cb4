package io.newstrends.analyze;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.special.Gamma;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * LDA by online variational Bayes (Hoffman, Blei and Bach, "Online Learning for Latent Dirichlet
 * Allocation", NIPS 2010) over documents held in memory: the algorithm Spark MLlib's online
 * optimizer runs, without a Spark job per iteration.
 *
 * <p>Each iteration takes a mini-batch of documents (all of them when the sampling rate is 1),
 * infers each one's topic mixture with the topics fixed (the E-step), and moves the topics'
 * word weights {@code lambda} a step of {@code (offset + t)^-decay} towards what that batch
 * implies for the whole corpus. With {@code optimizeAlpha} the documents' Dirichlet prior
 * {@code alpha} takes one Newton step towards its maximum likelihood after each batch, as
 * MLlib's {@code optimizeDocConcentration} does.
 *
 * <p>Deterministic: one random stream, documents in the order given, and partial sums added in a
 * fixed order however many threads compute them.
 */
final class OnlineLda {

    /** Spark's default shape of the Gamma distribution the random starts are drawn from. */
    static final double GAMMA_SHAPE = 100;
    /**
     * A batch's E-steps run in this many parts side by side; a fixed number, so that the sums
     * (and the model) are the same on any machine.
     */
    private static final int CHUNKS = 8;
    /** The E-step of one document stops when its topic weights move less than this on average. */
    private static final double CONVERGED = 1e-3;
    private static final int MAX_INNER_ITERATIONS = 100;

    private OnlineLda() {
    }

    /** One document: distinct vocabulary indices and their counts. */
    record Document(int[] terms, double[] counts) {
        Document {
            if (terms.length != counts.length) {
                throw new IllegalArgumentException(terms.length + " terms, " + counts.length + " counts");
            }
        }
    }

    /**
     * @param k              topics
     * @param iterations     mini-batches
     * @param learningOffset tau0 of the step (tau0 + t)^-decay
     * @param learningDecay  kappa of that step, in (0.5, 1]
     * @param samplingRate   share of the documents in each mini-batch, in (0, 1]
     * @param optimizeAlpha  whether the documents' prior is learnt
     * @param seed           random seed
     */
    record Settings(int k, int iterations, double learningOffset, double learningDecay, double samplingRate,
                    boolean optimizeAlpha, long seed) {
    }

    /**
     * A fitted model.
     *
     * @param lambda topics by vocabulary: the variational Dirichlet parameters of each topic's words
     * @param alpha  the documents' Dirichlet prior over topics
     * @param eta    the topics' symmetric Dirichlet prior over words
     */
    record Model(double[][] lambda, double[] alpha, double eta) {
    }

    static Model fit(List<Document> documents, int vocabularySize, Settings s) {
        int k = s.k();
        RandomGenerator random = new Well19937c(s.seed());
        GammaDistribution start = new GammaDistribution(random, GAMMA_SHAPE, 1.0 / GAMMA_SHAPE);
        double[][] lambda = new double[k][vocabularySize];
        for (double[] row : lambda) {
            for (int w = 0; w < vocabularySize; w++) {
                row[w] = start.sample();
            }
        }
        double[] alpha = new double[k];
        java.util.Arrays.fill(alpha, 1.0 / k);
        double eta = 1.0 / k;
        double[][] expElogBeta = new double[k][vocabularySize];
        double[][][] chunkStats = new double[CHUNKS][k][vocabularySize];
        double[][] chunkLogTheta = new double[CHUNKS][k];
        List<Document> batch = new ArrayList<>();
        for (int t = 1; t <= s.iterations(); t++) {
            batch.clear();
            for (Document d : documents) {
                if (d.terms().length > 0 && (s.samplingRate() >= 1 || random.nextDouble() < s.samplingRate())) {
                    batch.add(d);
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            for (int topic = 0; topic < k; topic++) {
                dirichletExpectation(lambda[topic], expElogBeta[topic]);
                expInPlace(expElogBeta[topic]);
            }
            // The random starts are drawn in order, before the E-steps run side by side.
            double[][] starts = new double[batch.size()][k];
            for (double[] gamma : starts) {
                for (int topic = 0; topic < k; topic++) {
                    gamma[topic] = start.sample();
                }
            }
            int nChunks = Math.min(CHUNKS, batch.size());
            IntStream.range(0, nChunks).parallel().forEach(c -> eStep(batch, starts,
                    c * batch.size() / nChunks, (c + 1) * batch.size() / nChunks, expElogBeta, alpha, chunkStats[c], chunkLogTheta[c]));
            // Summed in chunk order: the same sums whatever the number of threads.
            double[][] stats = chunkStats[0];
            double[] logThetaSum = chunkLogTheta[0];
            for (int c = 1; c < nChunks; c++) {
                for (int topic = 0; topic < k; topic++) {
                    logThetaSum[topic] += chunkLogTheta[c][topic];
                    double[] into = stats[topic];
                    double[] from = chunkStats[c][topic];
                    for (int w = 0; w < vocabularySize; w++) {
                        into[w] += from[w];
                    }
                }
            }
            double rho = Math.pow(s.learningOffset() + t, -s.learningDecay());
            double scale = (double) documents.size() / batch.size();
            for (int topic = 0; topic < k; topic++) {
                double[] row = lambda[topic];
                for (int w = 0; w < vocabularySize; w++) {
                    double implied = eta + scale * stats[topic][w] * expElogBeta[topic][w];
                    row[w] = (1 - rho) * row[w] + rho * implied;
                }
            }
            if (s.optimizeAlpha()) {
                updateAlpha(alpha, logThetaSum, batch.size(), rho);
            }
        }
        return new Model(lambda, alpha, eta);
    }

    /**
     * The E-steps of the batch's documents {@code from} to {@code to} (exclusive): their
     * sufficient statistics for lambda into {@code stats}, and the sum of their E[log theta] into
     * {@code logThetaSum}, both overwritten.
     */
    private static void eStep(List<Document> batch, double[][] starts, int from, int to, double[][] expElogBeta,
                              double[] alpha, double[][] stats, double[] logThetaSum) {
        int k = alpha.length;
        for (double[] row : stats) {
            java.util.Arrays.fill(row, 0);
        }
        java.util.Arrays.fill(logThetaSum, 0);
        double[] logTheta = new double[k];
        for (int i = from; i < to; i++) {
            Document d = batch.get(i);
            double[] gamma = starts[i];
            double[] norm = inferDocument(d, expElogBeta, alpha, gamma);
            dirichletExpectation(gamma, logTheta);
            int[] terms = d.terms();
            double[] counts = d.counts();
            for (int topic = 0; topic < k; topic++) {
                logThetaSum[topic] += logTheta[topic];
                double theta = Math.exp(logTheta[topic]);
                double[] row = stats[topic];
                for (int j = 0; j < terms.length; j++) {
                    row[terms[j]] += theta * counts[j] / norm[j];
                }
            }
        }
    }

    /**
     * The E-step of one document: iterates its topic weights {@code gamma} (given its random start)
     * to a fixed point with the topics fixed; returns each term's normalizer, the sum over topics
     * of exp(E[log theta]) * exp(E[log beta]).
     */
    static double[] inferDocument(Document d, double[][] expElogBeta, double[] alpha, double[] gamma) {
        int k = alpha.length;
        int[] terms = d.terms();
        double[] counts = d.counts();
        int n = terms.length;
        double[][] beta = new double[k][n];
        for (int topic = 0; topic < k; topic++) {
            for (int j = 0; j < n; j++) {
                beta[topic][j] = expElogBeta[topic][terms[j]];
            }
        }
        double[] theta = new double[k];
        dirichletExpectation(gamma, theta);
        expInPlace(theta);
        double[] norm = new double[n];
        double[] ratio = new double[n];
        normalizers(beta, theta, norm);
        for (int inner = 0; inner < MAX_INNER_ITERATIONS; inner++) {
            for (int j = 0; j < n; j++) {
                ratio[j] = counts[j] / norm[j];
            }
            double change = 0;
            for (int topic = 0; topic < k; topic++) {
                double dot = 0;
                double[] b = beta[topic];
                for (int j = 0; j < n; j++) {
                    dot += b[j] * ratio[j];
                }
                double updated = alpha[topic] + theta[topic] * dot;
                change += Math.abs(updated - gamma[topic]);
                gamma[topic] = updated;
            }
            dirichletExpectation(gamma, theta);
            expInPlace(theta);
            normalizers(beta, theta, norm);
            if (change / k < CONVERGED) {
                break;
            }
        }
        return norm;
    }

    private static void normalizers(double[][] beta, double[] theta, double[] norm) {
        java.util.Arrays.fill(norm, 1e-100);
        for (int topic = 0; topic < theta.length; topic++) {
            double th = theta[topic];
            double[] b = beta[topic];
            for (int j = 0; j < norm.length; j++) {
                norm[j] += th * b[j];
            }
        }
    }

    /**
     * One Newton step towards the maximum-likelihood Dirichlet prior given the batch's mean
     * E[log theta] (Minka, "Estimating a Dirichlet distribution", 2000: the Hessian is a diagonal
     * plus a constant, so the step needs no matrix inverse), scaled by the learning rate and
     * taken only if every component stays positive.
     */
    static void updateAlpha(double[] alpha, double[] logThetaSum, int batchSize, double rho) {
        int k = alpha.length;
        double alphaSum = 0;
        for (double a : alpha) {
            alphaSum += a;
        }
        double n = batchSize;
        double c = n * Gamma.trigamma(alphaSum);
        double digammaSum = digamma(alphaSum);
        double[] gradient = new double[k];
        double[] q = new double[k];
        double gOverQ = 0;
        double oneOverQ = 0;
        for (int i = 0; i < k; i++) {
            gradient[i] = n * (digammaSum - digamma(alpha[i]) + logThetaSum[i] / n);
            q[i] = -n * Gamma.trigamma(alpha[i]);
            gOverQ += gradient[i] / q[i];
            oneOverQ += 1 / q[i];
        }
        double b = gOverQ / (1 / c + oneOverQ);
        double[] next = new double[k];
        for (int i = 0; i < k; i++) {
            next[i] = alpha[i] - rho * (gradient[i] - b) / q[i];
            if (!(next[i] > 0)) {
                return;
            }
        }
        System.arraycopy(next, 0, alpha, 0, k);
    }

    /** E[log x] under Dirichlet(params), into {@code out}: digamma(p_i) - digamma(sum p). */
    static void dirichletExpectation(double[] params, double[] out) {
        double sum = 0;
        for (double p : params) {
            sum += p;
        }
        double digammaSum = digamma(sum);
        for (int i = 0; i < params.length; i++) {
            out[i] = digamma(params[i]) - digammaSum;
        }
    }

    private static void expInPlace(double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(values[i]);
        }
    }

    /**
     * The digamma function for x > 0: the recurrence psi(x) = psi(x + 1) - 1/x up to x >= 6, then
     * the asymptotic series ln x - 1/(2x) - sum B_2n / (2n x^2n), whose terms up to x^-12 leave
     * an error far below double precision there. (Commons Math's version recurses up to x = 49,
     * which costs more in the E-step's inner loop, where it is called most.)
     */
    static double digamma(double x) {
        double shift = 0;
        while (x < 6) {
            shift -= 1 / x;
            x += 1;
        }
        double inv2 = 1 / (x * x);
        double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
                - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 / 12))))));
        return shift + Math.log(x) - 0.5 / x - series;
    }
}
