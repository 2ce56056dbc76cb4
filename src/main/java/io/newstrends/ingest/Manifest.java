package io.newstrends.ingest;

import io.newstrends.region.Gazetteer;
import io.newstrends.region.Region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional {@code manifest.csv} at the input root: {@code path,source,issue_date,source_region}.
 * {@code source_region} takes a code or a name the gazetteer knows (鄂尔多斯市, 暖城 …).
 * Every bad row is reported at once, with its line number.
 */
public final class Manifest implements Serializable {

    public static final String FILE_NAME = "manifest.csv";
    private static final List<String> HEADER = List.of("path", "source", "issue_date", "source_region");

    private final Map<String, ManifestEntry> byPath;

    private Manifest(Map<String, ManifestEntry> byPath) {
        this.byPath = byPath;
    }

    public static Manifest empty() {
        return new Manifest(Map.of());
    }

    /** The entry for a path relative to the input root. */
    public Optional<ManifestEntry> find(String relativePath) {
        return Optional.ofNullable(byPath.get(relativePath));
    }

    public int size() {
        return byPath.size();
    }

    /** Reads and validates a manifest; throws with every problem listed. */
    public static Manifest read(Reader reader, Gazetteer gazetteer) throws IOException {
        List<String> errors = new ArrayList<>();
        Map<String, ManifestEntry> entries = new HashMap<>();
        BufferedReader in = new BufferedReader(reader);
        String header = in.readLine();
        if (header == null) {
            return empty();
        }
        List<String> columns = Csv.parseLine(header.replace("\uFEFF", ""));
        if (!columns.equals(HEADER)) {
            throw new IllegalArgumentException("manifest.csv: header must be " + String.join(",", HEADER)
                    + " but is " + header);
        }
        String line;
        int lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = Csv.parseLine(line);
            if (cells.size() != HEADER.size()) {
                errors.add("line " + lineNo + ": expected 4 columns, found " + cells.size());
                continue;
            }
            String path = cells.get(0).strip().replace('\\', '/');
            LocalDate date = null;
            if (!cells.get(2).isBlank()) {
                try {
                    date = LocalDate.parse(cells.get(2).strip());
                } catch (DateTimeParseException e) {
                    errors.add("line " + lineNo + ": issue_date '" + cells.get(2) + "' is not YYYY-MM-DD");
                }
            }
            String region = null;
            String regionCell = cells.get(3).strip();
            if (!regionCell.isEmpty()) {
                Optional<Region> r = gazetteer.byCode(regionCell).or(() -> gazetteer.resolve(regionCell));
                if (r.isEmpty()) {
                    errors.add("line " + lineNo + ": source_region '" + regionCell + "' is not a known code or place");
                } else {
                    region = r.get().code();
                }
            }
            if (path.isEmpty()) {
                errors.add("line " + lineNo + ": path is empty");
            } else if (entries.put(path, new ManifestEntry(path, blankToNull(cells.get(1)), date, region)) != null) {
                errors.add("line " + lineNo + ": path '" + path + "' appears twice");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("manifest.csv has " + errors.size() + " error(s): "
                    + String.join("; ", errors));
        }
        return new Manifest(Map.copyOf(entries));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
