package io.newstrends.cli;

import io.newstrends.ingest.Csv;
import io.newstrends.spark.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as users and scripts see it: stdout for results, one line on stderr, exit codes. */
class MainTest {

    @TempDir
    static Path shared;
    static Path warehouse;

    @BeforeAll
    static void ingestSample() {
        SharedSpark.get();
        warehouse = shared.resolve("warehouse");
        Cli.Outcome ingest = Cli.run("ingest", "--warehouse", warehouse.toString());
        assertEquals(0, ingest.code(), ingest.err());
    }

    @Test
    void sqlPrintsAnAlignedTableWithWideCharacters() {
        Cli.Outcome o = Cli.run("sql", "--warehouse", warehouse.toString(),
                "SELECT region_code, region_name, count(*) AS n FROM articles GROUP BY 1, 2 ORDER BY 1");
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals("region_code  region_name   n", lines.get(0));
        assertEquals("150000       内蒙古自治区  24", lines.get(2));
        assertEquals("150600       鄂尔多斯市    11", lines.get(4));
        assertEquals("150800       巴彦淖尔市    1", lines.get(5));
        assertEquals("(4 rows)", lines.get(lines.size() - 1));
        assertEquals("", o.err(), "nothing but results on stdout, nothing on stderr");
    }

    @Test
    void sqlWritesCsvWithQuotingAndJsonForArrays() {
        Cli.Outcome o = Cli.run("sql", "--warehouse", warehouse.toString(), "--format", "csv",
                "SELECT article_id, headline, flags FROM articles WHERE issue_date = DATE'2021-04-01' ORDER BY ordinal LIMIT 6");
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals("article_id,headline,flags", lines.get(0));
        assertEquals(7, lines.size());
        List<String> fifth = Csv.parseLine(lines.get(5));
        assertEquals("自治区政协铸牢中华民族共同体意识 专题教育动员会召开 李秀领出席并讲话", fifth.get(1));
        assertEquals("[\"continued\"]", fifth.get(2));
    }

    @Test
    void sqlWritesJsonLinesWithChineseKeptReadable() {
        Cli.Outcome o = Cli.run("sql", "--warehouse", warehouse.toString(), "--format", "jsonl",
                "SELECT source_path, encoding, issue_date FROM documents ORDER BY source_path");
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals(5, lines.size());
        assertEquals("{\"source_path\":\"000_7778472d3299ae51.txt\",\"encoding\":\"UTF-8\",\"issue_date\":\"2021-04-01\"}",
                lines.get(0));
        Cli.Outcome chinese = Cli.run("sql", "--warehouse", warehouse.toString(), "--format", "jsonl",
                "SELECT region_name FROM articles WHERE region_code = '150800'");
        assertEquals("{\"region_name\":\"巴彦淖尔市\"}", chinese.out().strip());
    }

