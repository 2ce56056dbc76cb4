package io.newstrends.ingest;

import io.newstrends.ingest.Records.ArticleRow;
import io.newstrends.ingest.Records.Processed;
import io.newstrends.ingest.Records.QuarantineRow;
import io.newstrends.region.Gazetteer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One file in, its rows out: dates, regions, ids, encodings and every way a file is rejected. */
class DocumentProcessorTest {

    static final Path SEEDS = Path.of("../shared/corpus/seeds");
    static final Gazetteer GAZETTEER = Gazetteer.load(Path.of("conf/regions.csv"));
    static final DocumentProcessor PROCESSOR = new DocumentProcessor(GAZETTEER, IngestSettings.defaults());

    static byte[] seed(String name) throws IOException {
        return Files.readAllBytes(SEEDS.resolve(name));
    }

    @ParameterizedTest
    @CsvSource({
            "内蒙古日报/2021-04-02.txt, 内蒙古日报",
            "2021-04-02/内蒙古日报/a.txt, 内蒙古日报",
            "date=2021-04-02/包头日报/a.txt, 包头日报",
            "鄂尔多斯日报/2021/04/02/a.txt, 鄂尔多斯日报",
            "20210402/a.txt, unknown",
            "a.txt, unknown",
            "2021/04/02/nmgrb2021/a.txt, nmgrb2021",
    })
    void theSourceIsTheFirstFolderThatIsNotADate(String path, String source) {
        assertEquals(source, DocumentProcessor.sourceFromPath(path));
    }

    static Processed process(String name, String sourceRegion) throws IOException {
        ManifestEntry entry = sourceRegion == null ? null : new ManifestEntry(name, "测试报", null, sourceRegion);
        return PROCESSOR.process(name, seed(name), entry);
    }

