package io.newstrends.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EncodingDetectorTest {

    private static final Path SEEDS = Path.of("../shared/corpus/seeds");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset BIG5 = Charset.forName("Big5");
    private static final Charset BIG5_DECODER =
            Charset.isSupported("Big5-HKSCS") ? Charset.forName("Big5-HKSCS") : BIG5;

    private static final String TRADITIONAL_PARAGRAPH =
            "本報訊 記者從自治區發展和改革委員會獲悉，今年以來，全區經濟運行總體平穩，"
                    + "工業生產穩步回升，消費市場逐步恢復，對外貿易保持增長。"
                    + "下一步，各地各部門將繼續堅持穩中求進工作總基調，認真落實黨中央決策部署，"
                    + "紮實推進高品質發展，為實現全年目標任務打下堅實基礎。\n"
                    + "會議強調，要進一步優化營商環境，加強對中小企業的支持，"
                    + "著力解決群眾關心的就業、教育、醫療、養老等問題，確保社會大局和諧穩定。\n";

    static Stream<Path> seeds() throws IOException {
        try (Stream<Path> files = Files.list(SEEDS)) {
            List<Path> list = files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
            assertFalse(list.isEmpty(), "no seeds under " + SEEDS.toAbsolutePath());
            return list.stream();
        }
    }

    private static String read(Path seed) throws IOException {
        return Files.readString(seed, StandardCharsets.UTF_8);
    }

    private static void assertDecoded(String expected, String encoding, boolean hadBom, DecodedText d) {
        assertNull(d.rejection(), () -> "unexpected rejection " + d.rejection());
        assertEquals(encoding, d.encoding());
        assertEquals(hadBom, d.hadBom());
        assertEquals(0, d.replacementChars());
        assertEquals(expected, d.text());
        assertTrue(d.isAccepted());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Traditional text that survives Big5 encoding and the detector's Big5 decoder unchanged. */
    private static String big5Representable(String text) {
        CharsetEncoder encoder = BIG5.newEncoder();
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || Character.isSurrogate(c) || !encoder.canEncode(c)) {
                continue;
            }
            String s = String.valueOf(c);
            if (new String(s.getBytes(BIG5), BIG5_DECODER).equals(s)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String traditionalSample() throws IOException {
        Path seed001;
        try (Stream<Path> s = seeds()) {
            seed001 = s.filter(p -> p.getFileName().toString().startsWith("001_")).findFirst().orElseThrow();
        }
        String text = read(seed001);
        String firstParagraphs = text.substring(0, Math.min(text.length(), 4000));
        return big5Representable(firstParagraphs);
    }

    // ---- the seeds in every supported encoding ------------------------------------------------

    @ParameterizedTest
    @MethodSource("seeds")
    void utf8AsIs(Path seed) throws IOException {
        String text = read(seed);
        assertDecoded(text, "UTF-8", false, EncodingDetector.decode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void utf8WithBom(Path seed) throws IOException {
        String text = read(seed);
        byte[] withBom = concat(bytes(0xEF, 0xBB, 0xBF), text.getBytes(StandardCharsets.UTF_8));
        assertDecoded(text, "UTF-8", true, EncodingDetector.decode(withBom));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void crlfBecomesLf(Path seed) throws IOException {
        String text = read(seed);
        byte[] crlf = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        assertDecoded(text, "UTF-8", false, EncodingDetector.decode(crlf));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void gb18030(Path seed) throws IOException {
        String text = read(seed);
        assertDecoded(text, "GB18030", false, EncodingDetector.decode(text.getBytes(GB18030)));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void gb18030WithCrlf(Path seed) throws IOException {
        String text = read(seed);
        assertDecoded(text, "GB18030", false,
                EncodingDetector.decode(text.replace("\n", "\r\n").getBytes(GB18030)));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void utf16LittleEndianWithBom(Path seed) throws IOException {
        String text = read(seed);
        byte[] b = concat(bytes(0xFF, 0xFE), text.getBytes(StandardCharsets.UTF_16LE));
        assertDecoded(text, "UTF-16LE", true, EncodingDetector.decode(b));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void utf16BigEndianWithBom(Path seed) throws IOException {
        String text = read(seed);
        byte[] b = concat(bytes(0xFE, 0xFF), text.getBytes(StandardCharsets.UTF_16BE));
        assertDecoded(text, "UTF-16BE", true, EncodingDetector.decode(b));
    }

    // ---- traditional text: Big5 versus GB18030 -----------------------------------------------

    @Test
    void big5OfTraditionalSeed() throws IOException {
        String text = traditionalSample();
        assertTrue(text.length() > 3000, "sample too short: " + text.length());
        assertDecoded(text, "Big5", false, EncodingDetector.decode(text.getBytes(BIG5)));
    }

    @Test
    void gb18030OfTraditionalSeed() throws IOException {
        String text = traditionalSample();
        assertDecoded(text, "GB18030", false, EncodingDetector.decode(text.getBytes(GB18030)));
    }

    @Test
    void handwrittenTraditionalParagraphInBig5AndGb18030() {
        String text = big5Representable(TRADITIONAL_PARAGRAPH);
        assertEquals(TRADITIONAL_PARAGRAPH, text, "paragraph should be fully Big5-encodable");
        assertDecoded(text, "Big5", false, EncodingDetector.decode(text.getBytes(BIG5)));
        assertDecoded(text, "GB18030", false, EncodingDetector.decode(text.getBytes(GB18030)));
        assertDecoded(text, "Big5", false, EncodingDetector.decode(text.replace("\n", "\r\n").getBytes(BIG5)));
    }

    // ---- bad input ---------------------------------------------------------------------------

    @Test
    void emptyBytes() {
        DecodedText d = EncodingDetector.decode(new byte[0]);
        assertEquals("empty", d.rejection().reason());
        assertEquals("", d.text());
        assertFalse(d.isAccepted());
    }

    @Test
    void onlyBomAndWhitespace() {
        DecodedText d = EncodingDetector.decode("\uFEFF \n\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("empty", d.rejection().reason());
        assertTrue(d.hadBom());
    }

    @Test
    void onlyWhitespaceWithoutBomAndIdeographicSpacesInGb() {
        assertEquals("empty", EncodingDetector.decode(" \r\n\t\n".getBytes(StandardCharsets.US_ASCII))
                .rejection().reason());
        assertEquals("empty", EncodingDetector.decode("\u3000\u3000\n\u3000".getBytes(GB18030))
                .rejection().reason());
        assertEquals("empty", EncodingDetector.decode(concat(bytes(0xFF, 0xFE), " \n".getBytes(StandardCharsets.UTF_16LE)))
                .rejection().reason());
    }

    @Test
    void pngHeaderIsBinary() {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        byte[] png = concat(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A), random);
        DecodedText d = EncodingDetector.decode(png);
        assertEquals("binary", d.rejection().reason());
        assertTrue(d.rejection().detail().contains("PNG"), d.rejection().detail());
    }

    @Test
    void otherSignaturesAreBinary() {
        byte[] tail = "本报讯 正文".getBytes(StandardCharsets.UTF_8);
        for (byte[] head : List.of("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), bytes('P', 'K', 3, 4),
                bytes(0xFF, 0xD8, 0xFF, 0xE0), bytes(0x1F, 0x8B, 8, 0))) {
            assertEquals("binary", EncodingDetector.decode(concat(head, tail)).rejection().reason());
        }
    }

    @Test
    void randomBytesAreRejected() {
        byte[] random = new byte[64 * 1024];
        new Random(42).nextBytes(random);
        DecodedText d = EncodingDetector.decode(random);
        assertNotNull(d.rejection());
        assertTrue(List.of("binary", "undecodable").contains(d.rejection().reason()), d.rejection().toString());
    }

    @Test
    void randomHighBytesWithoutControlsAreUndecodable() {
        byte[] random = new byte[64 * 1024];
        Random r = new Random(3);
        for (int i = 0; i < random.length; i++) {
            random[i] = (byte) (0x80 + r.nextInt(0x80));
        }
        DecodedText d = EncodingDetector.decode(random);
        assertEquals("undecodable", d.rejection().reason(), d.rejection().toString());
        assertFalse(d.text().isEmpty(), "lossy text kept as a sample");
    }

    @Test
    void nulBytesAreBinaryEvenLateInTheFile() {
        String text = "本报讯 内容。\n".repeat(10_000);
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        b[b.length - 5] = 0;
        DecodedText d = EncodingDetector.decode(b);
        assertEquals("binary", d.rejection().reason());
        assertTrue(d.rejection().detail().contains("NUL"), d.rejection().detail());
    }

    @Test
    void manyControlBytesAreBinary() {
        byte[] b = new byte[1000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % 10 == 0 ? 0x01 : 'a');
        }
        assertEquals("binary", EncodingDetector.decode(b).rejection().reason());
    }

    @Test
    void corruptedGbIsUndecodableButKeepsTheLossyText() throws IOException {
        String text;
        try (Stream<Path> s = seeds()) {
            text = read(s.findFirst().orElseThrow());
        }
        byte[] b = text.getBytes(GB18030);
        for (int i = 0; i < b.length; i += 7) {
            b[i] = (byte) 0xFF;
        }
        DecodedText d = EncodingDetector.decode(b);
        assertEquals("undecodable", d.rejection().reason(), d.rejection().toString());
        assertTrue(d.rejection().detail().contains("%"), d.rejection().detail());
        assertTrue(d.replacementChars() > 0);
        assertFalse(d.text().isEmpty());
    }

    // ---- tolerated damage and line endings ---------------------------------------------------

    @Test
    void utf8TruncatedMidSequenceAtTheEnd() {
        String text = "本报讯 呼和浩特市召开会议。";
        byte[] full = text.getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(full, full.length - 1);
        DecodedText d = EncodingDetector.decode(cut);
        assertNull(d.rejection());
        assertEquals("UTF-8", d.encoding());
        assertEquals(1, d.replacementChars());
        assertEquals(text.substring(0, text.length() - 1) + "\uFFFD", d.text());
    }

    @Test
    void truncatedTailIsToleratedAfterABomToo() {
        String text = "本报讯 呼和浩特市召开会议。";
        byte[] full = text.getBytes(StandardCharsets.UTF_8);
        DecodedText utf8 = EncodingDetector.decode(concat(bytes(0xEF, 0xBB, 0xBF), Arrays.copyOf(full, full.length - 2)));
        assertNull(utf8.rejection());
        assertEquals(1, utf8.replacementChars());
        byte[] utf16 = concat(bytes(0xFF, 0xFE), text.getBytes(StandardCharsets.UTF_16LE));
        DecodedText odd = EncodingDetector.decode(Arrays.copyOf(utf16, utf16.length - 1));
        assertNull(odd.rejection());
        assertEquals("UTF-16LE", odd.encoding());
        assertEquals(text.substring(0, text.length() - 1) + "\uFFFD", odd.text());
    }

    @Test
    void otherCjkEncodingsDecodeAsGbOrBig5ButAreRejectedAsImplausible() throws IOException {
        String korean = ("대한민국은 민주공화국이다. 대한민국의 주권은 국민에게 있고, 모든 권력은 국민으로부터 나온다. "
                + "국가는 개인이 가지는 불가침의 기본적 인권을 확인하고 이를 보장할 의무를 진다.\n").repeat(10);
        String japanese = ("日本国民は、正当に選挙された国会における代表者を通じて行動し、われらとわれらの子孫のために、"
                + "諸国民との協和による成果と、わが国全土にわたつて自由のもたらす恵沢を確保する。\n").repeat(10);
        for (byte[] b : List.of(korean.getBytes("EUC-KR"), japanese.getBytes("Shift_JIS"), japanese.getBytes("EUC-JP"))) {
            DecodedText d = EncodingDetector.decode(b);
            assertEquals("undecodable", d.rejection().reason(), d.rejection().toString());
            assertTrue(d.rejection().detail().contains("mojibake"), d.rejection().detail());
        }
    }

    @Test
    void utf8WithAFewInvalidBytes() throws IOException {
        String text;
        try (Stream<Path> s = seeds()) {
            text = read(s.findFirst().orElseThrow());
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        b[b.length / 3] = (byte) 0xFF;
        b[2 * b.length / 3] = (byte) 0xFF;
        DecodedText d = EncodingDetector.decode(b);
        assertNull(d.rejection());
        assertEquals("UTF-8", d.encoding());
        // each damaged byte costs one to three replacements (it also orphans its sequence)
        assertTrue(d.replacementChars() >= 2 && d.replacementChars() <= 6, "" + d.replacementChars());
    }

    @Test
    void validlyEncodedReplacementCharacterIsNotCounted() {
        String text = "据(jù)报道\uFFFD\uFFFD，内蒙古自治区";
        DecodedText d = EncodingDetector.decode(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, d.replacementChars());
        assertEquals(text, d.text());
    }

    @Test
    void loneCrAndCrlfBecomeLf() {
        DecodedText d = EncodingDetector.decode("一\r二\r\n三\n\r四\r".getBytes(StandardCharsets.UTF_8));
        assertEquals("一\n二\n三\n\n四\n", d.text());
    }

    @Test
    void mostlyAsciiGbIsNotMistakenForUtf8() {
        String text = "Report 2021-04-02: " + "x".repeat(5000) + " 内蒙古";
        assertDecoded(text, "GB18030", false, EncodingDetector.decode(text.getBytes(GB18030)));
    }

    @Test
    void pureAsciiIsUtf8() {
        assertDecoded("hello\n", "UTF-8", false, EncodingDetector.decode("hello\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    // ---- size --------------------------------------------------------------------------------

    @Test
    void twentyMegabyteSingleLine() {
        String unit = "内蒙古自治区呼和浩特市新闻abc123，";
        int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        String text = unit.repeat(20 * 1024 * 1024 / unitBytes + 1);
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertTrue(b.length >= 20 * 1024 * 1024);
        DecodedText d = assertTimeout(Duration.ofSeconds(2), () -> EncodingDetector.decode(b));
        assertNull(d.rejection());
        assertEquals("UTF-8", d.encoding());
        assertEquals(text.length(), d.text().length());
    }
}