    @Test
    void everyTableIsQueryableByItsBareName() {
        Cli.Outcome o = Cli.run("sql", "--warehouse", warehouse.toString(), "--format", "csv",
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM articles), "
                        + "(SELECT count(*) FROM quarantine), (SELECT count(*) FROM runs)");
        assertEquals(0, o.code(), o.err());
        assertEquals("5,38,1,1", o.out().lines().toList().get(1));
    }

    @Test
    void aBadQueryFailsWithOneLineAndExitOne() {
        Cli.Outcome o = Cli.run("sql", "--warehouse", warehouse.toString(), "SELECT nope FROM articles");
        assertEquals(1, o.code());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("newstrends: sql failed: "), o.err());
        assertTrue(o.err().contains("nope"), o.err());
        assertEquals("", o.out());
    }

    @Test
    void usageAndConfigErrorsExitTwo(@TempDir Path tmp) throws IOException {
        Cli.Outcome unknown = Cli.run("frobnicate");
        assertEquals(2, unknown.code());
        assertEquals("newstrends: unknown command 'frobnicate' (commands: ingest, nlp, analyze, run, sql, discover-words,"
                + " eval-seg, bench-nlp, bench-analyze, generate, maintain, help, version)", unknown.err().strip());
        Cli.Outcome misplaced = Cli.run("ingest", "--refit-topics");
        assertEquals(2, misplaced.code());
        assertEquals("newstrends: --refit-topics is an option of analyze and run, not of ingest", misplaced.err().strip());
        Cli.Outcome incomplete = Cli.run("generate", "--papers", "3");
        assertEquals(2, incomplete.code());
        assertTrue(incomplete.err().contains("generate needs --papers P --days D --out DIR"), incomplete.err());

        Path bad = tmp.resolve("bad.conf");
        Files.writeString(bad, "newstrends { warehuose = x, ingest.max-line-chars = -1 }");
        Cli.Outcome config = Cli.run("run", "--config", bad.toString());
        assertEquals(2, config.code());
        assertEquals(1, config.err().lines().count());
        assertTrue(config.err().contains("newstrends.warehuose is not a known setting"), config.err());
        assertTrue(config.err().contains("max-line-chars must be positive"), config.err());
    }

    @Test
    void generateSaysWhichRealTextItWasBuiltFrom(@TempDir Path tmp) {
        Cli.Outcome o = Cli.run("generate", "--papers", "1", "--days", "2", "--out", tmp.resolve("c").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("generate: 2 file(s)"), o.out());
        // The tests run beside ../shared, as bin/test does.
        assertTrue(o.out().contains("text: the seed issues' paragraphs and the SIGHAN raw text"
                + " [../shared/eval/sighan2005/pku_test.utf8, ../shared/eval/sighan2005/msr_test.utf8]"), o.out());
    }

    @Test
    void aMissingInputOrWarehouseIsOneClearLine(@TempDir Path tmp) {
        Cli.Outcome input = Cli.run("ingest", "--input", tmp.resolve("nowhere").toString(), "--warehouse", tmp.resolve("w").toString());
        assertEquals(1, input.code());
        assertTrue(input.err().strip().endsWith("does not exist"), input.err());
        Cli.Outcome empty = Cli.run("sql", "--warehouse", tmp.resolve("empty").toString(), "SELECT 1");
        assertEquals(1, empty.code());
        assertTrue(empty.err().contains("no tables in warehouse"), empty.err());
    }

    @Test
    void evalSegPrintsScoresOfTheConfiguredSegmenter(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("raw.utf8"), "包头市与呼和浩特市签署合作协议。\n");
        Files.writeString(tmp.resolve("gold.utf8"), "包头市  与  呼和浩特市  签署  合作  协议  。\n");
        Cli.Outcome o = Cli.run("eval-seg", "--text", tmp.resolve("raw.utf8").toString(), "--gold", tmp.resolve("gold.utf8").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("gold_words=7"), o.out());
        assertTrue(o.out().contains("F1=1.0000"), o.out());
        assertEquals(2, Cli.run("eval-seg", "--text", "x").code(), "--gold is required");
    }

    @Test
    void benchNlpPrintsTheSideBySideTableAndLeavesNoTemporaryFiles() throws IOException {
        List<Path> before = benchDirectories();
        Cli.Outcome o = Cli.run("bench-nlp", "--chars", "150000", "--runs", "1");
        assertEquals(0, o.code(), o.err());
        // Its warehouse (tens of MB at the default size) and the extracted sample are deleted.
        assertEquals(before, benchDirectories());
        assertTrue(o.out().contains("| raw HanLP segmentation, 1 thread, plain loop |"), o.out());
        assertTrue(o.out().matches("(?s).*\\| nlp analysis in the stage's Spark job, output discarded, \\d+ cores \\| \\d+\\.\\d\\d s \\|.*"),
                o.out());
        // the stage over dates its tables do not hold yet, and rerun over the same dates
        assertTrue(o.out().matches("(?s).*\\| stage / \\(raw x cores\\), new dates \\| \\d+\\.\\d\\d \\|.*"), o.out());
        assertTrue(o.out().matches("(?s).*\\| stage / \\(raw x cores\\), rerun \\| \\d+\\.\\d\\d \\|.*"), o.out());
    }

    private static List<Path> benchDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("newstrends-bench-")).sorted().toList();
        }
    }

    @Test
    void helpAndVersionNeedNoSpark() {
        Cli.Outcome help = Cli.run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("usage: newstrends <command>"));
        Cli.Outcome version = Cli.run("version");
        assertEquals(0, version.code());
        assertTrue(version.out().matches("newstrends \\d+\\.\\d+\\.\\d+.*\\R"), version.out());
    }
}
