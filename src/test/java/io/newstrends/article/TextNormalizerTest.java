package io.newstrends.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextNormalizerTest {

    private static final Path SEEDS = Path.of("../shared/corpus/seeds");
    private static final Pattern LEFTOVER_PINYIN =
            Pattern.compile("\\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\\)");

    private static NormalizedDocument seed001;

    static String seed(String prefix) throws IOException {
        try (var files = Files.list(SEEDS)) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith(prefix + "_"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no seed " + prefix + " in " + SEEDS.toAbsolutePath()));
            return Files.readString(file, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void normalizeSeed001() throws IOException {
        seed001 = TextNormalizer.normalize(seed("001"));
    }

    // ---- seed 001: traditional text, pinyin annotations, mojibake, web footer ----

    @Test
    void seed001IsDetectedAsTraditionalAndConverted() {
        assertTrue(seed001.traditional());
        assertTrue(seed001.text().contains("根据中央统一部署"), "pinyin removed and converted to simplified");
        assertTrue(seed001.text().contains("自治区党委"));
        assertFalse(seed001.text().contains("根據"), "no traditional form left");
        assertFalse(seed001.text().contains("自治區"), "no traditional form left");
    }

    @Test
    void seed001LosesAllPinyinAnnotations() {
        assertTrue(seed001.pinyinAnnotations() > 1000, "annotations counted: " + seed001.pinyinAnnotations());
        Matcher m = LEFTOVER_PINYIN.matcher(seed001.text());
        assertFalse(m.find(), () -> "annotation left: " + m.group());
        assertFalse(seed001.text().contains("(jù)"));
        assertFalse(seed001.text().contains("(qū)"));
    }

    @Test
    void seed001MojibakeIsCountedAndReplacementCharactersRemoved() {
        assertTrue(seed001.mojibakeSpans() > 0);
        assertFalse(seed001.text().contains("\uFFFD"));
    }

    @Test
    void seed001WebFooterIsDropped() {
        assertTrue(seed001.boilerplateLines() >= 2, "boilerplate lines: " + seed001.boilerplateLines());
        assertFalse(seed001.text().contains("版权声明"));
        assertFalse(seed001.text().contains("扫描二维码"));
        // the signature above the footer stays
        assertTrue(seed001.text().contains("2021年10月23日"));
    }

    @Test
    void seed001KeepsEnumerations() {
        assertTrue(seed001.text().contains("（一）"), "enumeration (一) is kept (full-width)");
        assertTrue(seed001.text().contains("（二）"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"000", "002", "003", "004"})
    void otherSeedsAreSimplifiedWithoutPinyin(String prefix) throws IOException {
        NormalizedDocument doc = TextNormalizer.normalize(seed(prefix));
        assertFalse(doc.traditional(), prefix + " is not traditional");
        assertEquals(0, doc.pinyinAnnotations(), prefix + " has no pinyin annotations");
        assertEquals(0, doc.boilerplateLines(), prefix + " has no web boilerplate");
        assertFalse(doc.text().isBlank());
    }

    @Test
    void seed004KeepsItsRepeatedContinuationMarkers() throws IOException {
        String raw = seed("004");
        NormalizedDocument doc = TextNormalizer.normalize(raw);
        long before = raw.lines().filter(l -> l.strip().equals("■下转第8版")).count();
        long after = doc.text().lines().filter(l -> l.strip().equals("■下转第8版")).count();
        assertTrue(before >= 3, "seed 004 has a run of repeated markers");
        assertEquals(before, after, "the splitter, not the normalizer, handles continuation markers");
        assertEquals(0, doc.repeatedLines());
    }

    // ---- letter spacing ----

    @Test
    void collapsesLetterSpacedName() {
        assertEquals("习近平向英国女王", TextNormalizer.collapseLetterSpacing("习 近 平 向 英 国 女 王"));
    }

    @Test
    void collapsesLetterSpacedHeadline() {
        assertEquals("优化营商环境只有进行时", TextNormalizer.collapseLetterSpacing("优 化 营 商 环 境 只 有 进 行 时"));
    }

    @Test
    void keepsPhraseSpacesInANormalHeadline() {
        String headline = "66项政务服务事项 能在呼包银榆四市互办了";
        assertEquals(headline, TextNormalizer.collapseLetterSpacing(headline));
    }

    @Test
    void lineWithoutSpacesIsUntouched() {
        assertEquals("优化营商环境", TextNormalizer.collapseLetterSpacing("优化营商环境"));
    }

    @Test
    void normalizeCollapsesLetterSpacedLinesInADocument() {
        NormalizedDocument doc = TextNormalizer.normalize("优 化 营 商 环 境 只 有 进 行 时\n正文内容。\n");
        assertTrue(doc.text().startsWith("优化营商环境只有进行时\n"), doc.text());
    }

    // ---- punctuation ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "会议要求,要深入|会议要求，要深入",
            "督察进驻期间:2025年|督察进驻期间：2025年",
            "8:00—20:00|8:00—20:00",
            "3.5%|3.5%",
            "(筹)|（筹）",
            "医疗质量控制中心(筹)。|医疗质量控制中心（筹）。",
            "是吗?|是吗？",
            "好!|好！",
            "一是;二是|一是；二是",
            "A,B|A,B",
    })
    void fullWidthPunctuationNextToHan(String in, String expected) {
        assertEquals(expected, TextNormalizer.fullWidthPunctuation(in));
    }

    @Test
    void mojibakeQuestionMarkIsNotMadeFullWidth() {
        assertEquals("什么?!", TextNormalizer.fullWidthPunctuation("什么?!"));
    }

    @Test
    void bracketPairAroundDigitsTakesOneWidth() {
        assertEquals("报告（2021）", TextNormalizer.fullWidthPunctuation("报告(2021)"));
        assertEquals("（2021）报告", TextNormalizer.fullWidthPunctuation("(2021)报告"));
    }

    // ---- width ----

    @Test
    void fullWidthDigitsAndLettersBecomeHalfWidth() {
        assertEquals("2021年", TextNormalizer.normalizeWidth("２０２１年"));
        assertEquals("ABC abc 3.5% 1+1-2/3", TextNormalizer.normalizeWidth("ＡＢＣ ａｂｃ ３．５％ １＋１－２／３"));
    }

    @Test
    void specialSpacesBecomePlainAndZeroWidthGoes() {
        assertEquals("本报 讯", TextNormalizer.normalizeWidth("本报\u3000讯"));
        assertEquals("a b", TextNormalizer.normalizeWidth("a\u00A0b"));
        assertEquals("ab", TextNormalizer.normalizeWidth("a\u200Bb\uFEFF"));
        assertEquals("a\n", TextNormalizer.normalizeWidth("a\r\n"));
    }

    @Test
    void fullWidthPunctuationIsLeftAlone() {
        assertEquals("会议，要求：（一）", TextNormalizer.normalizeWidth("会议，要求：（一）"));
    }

    @Test
    void normalizeAppliesWidthToWholeDocument() {
        NormalizedDocument doc = TextNormalizer.normalize("２０２１年\u3000全区经济平稳。");
        assertEquals("2021年 全区经济平稳。", doc.text());
    }

    // ---- pinyin (unit) ----

    @Test
    void pinyinAnnotationAfterHanIsRemovedAndCounted() {
        NormalizedDocument doc = TextNormalizer.normalize("根据(jù)中央统一(tǒng)部署");
        assertEquals("根据中央统一部署", doc.text());
        assertEquals(2, doc.pinyinAnnotations());
    }

    @Test
    void unitsInBracketsAreNotPinyin() {
        NormalizedDocument doc = TextNormalizer.normalize("每人每天摄入重量(kg)，浓度(mg)每升。");
        assertEquals(0, doc.pinyinAnnotations());
        assertTrue(doc.text().contains("kg"), doc.text());
        assertTrue(doc.text().contains("mg"), doc.text());
    }

    // ---- boilerplate and repeated lines ----

    @Test
    void boilerplateLinesAreDroppedAndCounted() {
        NormalizedDocument doc = TextNormalizer.normalize(
                "正文第一段。\n责任编辑：王五\n版权声明：本文转载于网络，如有侵权联系删除。\n正文第二段。");
        assertEquals(2, doc.boilerplateLines());
        assertFalse(doc.text().contains("责任编辑"));
        assertFalse(doc.text().contains("版权声明"));
        assertTrue(doc.text().contains("正文第一段。"));
        assertTrue(doc.text().contains("正文第二段。"));
    }

    @Test
    void shortLineRepeatedThreeTimesIsDropped() {
        NormalizedDocument doc = TextNormalizer.normalize(
                "正文第一段内容。\n广告\n正文第二段。\n广告\n正文第三段。\n广告\n");
        assertEquals(3, doc.repeatedLines());
        assertFalse(doc.text().contains("广告"));
        assertTrue(doc.text().contains("正文第一段内容。"));
        assertTrue(doc.text().contains("正文第三段。"));
    }

    @Test
    void shortLineTwiceIsKept() {
        NormalizedDocument doc = TextNormalizer.normalize("小标题\n正文一。\n小标题\n正文二。");
        assertEquals(0, doc.repeatedLines());
        assertEquals(2, doc.text().split("小标题", -1).length - 1);
    }

    @Test
    void repeatedContinuationMarkersStayInText() {
        NormalizedDocument doc = TextNormalizer.normalize(
                "正文第一段。\n■下转第8版\n■下转第8版\n■下转第8版\n■下转第8版\n正文第二段。");
        assertEquals(0, doc.repeatedLines());
        assertEquals(4, doc.text().lines().filter("■下转第8版"::equals).count());
    }

    @Test
    void isContinuationMarkerRecognisesMarkerLinesOnly() {
        assertTrue(TextNormalizer.isContinuationMarker("■下转第8版"));
        assertTrue(TextNormalizer.isContinuationMarker("■上接第1版"));
        assertFalse(TextNormalizer.isContinuationMarker("正文第一段。"));
    }

    @Test
    void simplifiedTextIsNotConverted() {
        NormalizedDocument doc = TextNormalizer.normalize("本报4月1日讯 自治区党委召开会议，研究部署工作。");
        assertFalse(doc.traditional());
        assertEquals("本报4月1日讯 自治区党委召开会议，研究部署工作。", doc.text());
    }
}
