package io.newstrends.analyze;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The trend rows of one subject (a term; an entity and its type) from its own daily and monthly
 * rows: the rules {@link Trends} documents, as loops over one subject's short history. Plain Java,
 * no Spark: {@link Trends} groups the rows by subject and runs this once per group.
 *
 * <p>Each sum over a baseline adds the shares of its periods in period order, starting from zero,
 * as Spark's sliding window frames do; so the figures are the same doubles whichever computes them.
 */
final class SubjectTrends implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A daily row of the subject, or a monthly one dated the month's first day ({@code isMonth}). */
    record Observation(LocalDate date, boolean isMonth, String region, long count, long docs, String[] extras) {
    }

    /** A period of a region. */
    record PeriodKey(Granularity granularity, LocalDate start, String region) implements Serializable {
    }

    /**
     * A period's articles in a region, and over its baseline: the periods before it in which the
     * region had articles, and their articles (null when there were none); {@code gap} the periods
     * just before it that its baseline leaves out.
     */
    record PeriodArticles(long articles, long baselinePeriods, Long baselineArticles, int gap) implements Serializable {
    }

    /** The dates whose rows a granularity's periods read: theirs, their baselines' and their neighbours'. */
    record Span(LocalDate from, LocalDate to) implements Serializable {
        boolean holds(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    /** One trend row of the subject; {@code extras} in the order they were given. */
    record TrendRow(Granularity granularity, LocalDate periodStart, String region, String[] extras, long count, long docs,
                    long articles, double share, long baselinePeriods, Double baselineMean, Double baselineSd,
                    Double zscore, boolean burst) {
    }

    private final Map<Granularity, SortedSet<LocalDate>> periods;
    private final Map<Granularity, Span> spans;
    private final AnalyzeSettings.Trends settings;
    private final Map<PeriodKey, PeriodArticles> articles;
    private final String allRegions;

    /**
     * @param periods    the periods to compute, per granularity (empty or missing: none)
     * @param settings   the trend tests
     * @param articles   {@link #periodArticles} of the same periods and settings
     * @param allRegions the region name of the rows that count every region together
     */
    SubjectTrends(Map<Granularity, SortedSet<LocalDate>> periods, AnalyzeSettings.Trends settings,
                  Map<PeriodKey, PeriodArticles> articles, String allRegions) {
        this.periods = new EnumMap<>(Granularity.class);
        periods.forEach((g, p) -> {
            if (!p.isEmpty()) {
                this.periods.put(g, p);
            }
        });
        this.spans = spans(this.periods, settings);
        this.settings = settings;
        this.articles = articles;
        this.allRegions = allRegions;
    }

    /**
     * Per granularity with periods to compute: the dates of the rows they read. The periods a
     * burst can spread from need their own baselines too; those after the run's dates are read
     * when they exist, not written.
     */
    static Map<Granularity, Span> spans(Map<Granularity, SortedSet<LocalDate>> periods, AnalyzeSettings.Trends settings) {
        Map<Granularity, Span> spans = new EnumMap<>(Granularity.class);
        periods.forEach((g, p) -> {
            if (!p.isEmpty()) {
                LocalDate from = g.minus(p.first(), settings.baselinePeriods(g) + settings.gapPeriods(g) + settings.continuePeriods(g));
                LocalDate to = g.end(g.minus(p.last(), -settings.continuePeriods(g)));
                spans.put(g, new Span(from, to));
            }
        });
        return spans;
    }

    /**
     * The articles of every period and region (and all regions) that {@code rows} reach, with
     * their baselines. Each row is a day's (or a month's) articles in a region, as its
     * {@code count}: months count monthly rows, days and weeks daily ones.
     */
    static Map<PeriodKey, PeriodArticles> periodArticles(List<Observation> rows, Map<Granularity, SortedSet<LocalDate>> periods,
                                                         AnalyzeSettings.Trends settings, String allRegions) {
        Map<Granularity, Span> spans = spans(periods, settings);
        Map<PeriodKey, long[]> sums = new HashMap<>();
        for (Observation r : rows) {
            for (PeriodKey k : periodsOf(r, spans, allRegions)) {
                sums.computeIfAbsent(k, x -> new long[1])[0] += r.count();
            }
        }
        Map<PeriodKey, PeriodArticles> result = new HashMap<>();
        for (List<PeriodKey> series : series(sums.keySet())) {
            Granularity g = series.get(0).granularity();
            long[] indices = series.stream().mapToLong(k -> g.index(k.start())).toArray();
            int[] gaps = gaps(indices, settings.baselinePeriods(g), settings.gapPeriods(g), settings.minBaselinePeriods());
            int[][] frames = baselineFrames(indices, settings.baselinePeriods(g), gaps);
            for (int i = 0; i < series.size(); i++) {
                Long inBaseline = null;
                for (int j = frames[i][0]; j < frames[i][1]; j++) {
                    inBaseline = (inBaseline == null ? 0L : inBaseline) + sums.get(series.get(j))[0];
                }
                result.put(series.get(i),
                        new PeriodArticles(sums.get(series.get(i))[0], frames[i][1] - frames[i][0], inBaseline, gaps[i]));
            }
        }
        return result;
    }

    /** The trend rows of the computed periods, from every daily and monthly row of one subject. */
    List<TrendRow> trends(List<Observation> rows) {
        // Sums per period and region; each extra is the one of the row that counted most (ties: the larger value).
        Map<PeriodKey, Cell> cells = new HashMap<>();
        for (Observation r : rows) {
            for (PeriodKey k : periodsOf(r, spans, allRegions)) {
                PeriodArticles a = articles.get(k);
                if (a != null) {
                    cells.computeIfAbsent(k, x -> new Cell(x, a, r.extras().length)).add(r);
                }
            }
        }
        double m = settings.burstPriorArticles();
        List<List<Cell>> allSeries = series(cells.keySet()).stream().map(keys -> keys.stream().map(cells::get).toList()).toList();
        // Every baseline first: a cell's test reads the all-regions cell's baseline mean.
        allSeries.forEach(this::baselines);
        for (Cell c : cells.values()) {
            c.test(m == 0 ? null : cells.get(new PeriodKey(c.key.granularity(), c.key.start(), allRegions)));
        }
        List<TrendRow> result = new ArrayList<>();
        for (List<Cell> series : allSeries) {
            Granularity g = series.get(0).key.granularity();
            int c = settings.continuePeriods(g);
            for (int i = 0; i < series.size(); i++) {
                Cell cell = series.get(i);
                if (!periods.get(g).contains(cell.key.start())) {
                    continue;
                }
                boolean spread = false;
                if (settings.continueMaxP() > 0 && c > 0 && cell.unusual()) {
                    spread = burstWithin(series, i, c);
                }
                if (settings.weekSpreadsToDays() && g == Granularity.DAY && cell.likeDayOfBurstWeek()) {
                    Cell week = cells.get(new PeriodKey(Granularity.WEEK, Granularity.WEEK.start(cell.key.start()), cell.key.region()));
                    spread |= week != null && week.ownBurst;
                }
                result.add(cell.row(cell.ownBurst || spread));
            }
        }
        return result;
    }

    /** Whether a period within {@code c} periods of series[i], before or after it or itself, is a burst by its own test. */
    private static boolean burstWithin(List<Cell> series, int i, int c) {
        Granularity g = series.get(i).key.granularity();
        long idx = g.index(series.get(i).key.start());
        for (int j = i; j >= 0 && g.index(series.get(j).key.start()) >= idx - c; j--) {
            if (series.get(j).ownBurst) {
                return true;
            }
        }
        for (int j = i + 1; j < series.size() && g.index(series.get(j).key.start()) <= idx + c; j++) {
            if (series.get(j).ownBurst) {
                return true;
            }
        }
        return false;
    }

    /** Baseline mean and spread of each period of one series (a granularity and region), in period order. */
    private void baselines(List<Cell> series) {
        Granularity g = series.get(0).key.granularity();
        int[][] frames = baselineFrames(series.stream().mapToLong(c -> g.index(c.key.start())).toArray(),
                settings.baselinePeriods(g), series.stream().mapToInt(c -> c.articles.gap()).toArray());
        for (int i = 0; i < series.size(); i++) {
            Cell cell = series.get(i);
            double s1 = 0;
            double s2 = 0;
            for (int j = frames[i][0]; j < frames[i][1]; j++) {
                double share = series.get(j).share();
                s1 += share;
                s2 += share * share;
            }
            long n = cell.articles.baselinePeriods();
            if (n > 0) {
                cell.mean = s1 / n;
                cell.sd = Math.sqrt(Math.max(0.0, s2 / n - cell.mean * cell.mean));
            }
        }
    }

    /**
     * For each period of a region's series (period indices ascending), the periods just before it
     * that its baseline leaves out: {@code gap}, or fewer where leaving out {@code gap} would leave
     * fewer than {@code minPeriods} in the baseline and a shorter gap would not (the largest such),
     * so that at the start of a history the gap does not cost a period its test.
     */
    static int[] gaps(long[] indices, int periods, int gap, int minPeriods) {
        int[] gaps = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            gaps[i] = gap;
            for (int g = gap; g >= 0; g--) {
                int[] frame = frame(indices, indices[i], periods, g);
                if (frame[1] - frame[0] >= minPeriods) {
                    gaps[i] = g;
                    break;
                }
            }
        }
        return gaps;
    }

    /**
     * For each period of a series (period indices ascending), the positions [from, to) of its
     * baseline: the periods from {@code periods + gaps[i]} before it up to {@code gaps[i] + 1} before it.
     */
    static int[][] baselineFrames(long[] indices, int periods, int[] gaps) {
        int[][] frames = new int[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            frames[i] = frame(indices, indices[i], periods, gaps[i]);
        }
        return frames;
    }

    /** The positions [from, to) in {@code indices} (ascending) of the baseline of period {@code index}. */
    private static int[] frame(long[] indices, long index, int periods, int gap) {
        return new int[]{firstAtLeast(indices, index - periods - gap), firstAtLeast(indices, index - gap)};
    }

    /** The first position in {@code indices} (ascending) holding at least {@code value}; its length if none. */
    private static int firstAtLeast(long[] indices, long value) {
        int lo = 0;
        int hi = indices.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (indices[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Period keys of one row: the period of each granularity holding it, for its region and for all regions. */
    private static List<PeriodKey> periodsOf(Observation r, Map<Granularity, Span> spans, String allRegions) {
        List<PeriodKey> keys = new ArrayList<>(4);
        spans.forEach((g, span) -> {
            if ((g == Granularity.MONTH) == r.isMonth() && span.holds(r.date())) {
                LocalDate start = g.start(r.date());
                keys.add(new PeriodKey(g, start, r.region()));
                keys.add(new PeriodKey(g, start, allRegions));
            }
        });
        return keys;
    }

    /** The keys grouped by granularity and region, each group in period order. */
    private static List<List<PeriodKey>> series(java.util.Collection<PeriodKey> keys) {
        Map<List<Object>, List<PeriodKey>> groups = new LinkedHashMap<>();
        for (PeriodKey k : keys) {
            groups.computeIfAbsent(List.of(k.granularity(), k.region()), x -> new ArrayList<>()).add(k);
        }
        List<List<PeriodKey>> result = new ArrayList<>(groups.values());
        for (List<PeriodKey> s : result) {
            s.sort(Comparator.comparing(PeriodKey::start));
        }
        return result;
    }

    /** A subject's period in a region: its sums, then its baseline and tests. */
    private final class Cell {
        final PeriodKey key;
        final PeriodArticles articles;
        final String[] extras;
        final long[] extraCounts;
        long count;
        long docs;
        Double mean;
        Double sd;
        Double zscore;
        Double chance;
        boolean ownBurst;

        Cell(PeriodKey key, PeriodArticles articles, int nExtras) {
            this.key = key;
            this.articles = articles;
            this.extras = new String[nExtras];
            this.extraCounts = new long[nExtras];
            java.util.Arrays.fill(extraCounts, Long.MIN_VALUE);
        }

        void add(Observation r) {
            count += r.count();
            docs += r.docs();
            for (int i = 0; i < extras.length; i++) {
                String e = r.extras()[i];
                if (r.count() > extraCounts[i] || r.count() == extraCounts[i] && compareNullsFirst(e, extras[i]) > 0) {
                    extraCounts[i] = r.count();
                    extras[i] = e;
                }
            }
        }

        double share() {
            return (double) docs / articles.articles();
        }

        /** The z-score and the binomial tail at the baseline rate, and the period's own burst test. */
        void test(Cell allRegionsCell) {
            if (mean == null) {
                return;
            }
            long baselineArticles = articles.baselineArticles();
            double baselineDocs = mean * baselineArticles;
            double rate = (baselineDocs + 0.5) / (baselineArticles + 1);
            double m = settings.burstPriorArticles();
            if (m != 0) {
                // A word common elsewhere is not news in a region the first time it shows up there;
                // the prior only ever raises the rate.
                Double prior = allRegionsCell == null ? null : allRegionsCell.mean;
                double withPrior = (baselineDocs + (prior == null ? 0.0 : prior) * m + 0.5) / (baselineArticles + (m + 1));
                rate = Math.max(rate, withPrior);
            }
            chance = BinomialTail.atLeast(docs, articles.articles(), rate);
            if (articles.baselinePeriods() >= settings.minBaselinePeriods()) {
                double samplingError = Math.sqrt(rate * (1.0 - rate) / articles.articles());
                zscore = (share() - mean) / Math.max(Math.max(sd, settings.minSd()), samplingError);
            }
            ownBurst = zscore != null && zscore >= settings.burstZ() && docs >= settings.burstMinDocs()
                    && chance <= settings.burstMaxP();
        }

        boolean unusual() {
            return zscore != null && zscore > 0 && chance != null && chance <= settings.continueMaxP();
        }

        boolean likeDayOfBurstWeek() {
            return zscore != null && zscore >= settings.burstZ() && docs >= settings.weekDayMinDocs()
                    && chance != null && chance <= settings.continueMaxP();
        }

        TrendRow row(boolean burst) {
            return new TrendRow(key.granularity(), key.start(), key.region(), extras.clone(), count, docs, articles.articles(),
                    share(), articles.baselinePeriods(), mean, sd, zscore, burst);
        }
    }

    /** Code-point order (that of UTF-8 bytes, as Spark compares strings), null first. */
    static int compareNullsFirst(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
