package io.newstrends.generate;

import io.newstrends.ingest.DocumentProcessor;
import io.newstrends.ingest.IngestSettings;
import io.newstrends.ingest.Manifest;
import io.newstrends.ingest.Records.ArticleRow;
import io.newstrends.ingest.Records.Processed;
import io.newstrends.nlp.NlpSettings;
import io.newstrends.nlp.Tokenizers;
import io.newstrends.region.Gazetteer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The corpus of {@code generate --papers 3 --days 35 --seed 1}, read back by the project's own
 * DocumentProcessor: every file splits into exactly the articles composed, the plants are where
 * ground_truth.csv says at about the rates it says, and a second run writes the same bytes.
 */
class CorpusGeneratorTest {

    static final Gazetteer GAZETTEER = Gazetteer.load(Path.of("conf/regions.csv"));
    static final DocumentProcessor PROCESSOR = new DocumentProcessor(GAZETTEER, IngestSettings.defaults());
    static final LocalDate START = Spec.DEFAULT_START;

    @TempDir
    static Path temp;
    static Spec spec;
    static CorpusGenerator generator;
    static Summary summary;
    /** Every issue as composed, by path. */
    static final Map<String, Issue> ISSUES = new TreeMap<>();
    /** Every file as read back, by path. */
    static final Map<String, Processed> READ_BACK = new TreeMap<>();

    @BeforeAll
    static void generate() throws IOException {
        spec = Spec.of(temp.resolve("corpus"), 3, 35, 1);
        generator = new CorpusGenerator(spec);
        summary = generator.write();
        Manifest manifest;
        try (Reader reader = Files.newBufferedReader(spec.out().resolve("manifest.csv"), StandardCharsets.UTF_8)) {
            manifest = Manifest.read(reader, GAZETTEER);
        }
        for (int p = 0; p < 3; p++) {
            for (int d = 0; d < 35; d++) {
                Issue issue = generator.issue(p, START.plusDays(d));
                ISSUES.put(issue.path(), issue);
                byte[] bytes = Files.readAllBytes(spec.out().resolve(issue.path()));
                READ_BACK.put(issue.path(), PROCESSOR.process(issue.path(), bytes, manifest.find(issue.path()).orElseThrow()));
            }
        }
    }

    @Test
    void writesOneIssuePerPaperAndDayWithItsManifestRow() throws IOException {
        assertEquals(105, summary.files());
        assertEquals(ISSUES.values().stream().mapToLong(i -> i.articles().size()).sum(), summary.articles());
        List<String> manifest = Files.readAllLines(spec.out().resolve("manifest.csv"), StandardCharsets.UTF_8);
        assertEquals("path,source,issue_date,source_region", manifest.get(0));
        assertEquals(106, manifest.size());
        assertEquals("baotou-ribao/2024-01-01.txt,包头日报,2024-01-01,150200", manifest.get(36));
        assertTrue(manifest.contains("neimenggu-ribao/2024-02-04.txt,内蒙古日报,2024-02-04,150000"));
        assertTrue(manifest.contains("huhehaote-ribao/2024-01-15.txt,呼和浩特日报,2024-01-15,150100"));
        for (Issue issue : ISSUES.values()) {
            assertTrue(Files.isRegularFile(spec.out().resolve(issue.path())), issue.path());
            int n = issue.articles().size();
            assertTrue(n >= 6 && n <= 10, issue.path() + ": 8 ± 2 articles, not " + n);
        }
    }

    @Test
    void everyFileSplitsBackIntoExactlyTheArticlesComposed() {
        int articles = 0;
        for (Map.Entry<String, Issue> e : ISSUES.entrySet()) {
            Issue issue = e.getValue();
            Processed read = READ_BACK.get(e.getKey());
            String where = e.getKey();
            assertTrue(read.document() != null, where + " was quarantined: " + read.quarantine());
            assertEquals(List.of(), read.quarantine(), where);
            assertEquals(issue.date(), read.document().issueDate(), where);
            assertEquals(issue.paper().name(), read.document().source(), where);
            assertEquals(List.of(), read.document().flags(), where + ": nothing dropped or flagged");
            assertEquals(issue.articles().size(), read.articles().size(), where + ": article count");
            for (int i = 0; i < issue.articles().size(); i++) {
                GeneratedArticle expected = issue.articles().get(i);
                ArticleRow actual = read.articles().get(i);
                String at = where + " #" + (i + 1);
                assertEquals(expected.headline(), actual.headline(), at);
                assertEquals(expected.subheadline(), actual.subheadline(), at);
                assertEquals(expected.kind(), actual.kind(), at);
                assertEquals(expected.datelinePlace(), actual.datelinePlace(), at);
                // Body text is exact; only the spaces a credit has beside Chinese characters go.
                assertEquals(expected.body().replace(" ", ""), actual.body().replace(" ", ""), at);
                assertEquals(issue.paper().regionCode(), actual.regionCode(), at);
                assertEquals(expected.continuation() != null, actual.flags().contains("continued"), at);
                assertNull(actual.kicker(), at);
                articles++;
            }
        }
        assertEquals(summary.articles(), articles);
    }