    @Test
    void issueDatesOfTheSeedsComeFromTheirContent() throws IOException {
        Map<String, String> expected = Map.of(
                "000_7778472d3299ae51.txt", "2021-04-01",
                "001_43a9c509df84c5d8.txt", "2021-10-23",
                "002_e54c1e9959352caf.txt", "2022-02-07",
                "003_4acd579b3569145d.txt", "2025-06-13",
                "004_397ea5b236c63f32.txt", "2021-12-27");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Processed p = process(e.getKey(), null);
            assertEquals(LocalDate.parse(e.getValue()), p.document().issueDate(), e.getKey());
            assertEquals("content", p.document().dateSource());
            assertTrue(p.articles().stream().allMatch(a -> a.issueDate().equals(p.document().issueDate())));
        }
    }

    @Test
    void manifestDateBeatsPathDateWhichBeatsContent() throws IOException {
        byte[] bytes = seed("000_7778472d3299ae51.txt");
        Processed fromPath = PROCESSOR.process("2021-04-02/000.txt", bytes, null);
        assertEquals(LocalDate.of(2021, 4, 2), fromPath.document().issueDate());
        assertEquals("path", fromPath.document().dateSource());
        Processed fromManifest = PROCESSOR.process("2021-04-02/000.txt", bytes,
                new ManifestEntry("2021-04-02/000.txt", "内蒙古日报", LocalDate.of(2021, 4, 3), "150000"));
        assertEquals(LocalDate.of(2021, 4, 3), fromManifest.document().issueDate());
        assertEquals("manifest", fromManifest.document().dateSource());
        assertEquals("内蒙古日报", fromManifest.document().source());
    }

    @Test
    void regionComesFromTheDatelineThenTheSourceThenTheAutonomousRegion() throws IOException {
        List<ArticleRow> seed000 = process("000_7778472d3299ae51.txt", "150000").articles();
        assertEquals("150200", seed000.get(0).regionCode(), "本报包头4月1日电");
        assertEquals("包头市", seed000.get(0).regionName());
        assertEquals("dateline", seed000.get(0).regionSource());
        assertEquals("150000", seed000.get(1).regionCode());
        assertEquals("source", seed000.get(1).regionSource());

        List<ArticleRow> seed002 = process("002_e54c1e9959352caf.txt", "150000").articles();
        assertEquals("150800", seed002.get(8).regionCode(), "本报巴彦淖尔2月7日电");
        assertEquals("北京", seed002.get(2).datelinePlace());
        assertEquals("150000", seed002.get(2).regionCode(), "新华社北京 is outside the gazetteer: the paper's region");

        List<ArticleRow> seed003 = process("003_4acd579b3569145d.txt", "150600").articles();
        ArticleRow kangbashi = seed003.get(9);
        assertEquals("150600", kangbashi.regionCode(), "康巴什 rolls up to 鄂尔多斯市");
        assertEquals("150603", kangbashi.placeCode());
        assertEquals("dateline", kangbashi.regionSource());
        assertTrue(seed003.stream().allMatch(a -> a.regionCode().equals("150600")), "a city paper stays in its city");

        List<ArticleRow> noManifest = process("003_4acd579b3569145d.txt", null).articles();
        assertEquals("150000", noManifest.get(0).regionCode());
        assertEquals("default", noManifest.get(0).regionSource());
    }

    @Test
    void datelineDatesTakeTheIssueYear() throws IOException {
        ArticleRow first = process("000_7778472d3299ae51.txt", "150000").articles().get(0);
        assertEquals(LocalDate.of(2021, 4, 1), first.datelineDate());
        assertEquals(LocalDate.of(2021, 12, 31), DocumentProcessor.datelineDate(LocalDate.of(2022, 1, 2), 12, 31));
        assertNull(DocumentProcessor.datelineDate(LocalDate.of(2022, 1, 2), null, null));
    }

    @Test
    void idsAreStableAndDistinct() throws IOException {
        Processed once = process("000_7778472d3299ae51.txt", "150000");
        Processed twice = process("000_7778472d3299ae51.txt", "150000");
        assertEquals(once, twice);
        List<String> ids = once.articles().stream().map(ArticleRow::articleId).toList();
        assertEquals(ids.size(), ids.stream().distinct().count());
        assertEquals(once.document().docId() + "-001", ids.get(0));
        Processed elsewhere = PROCESSOR.process("other/000.txt", seed("000_7778472d3299ae51.txt"), null);
        assertTrue(!elsewhere.document().docId().equals(once.document().docId()), "the path is part of the id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"000_7778472d3299ae51.txt", "001_43a9c509df84c5d8.txt", "002_e54c1e9959352caf.txt",
            "003_4acd579b3569145d.txt", "004_397ea5b236c63f32.txt"})
    void gb18030AndCrlfCopiesGiveTheSameArticles(String name) throws IOException {
        String text = new String(seed(name), StandardCharsets.UTF_8);
        Processed original = PROCESSOR.process(name, seed(name), null);
        byte[] gb = text.getBytes(Charset.forName("GB18030"));
        byte[] crlf = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] bom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        for (byte[] copy : List.of(gb, crlf, bom)) {
            Processed other = PROCESSOR.process(name, copy, null);
            assertEquals(articleContent(original), articleContent(other), name);
            assertEquals(original.document().issueDate(), other.document().issueDate());
        }
        assertEquals("GB18030", PROCESSOR.process(name, gb, null).document().encoding());
        assertEquals("UTF-8", original.document().encoding());
    }

    /** Article rows without ids (the ids depend on the bytes, on purpose). */
    static List<String> articleContent(Processed p) {
        return p.articles().stream()
                .map(a -> String.join("|", String.valueOf(a.headline()), a.kind(), a.body(), a.regionCode(),
                        String.valueOf(a.byline()), String.valueOf(a.datelineDate())))
                .collect(Collectors.toList());
    }

    @Test
    void orphanHeadlinesAreQuarantinedNotLost() throws IOException {
        Processed p = process("004_397ea5b236c63f32.txt", "150000");
        assertEquals(6, p.articles().size());
        assertEquals(1, p.quarantine().size());
        QuarantineRow orphan = p.quarantine().get(0);
        assertEquals("orphan_headline", orphan.reason());
        assertEquals(p.document().docId(), orphan.docId());
        assertTrue(orphan.sample().contains("我们扛起使命"));
    }

    @Test
    void seed001IsFlaggedAsTraditionalWithMojibake() throws IOException {
        Records.DocumentRow d = process("001_43a9c509df84c5d8.txt", "150000").document();
        assertTrue(d.isTraditional());
        assertTrue(d.flags().containsAll(List.of("traditional", "mojibake", "boilerplate_removed")));
        assertTrue(d.pinyinRemoved() > 1000);
        assertTrue(d.mojibakeSpans() > 0);
        assertEquals(1, d.nArticles());
    }

    static QuarantineRow rejected(String path, byte[] bytes) {
        Processed p = PROCESSOR.process(path, bytes, null);
        assertNull(p.document(), path + " should be rejected");
        assertTrue(p.articles().isEmpty());
        assertEquals(1, p.quarantine().size());
        return p.quarantine().get(0);
    }

    @Test
    void badFilesAreQuarantinedWithAReason() {
        assertEquals("empty", rejected("empty.txt", new byte[0]).reason());
        byte[] png = new byte[4096];
        new Random(7).nextBytes(png);
        System.arraycopy(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, png, 0, 8);
        assertEquals("binary", rejected("image.txt", png).reason());
        byte[] noise = new byte[65536];
        new Random(11).nextBytes(noise);
        String noiseReason = rejected("noise.txt", noise).reason();
        assertTrue(List.of("binary", "undecodable").contains(noiseReason), noiseReason);

        QuarantineRow longLine = rejected("2021-04-01/long.txt", "新".repeat(20_000_000).getBytes(StandardCharsets.UTF_8));
        assertEquals("line_too_long", longLine.reason());
        assertEquals(LocalDate.of(2021, 4, 1), longLine.issueDate(), "the path date is kept for the record");
        assertTrue(longLine.sample().length() <= IngestSettings.defaults().sampleChars());

        QuarantineRow footerOnly = rejected("footer.txt",
                "扫描二维码推送至手机访问。\n版权声明：本文由信途科技转载于网络，如有侵权联系站长删除。\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("no_content", footerOnly.reason());
        assertTrue(footerOnly.detail().contains("boilerplate"));

        QuarantineRow undated = rejected("undated.txt", "会议强调，要深入学习贯彻。\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("undated", undated.reason());
        assertNotNull(undated.sha256());
    }

    @Test
    void oversizedFilesAreRejectedBeforeDecoding() {
        DocumentProcessor small = new DocumentProcessor(GAZETTEER, new IngestSettings(100, 100_000, 200));
        Processed p = small.process("big.txt", new byte[101], null);
        assertEquals("too_large", p.quarantine().get(0).reason());
    }

    @Test
    void sha256IsTheFilesDigest() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                DocumentProcessor.sha256Hex(new byte[0]));
    }
}
