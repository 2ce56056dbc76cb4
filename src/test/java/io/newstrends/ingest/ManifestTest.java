package io.newstrends.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstrends.region.Gazetteer;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ManifestTest {

    private static final String HEADER = "path,source,issue_date,source_region\n";
    private static Gazetteer gazetteer;

    @BeforeAll
    static void loadGazetteer() {
        gazetteer = Gazetteer.load(Path.of("conf/regions.csv"));
    }

    private static Manifest read(String csv) throws IOException {
        return Manifest.read(new StringReader(csv), gazetteer);
    }

    @Test
    void validManifestResolvesRegionsByCodeNameOrAlias() throws IOException {
        Manifest m = read(HEADER
                + "a.txt,鄂尔多斯日报,,150600\n"
                + "b.txt,鄂尔多斯日报,2025-06-13,鄂尔多斯市\n"
                + "\n"
                + "sub\\c.txt,鄂尔多斯日报,,暖城\n"
                + "d.txt,,,\n");
        assertEquals(4, m.size());
        ManifestEntry a = m.find("a.txt").orElseThrow();
        assertEquals("150600", a.sourceRegion());
        assertEquals("鄂尔多斯日报", a.source());
        assertNull(a.issueDate(), "blank issue_date leaves the date to path or content");
        ManifestEntry b = m.find("b.txt").orElseThrow();
        assertEquals("150600", b.sourceRegion());
        assertEquals(LocalDate.of(2025, 6, 13), b.issueDate());
        assertEquals("150600", m.find("sub/c.txt").orElseThrow().sourceRegion(), "backslashes become slashes");
        ManifestEntry d = m.find("d.txt").orElseThrow();
        assertNull(d.source());
        assertNull(d.sourceRegion());
        assertTrue(m.find("missing.txt").isEmpty());
    }

    @Test
    void quotedCellsMayHoldCommas() throws IOException {
        Manifest m = read(HEADER + "\"dir,1/a.txt\",\"内蒙古日报,网络版\",2021-04-01,\"150000\"\n");
        ManifestEntry e = m.find("dir,1/a.txt").orElseThrow();
        assertEquals("内蒙古日报,网络版", e.source());
        assertEquals(LocalDate.of(2021, 4, 1), e.issueDate());
        assertEquals("150000", e.sourceRegion());
    }

    @Test
    void byteOrderMarkInHeaderIsTolerated() throws IOException {
        Manifest m = read("\uFEFF" + HEADER + "a.txt,内蒙古日报,,150000\r\n");
        assertEquals(1, m.size());
        assertEquals("150000", m.find("a.txt").orElseThrow().sourceRegion());
    }

    @Test
    void emptyInputIsAnEmptyManifest() throws IOException {
        assertEquals(0, read("").size());
        assertEquals(0, read(HEADER).size());
    }

    @Test
    void wrongHeaderIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read("file,source,date,region\na.txt,x,,150000\n"));
        assertTrue(e.getMessage().contains("path,source,issue_date,source_region"), e.getMessage());
    }

    @Test
    void everyBadRowIsReportedAtOnceWithItsLineNumber() {
        String csv = HEADER                                 // line 1
                + "ok.txt,内蒙古日报,2021-04-01,150000\n"    // line 2
                + "bad-date.txt,内蒙古日报,2021/04/01,150000\n" // line 3
                + "unknown.txt,内蒙古日报,,火星市\n"           // line 4
                + "ok.txt,内蒙古日报,,150000\n"              // line 5: duplicate
                + "short.txt,内蒙古日报\n"                   // line 6: 2 columns
                + ",内蒙古日报,,150000\n";                  // line 7: empty path
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(csv));
        String msg = e.getMessage();
        assertTrue(msg.contains("5 error"), msg);
        assertTrue(msg.contains("line 3") && msg.contains("2021/04/01"), msg);
        assertTrue(msg.contains("line 4") && msg.contains("火星市"), msg);
        assertTrue(msg.contains("line 5") && msg.contains("ok.txt"), msg);
        assertTrue(msg.contains("line 6") && msg.contains("found 2"), msg);
        assertTrue(msg.contains("line 7") && msg.contains("path is empty"), msg);
        assertTrue(!msg.contains("line 2"), msg);
    }

    @Test
    void lineNumbersCountBlankLines() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(HEADER + "\n\na.txt,x,not-a-date,\n"));
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
    }

    // ---- Csv ----

    @Test
    void parseLineSplitsPlainCells() {
        assertEquals(List.of("a", "b", "", "d"), Csv.parseLine("a,b,,d"));
        assertEquals(List.of(""), Csv.parseLine(""));
        assertEquals(List.of("", ""), Csv.parseLine(","));
    }

    @Test
    void parseLineHandlesQuotesAndDoubledQuotes() {
        assertEquals(List.of("a,b", "say \"hi\"", "c"), Csv.parseLine("\"a,b\",\"say \"\"hi\"\"\",c"));
    }

    @Test
    void quoteOnlyWhenNeeded() {
        assertEquals("plain", Csv.quote("plain"));
        assertEquals("", Csv.quote(null));
        assertEquals("\"a,b\"", Csv.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.quote("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.quote("two\nlines"));
    }

    @Test
    void quoteThenParseRoundTrips() {
        List<String> values = Arrays.asList("plain", "a,b", "say \"hi\"", "", "\"", ",,,", "内蒙古日报，网络版",
                "two\nlines", " spaced ");
        String line = String.join(",", values.stream().map(Csv::quote).toList());
        assertEquals(values, Csv.parseLine(line));
    }
}
