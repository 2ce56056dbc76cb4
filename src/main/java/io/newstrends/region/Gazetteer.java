package io.newstrends.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Inner Mongolia gazetteer: GB/T 2260 codes, official names and aliases, loaded from
 * {@code conf/regions.csv} (see {@code conf/regions.README.md} for the alias rules).
 *
 * <p>Immutable and safe to share between threads once constructed, so one instance per
 * JVM (or one broadcast copy per executor) is enough.
 */
public final class Gazetteer {

    /** Classpath location of the gazetteer when {@code conf/} is packaged into the jar. */
    public static final String RESOURCE = "/conf/regions.csv";
    /** Working-directory location used when running from a source checkout. */
    public static final Path DEFAULT_FILE = Path.of("conf", "regions.csv");

    static final String HEADER = "code,name,level,parent_code,aliases";
    static final String AUTONOMOUS_REGION_CODE = "150000";

    // Suffixes a place name may gain or lose in running text without changing its meaning.
    private static final String SUFFIXES = "市盟区县旗";

    /** A gazetteer hit in a piece of text; {@code end} is exclusive. */
    public record Match(Region region, int start, int end, String surface) {
        public Match {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(surface, "surface");
        }
    }

    private final List<Region> regions;
    private final Map<String, Region> byCode;
    private final Map<String, Region> byKey;
    private final Map<String, List<String>> aliasesByCode;
    // Candidate key lengths per first character, longest first, so a scan probes only
    // lengths that can possibly match instead of every length up to the longest name.
    private final Map<Character, int[]> lengthsByFirstChar;
    private final Region autonomousRegion;

    private Gazetteer(List<Region> regions, Map<String, List<String>> aliasesByCode) {
        Map<String, Region> codes = new LinkedHashMap<>();
        for (Region r : regions) {
            if (codes.putIfAbsent(r.code(), r) != null) {
                throw new IllegalArgumentException("duplicate region code " + r.code());
            }
        }
        Map<String, Region> keys = new HashMap<>();
        for (Region r : regions) {
            addKey(keys, r.name(), r);
            for (String alias : aliasesByCode.getOrDefault(r.code(), List.of())) {
                addKey(keys, alias, r);
            }
        }
        Region root = null;
        for (Region r : regions) {
            if (r.isRegion()) {
                if (root != null) {
                    throw new IllegalArgumentException("more than one region-level entry: "
                            + root.code() + ", " + r.code());
                }
                root = r;
                continue;
            }
            Region parent = codes.get(r.parentCode());
            if (parent == null) {
                throw new IllegalArgumentException(r.code() + " has unknown parent " + r.parentCode());
            }
            boolean ok = r.isPrefecture() ? parent.isRegion() : parent.isPrefecture();
            if (!ok) {
                throw new IllegalArgumentException(r.code() + " (" + r.level() + ") cannot have parent "
                        + parent.code() + " (" + parent.level() + ")");
            }
        }
        if (root == null || !root.code().equals(AUTONOMOUS_REGION_CODE)) {
            throw new IllegalArgumentException("gazetteer must contain " + AUTONOMOUS_REGION_CODE
                    + " as its only region-level entry");
        }

        Map<Character, TreeSet<Integer>> lengths = new HashMap<>();
        for (String key : keys.keySet()) {
            lengths.computeIfAbsent(key.charAt(0), c -> new TreeSet<>(Collections.reverseOrder()))
                    .add(key.length());
        }
        Map<Character, int[]> lengthArrays = new HashMap<>();
        lengths.forEach((c, set) -> lengthArrays.put(c, set.stream().mapToInt(Integer::intValue).toArray()));

        Map<String, List<String>> aliasCopy = new HashMap<>();
        aliasesByCode.forEach((code, list) -> aliasCopy.put(code, List.copyOf(list)));

        this.regions = List.copyOf(regions);
        this.byCode = Collections.unmodifiableMap(codes);
        this.byKey = Map.copyOf(keys);
        this.aliasesByCode = Map.copyOf(aliasCopy);
        this.lengthsByFirstChar = Map.copyOf(lengthArrays);
        this.autonomousRegion = root;
    }

    private static void addKey(Map<String, Region> keys, String key, Region r) {
        Region previous = keys.putIfAbsent(key, r);
        if (previous != null && !previous.code().equals(r.code())) {
            throw new IllegalArgumentException("name or alias '" + key + "' maps to both "
                    + previous.code() + " and " + r.code());
        }
    }