    @Test
    void columnPapersArePrintedInHardWrappedColumnsWithHeadlinesAfterBodies() {
        for (Map.Entry<String, Processed> e : READ_BACK.entrySet()) {
            String layout = e.getValue().document().layout();
            if (e.getKey().startsWith("huhehaote-ribao/")) {
                assertEquals("headline_after_body;column_width=17", layout, e.getKey());
            } else {
                assertEquals("headline_before_body", layout, e.getKey());
            }
        }
    }

    @Test
    void theCorpusShowsEverySeedConvention() {
        List<GeneratedArticle> all = ISSUES.values().stream().flatMap(i -> i.articles().stream()).toList();
        assertTrue(all.stream().anyMatch(a -> a.kind().equals("photo")));
        assertTrue(all.stream().anyMatch(a -> a.kind().equals("commentary")));
        assertTrue(all.stream().anyMatch(a -> a.subheadline() != null));
        assertTrue(all.stream().anyMatch(a -> a.continuation() != null));
        assertTrue(all.stream().anyMatch(a -> a.byline() != null && a.byline().startsWith("本报记者 ")));
        assertTrue(all.stream().anyMatch(a -> "包头".equals(a.datelinePlace())));
        assertTrue(all.stream().anyMatch(a -> a.datelinePlace() != null && !a.datelinePlace().equals("包头")
                && !a.datelinePlace().equals("呼和浩特")), "county datelines");
        for (GeneratedArticle a : all) {
            double width = TextRules.width(a.headline());
            assertTrue(width >= 8 && width <= 20, a.headline());
        }
    }

    @Test
    void groundTruthListsTheDefaultPlants() throws IOException {
        List<String> lines = Files.readAllLines(spec.out().resolve("ground_truth.csv"), StandardCharsets.UTF_8);
        assertEquals("kind,name,region_code,from,to,rate,words,carried", lines.get(0));
        List<GroundTruth> planted = summary.planted();
        assertEquals(planted.size() + 1, lines.size());
        assertEquals(planted, generator.groundTruth());
        // a week-long rise in paper 1's region after three weeks of history, then a week later a
        // thinner one in paper 2's region with the next term: the last week of 35 days
        GroundTruth first = planted.get(0);
        assertEquals(GroundTruth.TERM_TREND, first.kind());
        assertEquals("150200", first.regionCode());
        assertEquals(LocalDate.of(2024, 1, 22), first.from());
        assertEquals(LocalDate.of(2024, 1, 28), first.to());
        assertEquals(List.of(first.name()), first.words());
        GroundTruth second = planted.get(1);
        assertEquals(GroundTruth.TERM_TREND, second.kind());
        assertEquals("150100", second.regionCode());
        assertEquals(LocalDate.of(2024, 1, 29), second.from());
        assertEquals(LocalDate.of(2024, 2, 4), second.to());
        assertEquals(Plan.THIN_RATE, second.rate());
        assertNotEquals(first.name(), second.name());
        assertEquals(2, planted.stream().filter(g -> g.kind().equals(GroundTruth.TERM_TREND)).count());
        List<GroundTruth> topics = planted.stream().filter(g -> g.kind().equals(GroundTruth.TOPIC)).toList();
        assertEquals(2, topics.size());
        assertEquals("150000", topics.get(0).regionCode());
        assertEquals(START, topics.get(0).from());
        assertEquals(spec.end(), topics.get(0).to());
        assertEquals("150100", topics.get(1).regionCode());
        // What the planted text brings besides its words: the other words of the term's sentences, of the topic's block
        for (GroundTruth t : planted) {
            assertFalse(t.carried().isEmpty(), t.toString());
            assertTrue(t.carried().stream().noneMatch(t.words()::contains), t.toString());
        }
        for (GroundTruth t : topics) {
            assertEquals(Plan.TOPIC_WORDS, t.words().size(), t.toString());
            assertTrue(t.words().stream().allMatch(w -> w.length() >= 2), t.toString());
        }
        assertTrue(lines.get(1).startsWith("term_trend," + first.name() + ",150200,2024-01-22,2024-01-28,0.5000,"), lines.get(1));
    }

