package io.newstrends.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstrends.cli.Options.UsageException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionsTest {

    private static Options parse(String... args) {
        return Options.parse(args);
    }

    private static UsageException usage(String... args) {
        return assertThrows(UsageException.class, () -> Options.parse(args));
    }

    @Test
    void analyzeStepsAreAListOfKeywordsTrendsAndTopics() {
        assertEquals(io.newstrends.analyze.AnalyzeStep.ALL, parse("analyze").steps());
        assertEquals(java.util.Set.of(io.newstrends.analyze.AnalyzeStep.KEYWORDS, io.newstrends.analyze.AnalyzeStep.TRENDS),
                parse("analyze", "--steps", "trends, KEYWORDS").steps());
        assertEquals("unknown analyze step 'lda' (steps: keywords, trends, topics)", assertThrows(
                Options.UsageException.class, () -> parse("run", "--steps", "keywords,lda")).getMessage());
        assertEquals("--steps is an option of analyze and run, not of nlp", assertThrows(
                Options.UsageException.class, () -> parse("nlp", "--steps", "keywords")).getMessage());
        assertEquals("--refit-topics needs the topics step (--steps ...,topics)", assertThrows(
                Options.UsageException.class, () -> parse("analyze", "--steps", "keywords", "--refit-topics")).getMessage());
    }

    @Test
    void runStagesAreConsecutiveStagesOfThePipeline() {
        assertEquals(PipelineStage.ALL, parse("run").stages());
        assertEquals(java.util.Set.of(PipelineStage.NLP, PipelineStage.ANALYZE), parse("run", "--stages", "analyze, NLP").stages());
        assertEquals(java.util.Set.of(PipelineStage.INGEST), parse("run", "--stages", "ingest").stages());
        assertEquals("--stages must be consecutive stages of ingest,nlp,analyze, not 'ingest,analyze'",
                usage("run", "--stages", "ingest,analyze").getMessage());
        assertEquals("unknown stage 'topics' (stages: ingest, nlp, analyze)", usage("run", "--stages", "nlp,topics").getMessage());
        assertEquals("--stages needs at least one of ingest, nlp, analyze", usage("run", "--stages", ",").getMessage());
        assertEquals("--steps needs at least one of keywords, trends, topics", usage("analyze", "--steps", ",").getMessage());
        assertEquals("--stages is an option of run, not of analyze", usage("analyze", "--stages", "nlp").getMessage());
        assertEquals("--steps needs the analyze stage (--stages ...,analyze)",
                usage("run", "--stages", "ingest,nlp", "--steps", "keywords").getMessage());
        assertEquals("--refit-topics needs the analyze stage (--stages ...,analyze)",
                usage("run", "--stages", "nlp", "--refit-topics").getMessage());
        assertEquals("--input needs the ingest stage (--stages ingest,...)",
                usage("run", "--stages", "nlp,analyze", "--input", "/data").getMessage());
    }

    @Test
    void theSummaryAfterRunShowsTheLatestDates() {
        List<LocalDate> eleven = new java.util.ArrayList<>();
        for (int day = 11; day >= 1; day--) {
            eleven.add(LocalDate.of(2021, 4, day));
        }
        assertEquals(Main.SUMMARY_DATES, Main.summaryDates(eleven).size());
        assertEquals(LocalDate.of(2021, 4, 5), Main.summaryDates(eleven).get(0));
        assertEquals(LocalDate.of(2021, 4, 11), Main.summaryDates(eleven).get(Main.SUMMARY_DATES - 1));
        assertEquals(List.of(LocalDate.of(2021, 4, 2), LocalDate.of(2021, 4, 3)),
                Main.summaryDates(List.of(LocalDate.of(2021, 4, 3), LocalDate.of(2021, 4, 2))));
    }

    @Test
    void anArgumentTheLocaleCouldNotDecodeIsRefusedWithTheFix() {
        // What `SELECT '草原'` becomes when the JVM decodes its command line as US-ASCII.
        String message = usage("sql", "SELECT '\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD'").getMessage();
        assertTrue(message.contains("reached Java garbled"), message);
        assertTrue(message.contains("LC_ALL=C.UTF-8"), message);
        assertEquals("sql", Options.parse(new String[]{"sql", "SELECT '草原'"}).command());
    }

    @Test
    void noArgumentsMeansHelp() {
        Options o = parse();
        assertEquals("help", o.command());
        assertEquals("table", o.format());
        assertNull(o.input());
        assertNull(o.query());
    }

    @Test
    void helpFlags() {
        assertEquals("help", parse("--help").command());
        assertEquals("help", parse("-h").command());
        assertEquals("help", parse("run", "--help").command());
        assertEquals("version", parse("--version").command());
    }

    @Test
    void singleDateSetsFromAndTo() {
        Options o = parse("run", "--date", "2021-04-01");
        LocalDate d = LocalDate.of(2021, 4, 1);
        assertEquals("run", o.command());
        assertEquals(d, o.date());
        assertEquals(d, o.from());
        assertEquals(d, o.to());
    }

    @Test
    void dateRange() {
        Options o = parse("run", "--from", "2021-04-01", "--to", "2021-04-30");
        assertNull(o.date());
        assertEquals(LocalDate.of(2021, 4, 1), o.from());
        assertEquals(LocalDate.of(2021, 4, 30), o.to());
    }

    @Test
    void sameDayRangeIsAllowed() {
        Options o = parse("ingest", "--from", "2021-04-01", "--to", "2021-04-01");
        assertEquals(o.from(), o.to());
    }

    @Test
    void dateCannotBeCombinedWithRange() {
        UsageException e = usage("run", "--date", "2021-04-01", "--from", "2021-03-01");
        assertTrue(e.getMessage().contains("--date"), e.getMessage());
        usage("run", "--to", "2021-04-01", "--date", "2021-03-01");
    }

    @Test
    void fromAfterToIsRejected() {
        UsageException e = usage("run", "--from", "2021-05-01", "--to", "2021-04-01");
        assertTrue(e.getMessage().contains("--from"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--date", "--from", "--to"})
    void badDateNamesTheOption(String option) {
        UsageException e = usage("run", option, "2021-13-01");
        assertTrue(e.getMessage().contains(option), e.getMessage());
        assertTrue(e.getMessage().contains("2021-13-01"), e.getMessage());
        usage("run", option, "20210401");
    }

    @Test
    void unknownOptionIsRejected() {
        UsageException e = usage("run", "--bogus");
        assertTrue(e.getMessage().contains("--bogus"), e.getMessage());
    }

    @Test
    void unknownCommandIsRejected() {
        UsageException e = usage("frobnicate");
        assertTrue(e.getMessage().contains("frobnicate"), e.getMessage());
    }

    @Test
    void unexpectedPositionalForRunIsRejected() {
        usage("run", "extra");
    }

    @Test
    void sqlWithQueryAndFormat() {
        Options o = parse("sql", "SELECT 1", "--format", "csv");
        assertEquals("sql", o.command());
        assertEquals("SELECT 1", o.query());
        assertEquals("csv", o.format());
        assertEquals("jsonl", parse("sql", "--format", "jsonl", "SELECT 1").format());
        assertEquals("table", parse("sql", "SELECT 1").format());
    }

    @Test
    void sqlNeedsExactlyOneQuery() {
        usage("sql");
        usage("sql", "--format", "csv");
        usage("sql", "SELECT 1", "SELECT 2");
    }

    @Test
    void badFormatIsRejected() {
        UsageException e = usage("sql", "SELECT 1", "--format", "xml");
        assertTrue(e.getMessage().contains("xml"), e.getMessage());
    }

    @Test
    void pathOptions() {
        Options o = parse("ingest", "--input", "data/in", "--warehouse", "/tmp/wh", "--config", "my.conf");
        assertEquals("ingest", o.command());
        assertEquals("data/in", o.input());
        assertEquals("/tmp/wh", o.warehouse());
        assertEquals(Path.of("my.conf"), o.config());
        assertNull(o.from());
        assertNull(o.to());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--input", "--warehouse", "--config", "--date", "--from", "--to", "--format"})
    void optionMissingItsValue(String option) {
        UsageException atEnd = usage("run", option);
        assertTrue(atEnd.getMessage().contains(option), atEnd.getMessage());
        UsageException beforeOption = usage("run", option, "--warehouse", "wh");
        assertTrue(beforeOption.getMessage().contains(option), beforeOption.getMessage());
    }
}