    /**
     * Loads the gazetteer from the classpath resource {@value #RESOURCE}, falling back to
     * the file {@code conf/regions.csv} under the working directory.
     *
     * @throws IllegalStateException if neither exists
     * @throws IllegalArgumentException if the data is malformed or inconsistent
     */
    public static Gazetteer load() {
        try (InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                return load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + RESOURCE, e);
        }
        if (Files.isRegularFile(DEFAULT_FILE)) {
            return load(DEFAULT_FILE);
        }
        throw new IllegalStateException("region gazetteer not found: neither classpath resource "
                + RESOURCE + " nor file " + DEFAULT_FILE.toAbsolutePath());
    }

    /** Loads the gazetteer from a UTF-8 CSV file. */
    public static Gazetteer load(Path csv) {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read region gazetteer " + csv, e);
        }
    }

    /**
     * Parses gazetteer CSV ({@value #HEADER}). The reader is consumed but not closed.
     *
     * @throws IllegalArgumentException with the offending line number if the data is malformed
     */
    public static Gazetteer load(Reader csv) {
        List<Region> regions = new ArrayList<>();
        Map<String, List<String>> aliases = new HashMap<>();
        BufferedReader in = csv instanceof BufferedReader b ? b : new BufferedReader(csv);
        try {
            String line;
            int lineNo = 0;
            boolean headerSeen = false;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                if (!headerSeen) {
                    if (!line.strip().equals(HEADER)) {
                        throw new IllegalArgumentException("line " + lineNo + ": expected header '"
                                + HEADER + "' but found '" + line + "'");
                    }
                    headerSeen = true;
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 5) {
                    throw new IllegalArgumentException("line " + lineNo + ": expected 5 fields, found "
                            + f.length + ": " + line);
                }
                Region r;
                try {
                    r = new Region(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage(), e);
                }
                regions.add(r);
                List<String> list = Arrays.stream(f[4].split("\\|"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
                if (!list.isEmpty()) {
                    aliases.put(r.code(), list);
                }
            }
            if (!headerSeen) {
                throw new IllegalArgumentException("region gazetteer is empty");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read region gazetteer", e);
        }
        return new Gazetteer(regions, aliases);
    }

    /** All divisions in file order: the region, then each 盟市 followed by its counties. */
    public List<Region> all() {
        return regions;
    }

    /** The aliases listed for a division (not including its official name). */
    public List<String> aliasesOf(Region r) {
        return aliasesByCode.getOrDefault(r.code(), List.of());
    }

    /** The division with this six-digit code. */
    public Optional<Region> byCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code.strip()));
    }

    /**
     * Resolves a place name given on its own (e.g. a dateline place) by exact match on an
     * official name or alias. A trailing 市/盟/区/县/旗 on the input is tolerated when the
     * rest is itself a known name or alias ({@code 东胜市} resolves to 东胜区), so short forms
     * deliberately left out of the gazetteer, such as 海南, stay unresolved.
     */
    public Optional<Region> resolve(String placeName) {
        if (placeName == null) {
            return Optional.empty();
        }
        String name = placeName.strip();
        Region hit = byKey.get(name);
        if (hit == null && name.length() >= 3 && SUFFIXES.indexOf(name.charAt(name.length() - 1)) >= 0) {
            hit = byKey.get(name.substring(0, name.length() - 1));
        }
        return Optional.ofNullable(hit);
    }

    /**
     * The 盟市 a division belongs to: a county's parent, a 盟市 itself, and for the
     * autonomous region the region itself (it has no single 盟市).
     *
     * @throws IllegalArgumentException if a county's parent is not in this gazetteer
     */
    public Region prefectureOf(Region r) {
        Objects.requireNonNull(r, "region");
        if (!r.isCounty()) {
            return r;
        }
        Region parent = byCode.get(r.parentCode());
        if (parent == null) {
            throw new IllegalArgumentException("unknown parent " + r.parentCode() + " of " + r.code());
        }
        return parent;
    }

    /** The autonomous region, 150000 内蒙古自治区. */
    public Region autonomousRegion() {
        return autonomousRegion;
    }

    /**
     * The longest official name or alias that starts exactly at {@code offset}.
     *
     * @throws IndexOutOfBoundsException if offset is outside {@code [0, text.length()]}
     */
    public Optional<Match> findLongestAt(CharSequence text, int offset) {
        Objects.requireNonNull(text, "text");
        if (offset < 0 || offset > text.length()) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside text of length " + text.length());
        }
        if (offset == text.length()) {
            return Optional.empty();
        }
        int[] lengths = lengthsByFirstChar.get(text.charAt(offset));
        if (lengths == null) {
            return Optional.empty();
        }
        int room = text.length() - offset;
        for (int len : lengths) {
            if (len > room) {
                continue;
            }
            String surface = text.subSequence(offset, offset + len).toString();
            Region r = byKey.get(surface);
            if (r != null) {
                return Optional.of(new Match(r, offset, offset + len, surface));
            }
        }
        return Optional.empty();
    }

    /**
     * All place mentions in {@code text}, left to right, taking the longest match at each
     * position and resuming after it, so matches never overlap ({@code 鄂尔多斯市东胜区}
     * gives 鄂尔多斯市 and 东胜区, not 鄂尔多斯).
     */
    public List<Match> findAll(CharSequence text) {
        Objects.requireNonNull(text, "text");
        List<Match> matches = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            Optional<Match> m = findLongestAt(text, i);
            if (m.isPresent()) {
                matches.add(m.get());
                i = m.get().end();
            } else {
                i++;
            }
        }
        return List.copyOf(matches);
    }
}
