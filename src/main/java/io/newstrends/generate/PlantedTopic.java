package io.newstrends.generate;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A planted topic: from {@code from} to {@code to} (inclusive), a share {@code rate} of the
 * articles of the paper of {@code regionCode} is made of paragraphs of one block of real text,
 * and no article anywhere else uses that block.
 *
 * <p>The block is every body paragraph of the seed articles whose headline, kicker or
 * subheadline contains {@code name} (营商环境 picks the three business-climate reports of
 * seeds 000 and 002), less paragraphs mentioning a planted term.
 *
 * @param name       the key that selects the block; also the topic's name in ground_truth.csv
 * @param regionCode GB/T 2260 code of one of the generated papers' regions
 * @param from       first day
 * @param to         last day
 * @param rate       share of that paper's articles in the window that are topic articles, 0..1
 */
public record PlantedTopic(String name, String regionCode, LocalDate from, LocalDate to, double rate) {

    public PlantedTopic {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a planted topic needs a name");
        }
        name = name.strip();
        if (regionCode == null || !regionCode.matches("\\d{6}")) {
            throw new IllegalArgumentException("topic " + name + ": region must be a 6-digit code, not " + regionCode);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("topic " + name + ": window ends " + to + " before it starts " + from);
        }
        Spec.checkShare("topic " + name + " rate", rate);
    }

    /** True inside the window in the planted region. */
    public boolean isActive(String region, LocalDate day) {
        return regionCode.equals(region) && !day.isBefore(from) && !day.isAfter(to);
    }
}