    @Test
    void termsAreReadBackAtTheirPlantedRatesInsideTheWindowAndRarelyOutside() {
        for (GroundTruth t : summary.planted()) {
            if (!t.kind().equals(GroundTruth.TERM_TREND)) {
                continue;
            }
            int inside = 0;
            int insideWith = 0;
            int outside = 0;
            int outsideWith = 0;
            for (Map.Entry<String, Processed> e : READ_BACK.entrySet()) {
                Issue issue = ISSUES.get(e.getKey());
                boolean window = issue.paper().regionCode().equals(t.regionCode())
                        && !issue.date().isBefore(t.from()) && !issue.date().isAfter(t.to());
                for (ArticleRow a : e.getValue().articles()) {
                    boolean has = (a.body() + a.headline()).contains(t.name());
                    if (window) {
                        inside++;
                        insideWith += has ? 1 : 0;
                    } else {
                        outside++;
                        outsideWith += has ? 1 : 0;
                    }
                }
            }
            double in = (double) insideWith / inside;
            double out = (double) outsideWith / outside;
            assertTrue(inside >= 40, t.name() + ": " + inside + " articles in the window");
            assertTrue(Math.abs(in - t.rate()) <= 0.2, t.name() + ": rate " + in + " in the window, planted " + t.rate());
            assertTrue(out <= 0.04, t.name() + ": rate " + out + " outside, background 0.01");
        }
    }

    @Test
    void plantedArticlesCarryTheTermAsOneNounAfterSplitting() {
        for (GroundTruth t : summary.planted()) {
            if (!t.kind().equals(GroundTruth.TERM_TREND)) {
                continue;
            }
            int checked = 0;
            for (Processed read : READ_BACK.values()) {
                for (ArticleRow a : read.articles()) {
                    if (a.body().contains(t.name())) {
                        assertTrue(Plan.isWholeNoun(t.name(), a.body(),
                                Tokenizers.shared(NlpSettings.defaults()).tokenize(a.body())), t.name() + " split in " + a.body());
                        checked++;
                    }
                }
            }
            assertTrue(checked >= 15, t.name() + ": " + checked + " articles");
        }
    }

    @Test
    void topicArticlesAppearOnlyInTheirRegionAndWindowAtAboutTheirRate() {
        for (GroundTruth t : summary.planted()) {
            if (!t.kind().equals(GroundTruth.TOPIC)) {
                continue;
            }
            int inside = 0;
            int topical = 0;
            for (Issue issue : ISSUES.values()) {
                boolean window = issue.paper().regionCode().equals(t.regionCode())
                        && !issue.date().isBefore(t.from()) && !issue.date().isAfter(t.to());
                for (GeneratedArticle a : issue.articles()) {
                    boolean isTopic = t.name().equals(a.topic());
                    if (window) {
                        inside++;
                        topical += isTopic ? 1 : 0;
                    } else {
                        assertTrue(!isTopic, issue.path() + " holds a " + t.name() + " article outside its window");
                    }
                }
            }
            double rate = (double) topical / inside;
            assertTrue(Math.abs(rate - t.rate()) <= 0.1, t.name() + ": " + rate + " of the window's articles, planted "
                    + t.rate());
        }
    }

    @Test
    void theSameSpecWritesTheSameBytesWhateverTheThreadCount(@TempDir Path other) throws IOException {
        Spec small = Spec.of(other.resolve("a"), 2, 6, 99);
        new CorpusGenerator(small.withThreads(3)).write();
        Spec again = new Spec(other.resolve("b"), 2, 6, small.start(), 99, small.articlesPerIssue(), null, null, null,
                null, 1);
        new CorpusGenerator(again).write();
        Map<String, String> a = hashes(other.resolve("a"));
        assertEquals(14, a.size(), "12 issues, the manifest and the ground truth");
        assertEquals(a, hashes(other.resolve("b")));
        Spec otherSeed = new Spec(other.resolve("c"), 2, 6, small.start(), 100, small.articlesPerIssue(), null, null,
                null, null, 1);
        new CorpusGenerator(otherSeed).write();
        assertNotEquals(a.get("baotou-ribao/2024-01-01.txt"), hashes(other.resolve("c")).get("baotou-ribao/2024-01-01.txt"));
    }

    @Test
    void defaultTrendsComeEveryWeekFromMidCorpusRegionAfterRegion() {
        List<GroundTruth> trends = new CorpusGenerator(Spec.of(temp.resolve("unused"), 13, 264, 1)).groundTruth()
                .stream().filter(g -> g.kind().equals(GroundTruth.TERM_TREND)).toList();
        // 264 days: history (264 - 7) / 2 = 128 days, then a week every week while one fits
        assertEquals((264 - 128 - 7) / 7 + 1, trends.size());
        List<Papers.Paper> papers = Papers.first(13);
        for (int k = 0; k < trends.size(); k++) {
            GroundTruth t = trends.get(k);
            assertEquals(START.plusDays(128 + 7L * k), t.from(), t.toString());
            assertEquals(t.from().plusDays(6), t.to(), t.toString());
            assertEquals(papers.get(1 + k % 12).regionCode(), t.regionCode(), t.toString());
            assertEquals(k % 2 == 0 ? TermTrend.DEFAULT_RATE : Plan.THIN_RATE, t.rate(), t.toString());
            assertEquals(Plan.DEFAULT_TERMS.contains(t.name()), true, t.toString());
            if (k > 0) {
                assertNotEquals(trends.get(k - 1).name(), t.name(), "consecutive trends plant different terms");
            }
        }
    }

