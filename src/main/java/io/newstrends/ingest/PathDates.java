package io.newstrends.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue dates written into paths: {@code date=2021-04-02}, {@code 2021-04-02}, {@code 2021/04/02},
 * {@code 20210402}. The last match in the path wins, so a dated file inside a dated folder
 * takes the file's date.
 */
public final class PathDates {

    private static final Pattern DATE = Pattern.compile(
            "(?<![0-9])(?<y>(?:19|20)\\d{2})(?<sep>[-_/.]?)(?<m>0[1-9]|1[0-2])\\k<sep>(?<d>0[1-9]|[12]\\d|3[01])(?![0-9])");

    private PathDates() {
    }

    /** The date a relative path names, if any. */
    public static Optional<LocalDate> fromPath(String relativePath) {
        Matcher m = DATE.matcher(relativePath);
        LocalDate found = null;
        while (m.find()) {
            try {
                found = LocalDate.of(Integer.parseInt(m.group("y")), Integer.parseInt(m.group("m")),
                        Integer.parseInt(m.group("d")));
            } catch (DateTimeException notADate) {
                // 20210231 and the like are digits, not dates
            }
        }
        return Optional.ofNullable(found);
    }
}
