package io.newstrends.region;

import java.util.Objects;
import java.util.Optional;

/**
 * One administrative division from the gazetteer.
 *
 * @param code       six-digit GB/T 2260 code, e.g. {@code 150603}
 * @param name       official full name, e.g. {@code 康巴什区}
 * @param level      {@link #REGION}, {@link #PREFECTURE} or {@link #COUNTY}
 * @param parentCode code of the enclosing division; {@code null} only for the autonomous region
 */
public record Region(String code, String name, String level, String parentCode) {

    /** The autonomous region itself (150000). */
    public static final String REGION = "region";
    /** A 盟 or 市 directly under the autonomous region. */
    public static final String PREFECTURE = "prefecture";
    /** A 旗, 县, 区 or county-level 市. */
    public static final String COUNTY = "county";

    public Region {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        if (!code.matches("\\d{6}")) {
            throw new IllegalArgumentException("region code must be six digits: " + code);
        }
        if (!level.equals(REGION) && !level.equals(PREFECTURE) && !level.equals(COUNTY)) {
            throw new IllegalArgumentException("unknown level '" + level + "' for " + code);
        }
        if (parentCode != null && parentCode.isEmpty()) {
            parentCode = null;
        }
        if ((parentCode == null) != level.equals(REGION)) {
            throw new IllegalArgumentException("only the region level has no parent: " + code);
        }
    }

    /** True for the autonomous region (150000). */
    public boolean isRegion() {
        return REGION.equals(level);
    }

    /** True for a 盟市. */
    public boolean isPrefecture() {
        return PREFECTURE.equals(level);
    }

    /** True for a 旗县区 or county-level city. */
    public boolean isCounty() {
        return COUNTY.equals(level);
    }

    /** The parent code, empty for the autonomous region. */
    public Optional<String> parent() {
        return Optional.ofNullable(parentCode);
    }
}