    @Test
    void aTermPlantedByManyTrendsKeepsOneBackgroundRate(@TempDir Path dir) {
        // Ten trends of 煤炭 on the last day only: before it, every article draws 煤炭 once at the
        // background rate 0.01, not once per trend (which would be about 0.1).
        LocalDate last = START.plusDays(29);
        List<TermTrend> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(new TermTrend("煤炭", "150200", last, last, 0.5, TermTrend.DEFAULT_BACKGROUND));
        }
        CorpusGenerator g = new CorpusGenerator(Spec.of(dir.resolve("c"), 3, 30, 1).withTrends(ten).withTopics(List.of()));
        int articles = 0;
        int withCoal = 0;
        for (int p = 0; p < 3; p++) {
            for (int d = 0; d < 29; d++) {
                for (GeneratedArticle a : g.issue(p, START.plusDays(d)).articles()) {
                    articles++;
                    withCoal += a.terms().contains("煤炭") ? 1 : 0;
                    assertTrue(a.terms().size() <= 1, a.terms().toString());
                }
            }
        }
        assertTrue(articles >= 500, articles + " articles");
        assertTrue(withCoal <= articles * 0.03, withCoal + " of " + articles + " articles mention 煤炭 before its trends");
    }

    @Test
    void refusesAnOutputDirectoryThatHoldsFiles() {
        assertThrows(IllegalArgumentException.class, () -> generator.write());
    }

    @Test
    void rejectsPlantsTheCorpusCannotHold() {
        LocalDate day = START.plusDays(3);
        Spec base = Spec.of(temp.resolve("unused"), 2, 10, 1);
        IllegalArgumentException region = assertThrows(IllegalArgumentException.class, () -> new CorpusGenerator(
                base.withTrends(List.of(new TermTrend("草原", "150600", day, day, 0.5, 0)))));
        assertTrue(region.getMessage().contains("150600"), region.getMessage());
        IllegalArgumentException unreal = assertThrows(IllegalArgumentException.class, () -> new CorpusGenerator(
                base.withTrends(List.of(new TermTrend("量子计算机", "150200", day, day, 0.5, 0)))));
        assertTrue(unreal.getMessage().contains("量子计算机"), unreal.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CorpusGenerator(
                base.withTrends(List.of()).withTopics(List.of(new PlantedTopic("不存在的标题", "150000", day, day, 0.3)))));
        assertThrows(IllegalArgumentException.class, () -> new TermTrend("草原", "150200", day, day.minusDays(1), 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new TermTrend("草原", "150200", day, day, 1.5, 0));
        assertThrows(IllegalArgumentException.class, () -> Spec.of(temp, 14, 10, 1));
    }

    @Test
    void plantsCanBeGivenExplicitly(@TempDir Path dir) throws IOException {
        LocalDate from = START.plusDays(2);
        LocalDate to = START.plusDays(4);
        Spec explicit = Spec.of(dir.resolve("c"), 2, 6, 5)
                .withTrends(List.of(new TermTrend("铁路", "150000", from, to, 1.0, 0)))
                .withTopics(List.of(new PlantedTopic("营商环境", "150200", from, to, 0.5)));
        CorpusGenerator g = new CorpusGenerator(explicit);
        Summary s = g.write();
        for (int p = 0; p < 2; p++) {
            for (int d = 0; d < 6; d++) {
                LocalDate day = START.plusDays(d);
                for (GeneratedArticle a : g.issue(p, day).articles()) {
                    boolean window = !day.isBefore(from) && !day.isAfter(to);
                    boolean planted = p == 0 && window;
                    assertEquals(planted, a.body().contains("铁路"), p + " " + day + " " + a.headline());
                    assertEquals(planted, a.terms().equals(List.of("铁路")));
                    if (a.topic() != null) {
                        assertTrue(p == 1 && window);
                    }
                }
            }
        }
        assertTrue(s.topicArticles() > 0);
        assertEquals("topic", s.planted().get(1).kind());
        assertTrue(s.planted().get(1).words().contains("营商环境"), s.planted().get(1).words().toString());
    }

    static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            out.put(root.relativize(f).toString().replace('\\', '/'), DocumentProcessor.sha256Hex(Files.readAllBytes(f)));
        }
        return out;
    }
}
