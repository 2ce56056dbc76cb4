package io.newstrends.generate;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A planted term trend: from {@code from} to {@code to} (inclusive), a share {@code rate} of the
 * articles of the paper of {@code regionCode} carries a real sentence containing {@code term};
 * every other article carries one with probability {@code background}.
 *
 * @param term       a word that occurs in the source text as a whole noun (HanLP segmentation)
 * @param regionCode GB/T 2260 code of one of the generated papers' regions
 * @param from       first day of the window
 * @param to         last day of the window
 * @param rate       share of the window's articles that mention the term, 0..1
 * @param background share of all other articles that mention it, 0..1
 */
public record TermTrend(String term, String regionCode, LocalDate from, LocalDate to, double rate,
                        double background) {

    public static final double DEFAULT_RATE = 0.5;
    public static final double DEFAULT_BACKGROUND = 0.01;

    public TermTrend {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (term == null || term.isBlank()) {
            throw new IllegalArgumentException("a planted term must not be blank");
        }
        term = term.strip();
        if (regionCode == null || !regionCode.matches("\\d{6}")) {
            throw new IllegalArgumentException("term " + term + ": region must be a 6-digit code, not " + regionCode);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("term " + term + ": window ends " + to + " before it starts " + from);
        }
        Spec.checkShare("term " + term + " rate", rate);
        Spec.checkShare("term " + term + " background", background);
    }

    /** True inside the window in the planted region. */
    public boolean isActive(String region, LocalDate day) {
        return regionCode.equals(region) && !day.isBefore(from) && !day.isAfter(to);
    }
}
