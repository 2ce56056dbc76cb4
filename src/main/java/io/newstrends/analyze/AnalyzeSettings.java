package io.newstrends.analyze;

import java.io.Serializable;
import java.util.List;

/**
 * Settings of the {@code analyze} stage; every key is in {@code conf/newstrends.conf} and README.
 *
 * @param keywords how candidate terms are chosen and scored
 * @param trends   the baselines and thresholds of term and entity trends
 * @param topics   the LDA topic model
 */
public record AnalyzeSettings(Keywords keywords, Trends trends, Topics topics) implements Serializable {

    /**
     * @param tags          tag prefixes of candidate terms: {@code n} takes n, nr, ns, nt, nz …
     * @param exclude       resource listing terms too general to be keywords, trends or topic words
     * @param minDf         a candidate occurs in at least this many articles of the IDF window
     * @param idfWindowMonths IDF counts the articles of this many whole months before the scored day's month and of that month up to the day
     * @param topN          keywords kept per article, period and region
     * @param scopes        the keyword scopes computed ({@code article}, {@code day}, {@code day_region} …)
     */
    public record Keywords(List<String> tags, String exclude, int minDf, int idfWindowMonths, int topN,
                           List<String> scopes) implements Serializable {

        /** Every scope there is, in the order they are listed. */
        public static final List<String> ALL_SCOPES = List.of("article", "day", "day_region", "week", "week_region",
                "month", "month_region", "region");
    }

    /**
     * @param baselineDays       trailing periods a day is compared with
     * @param baselineWeeks      the same for weeks
     * @param baselineMonths     the same for months
     * @param gapDays            days just before a day left out of its baseline, so that the later
     *                           days of a burst are still compared with the time before it
     * @param gapWeeks           the same for weeks
     * @param gapMonths          the same for months
     * @param minBaselinePeriods fewer baseline periods with articles than this: no z-score, no burst
     * @param minSd              floor of the baseline's standard deviation of shares
     * @param burstZ             a burst has at least this z-score …
     * @param burstMinDocs       … at least this many articles in the period …
     * @param burstMaxP          … and at most this chance of as many articles or more at the baseline rate
     * @param burstPriorArticles weight, in articles, of a term's all-regions rate in a region's baseline rate
     * @param continueMaxP       a burst spreads: a period near it is a burst too when its chance of as many
     *                           articles or more at the baseline rate is at most this (0: off) …
     * @param continueDays       … and it lies at most this many days before or after a burst …
     * @param continueWeeks      … this many weeks …
     * @param continueMonths     … this many months
     * @param weekDayMinDocs     a week's burst spreads to its days: a day of a week that is a burst by its own
     *                           test is a burst when it has a z-score of at least {@code burstZ}, at least this
     *                           many articles and a chance of at most {@code continueMaxP} (0: off)
     */
    public record Trends(int baselineDays, int baselineWeeks, int baselineMonths, int gapDays, int gapWeeks,
                         int gapMonths, int minBaselinePeriods, double minSd, double burstZ, int burstMinDocs,
                         double burstMaxP, double burstPriorArticles, double continueMaxP, int continueDays,
                         int continueWeeks, int continueMonths, int weekDayMinDocs) implements Serializable {

        /** The same tests, with bursts that do not spread past their own periods. */
        public Trends withoutContinuation() {
            return new Trends(baselineDays, baselineWeeks, baselineMonths, gapDays, gapWeeks, gapMonths, minBaselinePeriods,
                    minSd, burstZ, burstMinDocs, burstMaxP, burstPriorArticles, 0, continueDays, continueWeeks, continueMonths,
                    weekDayMinDocs);
        }

        /** The same tests, with a week's burst that does not spread to its days. */
        public Trends withoutWeekToDays() {
            return new Trends(baselineDays, baselineWeeks, baselineMonths, gapDays, gapWeeks, gapMonths, minBaselinePeriods,
                    minSd, burstZ, burstMinDocs, burstMaxP, burstPriorArticles, continueMaxP, continueDays, continueWeeks,
                    continueMonths, 0);
        }

        /** Whether a week's burst spreads to its days (it tests them at {@code continueMaxP}, so not when that is 0). */
        boolean weekSpreadsToDays() {
            return weekDayMinDocs > 0 && continueMaxP > 0;
        }

        /**
         * Periods before a run's own that it computes again, because bursts of its periods can spread to
         * them: {@link #continuePeriods}, and when a week's burst spreads to its days, the rest of a day's
         * week (6 days) and the week before a run's first week, whose days that reaches.
         */
        int leadInPeriods(Granularity g) {
            int own = continuePeriods(g);
            if (!weekSpreadsToDays()) {
                return own;
            }
            return switch (g) {
                case DAY -> Math.max(own, 6);
                case WEEK -> Math.max(own, 1);
                case MONTH -> own;
            };
        }

        /** Periods before and after a burst to which it can spread (0 when bursts do not spread). */
        int continuePeriods(Granularity g) {
            if (continueMaxP == 0) {
                return 0;
            }
            return switch (g) {
                case DAY -> continueDays;
                case WEEK -> continueWeeks;
                case MONTH -> continueMonths;
            };
        }

        int baselinePeriods(Granularity g) {
            return switch (g) {
                case DAY -> baselineDays;
                case WEEK -> baselineWeeks;
                case MONTH -> baselineMonths;
            };
        }

        int gapPeriods(Granularity g) {
            return switch (g) {
                case DAY -> gapDays;
                case WEEK -> gapWeeks;
                case MONTH -> gapMonths;
            };
        }
    }

    /**
     * @param k                number of topics
     * @param iterations       LDA iterations
     * @param learningOffset   online LDA's learning offset (tau0): the step of iteration t is (tau0 + t)^-0.51
     * @param vocabularySize   most frequent terms kept in the vocabulary
     * @param minDf            a vocabulary term occurs in at least this many training articles …
     * @param maxDfShare       … and in at most this share of them
     * @param trainingArticles the model is fitted on (about) this many of the latest articles
     * @param refitEveryDays   a run whose latest date is this many days past the model's training data refits it
     * @param topTerms         terms listed per topic in {@code topics}
     * @param seed             random seed of the fit
     * @param localMaxArticles a training window of at most this many articles is fitted in the driver's memory
     *                         ({@link OnlineLda}); a larger one by Spark MLlib over the cluster
     */
    public record Topics(int k, int iterations, double learningOffset, int vocabularySize, int minDf, double maxDfShare, int trainingArticles,
                         int refitEveryDays, int topTerms, long seed, int localMaxArticles) implements Serializable {
    }

    public static AnalyzeSettings defaults() {
        return new AnalyzeSettings(new Keywords(List.of("n", "vn", "j"), "conf/generic-terms.txt", 2, 12, 20,
                Keywords.ALL_SCOPES),
                new Trends(28, 8, 6, 7, 1, 0, 3, 0.02, 3.0, 3, 1e-6, 200, 0.1, 6, 0, 1, 2),
                new Topics(8, 60, 1.0, 5000, 2, 0.5, 50_000, 30, 10, 42, 20_000));
    }
}
