package io.newstrends.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns the raw bytes of a daily issue into text: finds the encoding (UTF-8 with or without
 * BOM, UTF-16 with BOM, GB18030/GBK/GB2312, Big5), rejects files that are empty, binary or
 * not decodable, and normalizes line endings to LF.
 *
 * <p>Order of decisions:
 * <ol>
 *   <li>a BOM (UTF-8, UTF-16LE, UTF-16BE) decides the encoding; the BOM is stripped;</li>
 *   <li>0 bytes or only ASCII whitespace: {@code empty};</li>
 *   <li>a known file signature (PDF, ZIP, PNG, JPEG, GZIP, ...), any NUL byte, or a high share
 *       of C0 control bytes other than TAB, LF, CR and FF in the first 64 KiB: {@code binary}.
 *       UTF-16 without a BOM therefore counts as binary;</li>
 *   <li>strict UTF-8. A tail truncated in the middle of a sequence, or a few invalid
 *       sequences (fewer than 0.1% of the bytes, and at least 20 valid non-ASCII characters per
 *       invalid sequence) are tolerated and replaced by U+FFFD;</li>
 *   <li>otherwise GB18030 and Big5 (Big5-HKSCS when the JVM has it) are decoded with
 *       replacement; lossy UTF-8 competes as well when it stayed under 2% errors. The candidate
 *       with fewer replacements wins (counts within a small tolerance are a tie); ties go to the
 *       more plausible text, judged by the share of Han characters among ~1000 very common
 *       simplified and traditional characters, minus characters that wrong decodes typically
 *       produce (private use area, kana, Hangul, box drawing, CJK extension A, ...);</li>
 *   <li>more than 2% replacement characters in the best candidate, or a best candidate whose
 *       Han characters are almost all rare (mojibake): {@code undecodable}, with the lossy text
 *       kept so that callers can show a sample.</li>
 * </ol>
 * The result text has CRLF and lone CR turned into LF; everything else is kept as decoded.
 */
public final class EncodingDetector {

    /** How much of the file the control-character check looks at. */
    static final int BINARY_PREFIX_BYTES = 64 * 1024;
    /** Share of C0 control bytes (other than TAB, LF, CR, FF) in the prefix above which a file is binary. */
    static final double BINARY_CONTROL_SHARE = 0.03;
    /** Fewer control bytes than this never make a file binary by themselves (a DOS EOF byte, a stray ESC). */
    static final int BINARY_CONTROL_MIN = 4;
    /** Invalid UTF-8 sequences tolerated, as a share of all bytes. */
    static final double UTF8_TOLERATED_ERROR_SHARE = 0.001;
    /** Valid non-ASCII characters needed per tolerated UTF-8 error (so mostly-ASCII GB text is not taken for UTF-8). */
    static final int UTF8_VALID_NON_ASCII_PER_ERROR = 20;
    /** Above this share of replacement characters among decoded characters a file is undecodable. */
    static final double MAX_REPLACEMENT_SHARE = 0.02;
    /** Replacement counts that differ by at most this share of non-ASCII characters (or by 2) count as equal. */
    static final double REPLACEMENT_TIE_SHARE = 0.005;
    /** The plausibility check only judges texts with at least this many Han characters. */
    static final int PLAUSIBILITY_MIN_HAN = 200;
    /**
     * Minimum plausibility of a guessed (non-UTF-8) decode. Correct decodes of the seed issues score 0.82-0.89
     * (worst 200-character window 0.69); GB/Big5 decoded the wrong way round, EUC-KR, Shift_JIS and EUC-JP
     * score -0.4 to 0.32.
     */
    static final double MIN_PLAUSIBILITY = 0.4;

    public static final String UTF_8 = "UTF-8";
    public static final String UTF_16LE = "UTF-16LE";
    public static final String UTF_16BE = "UTF-16BE";
    public static final String GB18030 = "GB18030";
    public static final String BIG5 = "Big5";

    private static final Charset GB18030_CHARSET = Charset.forName("GB18030");
    private static final Charset BIG5_CHARSET =
            Charset.isSupported("Big5-HKSCS") ? Charset.forName("Big5-HKSCS") : Charset.forName("Big5");

    /** Very frequent simplified characters (general frequency lists plus news vocabulary of the corpus). */
    private static final String COMMON_SIMPLIFIED = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于"
            + "着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还"
            + "进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情"
            + "明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或"
            + "新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员"
            + "解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太"
            + "量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基"
            + "眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交"
            + "规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济"
            + "车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调"
            + "深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越"
            + "器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历"
            + "首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维"
            + "革划敢验哪父跟河待温批害港雨底室足围速养材讲脑木供春段层态杀排财母座叶升依乱兴紧"
            + "超境朝环职居护双协药互源演置京曲米树范守防愿坐罪故陈益负封效独江险读密球状降织阳"
            + "群胜刻板游哥弟胡讨举宣般胸策油晚露戏积抓余香普纪歌食菜差讯培优宁阵倒帮审申缺补签"
            + "喜欢街尚否律皮园铁预冲端剧旅健宝担婚景略毛细编迷缓努刚劳顺烈授雪奖营域评妈旧乡云"
            + "征顿福顾坚县村镇盟旗族蒙署项创育卫牧振疫控呼浩鄂赤峰辽巴彦淖乌兰察锡郭勒善洲";
    /** Traditional forms of the characters above that differ from their simplified form (with Taiwan variants). */
    private static final String COMMON_TRADITIONAL = "這個們來爲國說時會對於過發後裏種經麼學現當沒動還進樣開從實軍無與長機關點業將兩間"
            + "問並應戰頭體見產話內給門兒東聲員論處義幾認條氣題爾別變總電數報結務場計資許統區隊"
            + "決馬書則聽卻達強難權設記類據邊張該規萬覺術領確傳師觀讓識帶導爭運飛風幹聯組濟車親"
            + "極辦議證轉準遠臺單羅愛擊備連調質團價黨華級離況亞請際約復線斷滿視須寫稱嗎輕農裝廣"
            + "顯標談圖歷醫專費號盡較語僅隨選紅響雖勢參衆構節維劃驗溫圍養講腦層態殺財葉亂興緊環"
            + "職護雙協藥樹範願陳負獨險讀狀織陽羣勝遊討舉戲積餘紀訊優寧陣幫審補籤歡園鐵預衝劇寶"
            + "擔細編緩剛勞順獎營評媽舊鄉雲徵頓顧堅縣鎮項創衛峯遼彥烏蘭錫為裡眾著灣";
    private static final BitSet COMMON_HAN = new BitSet(0x10000);

    static {
        for (String s : new String[] {COMMON_SIMPLIFIED, COMMON_TRADITIONAL}) {
            for (int i = 0; i < s.length(); i++) {
                COMMON_HAN.set(s.charAt(i));
            }
        }
    }

    private EncodingDetector() {
    }

    /**
     * Decodes one file's bytes.
     *
     * @param bytes the whole file
     * @return the text and its encoding, or a rejection ({@code empty}, {@code binary},
     *         {@code undecodable}); never {@code null}
     */
    public static DecodedText decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            return rejected("", null, false, 0, DecodedText.EMPTY, "0 bytes");
        }
        if (startsWith(bytes, 0, 0xEF, 0xBB, 0xBF)) {
            return decodeUtf8WithBom(bytes);
        }
        if (startsWith(bytes, 0, 0xFF, 0xFE)) {
            return decodeUtf16(bytes, StandardCharsets.UTF_16LE, UTF_16LE);
        }
        if (startsWith(bytes, 0, 0xFE, 0xFF)) {
            return decodeUtf16(bytes, StandardCharsets.UTF_16BE, UTF_16BE);
        }
        if (isAsciiWhitespace(bytes, 0)) {
            return rejected("", null, false, 0, DecodedText.EMPTY,
                    "only whitespace in " + bytes.length + " bytes");
        }
        DecodedText.Rejection binary = binaryCheck(bytes, 0);
        if (binary != null) {
            return new DecodedText("", null, false, 0, binary);
        }
        return decodeWithoutBom(bytes);
    }

    private static DecodedText decodeUtf8WithBom(byte[] bytes) {
        if (isAsciiWhitespace(bytes, 3)) {
            return rejected("", UTF_8, true, 0, DecodedText.EMPTY,
                    "only a byte order mark and whitespace in " + bytes.length + " bytes");
        }
        DecodedText.Rejection binary = binaryCheck(bytes, 3);
        if (binary != null) {
            return new DecodedText("", UTF_8, true, 0, binary);
        }
        Candidate utf8 = decodeCounting(StandardCharsets.UTF_8, UTF_8, bytes, 3, Integer.MAX_VALUE);
        return finish(utf8, true, utf8.errors == 0 || tolerableUtf8(score(utf8), bytes.length - 3)
                ? Check.NONE : Check.REPLACEMENTS);
    }

    private static DecodedText decodeUtf16(byte[] bytes, Charset charset, String name) {
        Candidate c = decodeCounting(charset, name, bytes, 2, Integer.MAX_VALUE);
        if (isBlank(c.chars, c.length)) {
            return rejected("", name, true, c.errors, DecodedText.EMPTY,
                    "only a byte order mark and whitespace in " + bytes.length + " bytes");
        }
        DecodedText.Rejection binary = binaryCheckChars(c.chars, c.length);
        if (binary != null) {
            return new DecodedText("", name, true, c.errors, binary);
        }
        boolean onlyTruncated = c.errors == 1 && c.truncatedAtEnd;
        return finish(c, true, c.errors == 0 || onlyTruncated ? Check.NONE : Check.REPLACEMENTS);
    }

    private static DecodedText decodeWithoutBom(byte[] bytes) {
        int n = bytes.length;
        // UTF-8 that ends up over 2% errors can never be accepted: stop counting there.
        int utf8Cap = (int) Math.min(Integer.MAX_VALUE - 1L, (long) (n * MAX_REPLACEMENT_SHARE) + 1);
        Candidate utf8 = decodeCounting(StandardCharsets.UTF_8, UTF_8, bytes, 0, utf8Cap);
        if (utf8 != null) {
            if (utf8.errors == 0) {
                return finish(utf8, false, Check.NONE);
            }
            if (tolerableUtf8(score(utf8), n)) {
                return finish(utf8, false, Check.NONE);
            }
        }

        List<Candidate> candidates = new ArrayList<>(3);
        candidates.add(score(decodeCounting(GB18030_CHARSET, GB18030, bytes, 0, Integer.MAX_VALUE)));
        candidates.add(score(decodeCounting(BIG5_CHARSET, BIG5, bytes, 0, Integer.MAX_VALUE)));
        if (utf8 != null) {
            candidates.add(utf8);
        }
        Candidate best = candidates.get(0);
        for (int i = 1; i < candidates.size(); i++) {
            if (compare(candidates.get(i), best) < 0) {
                best = candidates.get(i);
            }
        }
        return finish(best, false, Check.REPLACEMENTS_AND_PLAUSIBILITY);
    }

    /**
     * UTF-8 errors that do not cast doubt on the encoding: a sequence cut off at the very end, or
     * a few invalid sequences in text that has plenty of valid multi-byte characters.
     */
    private static boolean tolerableUtf8(Candidate utf8, int byteLength) {
        int inner = utf8.errors - (utf8.truncatedAtEnd ? 1 : 0);
        long validNonAscii = utf8.nonAscii - utf8.errors;
        return inner == 0 || (inner < byteLength * UTF8_TOLERATED_ERROR_SHARE
                && validNonAscii >= (long) UTF8_VALID_NON_ASCII_PER_ERROR * inner);
    }

    /** Negative when {@code a} is the better decode. */
    static int compare(Candidate a, Candidate b) {
        long tolerance = Math.max(2L, (long) (REPLACEMENT_TIE_SHARE * Math.max(a.nonAscii, b.nonAscii)));
        if (Math.abs((long) a.errors - b.errors) > tolerance) {
            return Integer.compare(a.errors, b.errors);
        }
        int byPlausibility = Double.compare(b.plausibility, a.plausibility);
        return byPlausibility != 0 ? byPlausibility : Integer.compare(a.errors, b.errors);
    }

    /** What {@link #finish} still has to verify about a decode. */
    private enum Check {
        /** Strict UTF-8, or UTF-8 whose few errors were already judged tolerable. */
        NONE,
        /** The encoding came from a BOM: only the replacement share can reject it. */
        REPLACEMENTS,
        /** The best of several guesses: replacement share and plausibility. */
        REPLACEMENTS_AND_PLAUSIBILITY
    }

    /** Final checks on the chosen decode (blank, too many replacements, implausible), then LF line endings. */
    private static DecodedText finish(Candidate c, boolean hadBom, Check check) {
        if (isBlank(c.chars, c.length)) {
            return rejected("", c.encoding, hadBom, c.errors, DecodedText.EMPTY,
                    "only whitespace after decoding as " + c.encoding);
        }
        String text = normalizedText(c);
        double errorShare = c.errors / (double) Math.max(1, c.length);
        if (check != Check.NONE && errorShare > MAX_REPLACEMENT_SHARE) {
            String detail = check == Check.REPLACEMENTS
                    ? String.format(Locale.ROOT, "%s (by BOM) leaves %s of %d characters as replacement characters",
                            c.encoding, percent(errorShare), c.length)
                    : String.format(Locale.ROOT, "no encoding fits; best candidate %s leaves %s of %d characters"
                            + " as replacement characters", c.encoding, percent(errorShare), c.length);
            return rejected(text, c.encoding, hadBom, c.errors, DecodedText.UNDECODABLE, detail);
        }
        if (check == Check.REPLACEMENTS_AND_PLAUSIBILITY && c.han >= PLAUSIBILITY_MIN_HAN
                && c.plausibility < MIN_PLAUSIBILITY) {
            String detail = String.format(Locale.ROOT, "best candidate %s looks like mojibake: only %s of %d Han"
                    + " characters are common ones", c.encoding, percent(c.common / (double) c.han), c.han);
            return rejected(text, c.encoding, hadBom, c.errors, DecodedText.UNDECODABLE, detail);
        }
        return new DecodedText(text, c.encoding, hadBom, c.errors, null);
    }

    private static DecodedText rejected(String text, String encoding, boolean hadBom, int errors,
                                        String reason, String detail) {
        return new DecodedText(text, encoding, hadBom, errors, new DecodedText.Rejection(reason, detail));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    // ---- decoding ---------------------------------------------------------------------------

    /** One way of decoding the file, with what is needed to compare it with the others. */
    static final class Candidate {
        final String encoding;
        final char[] chars;
        final int length;
        final int errors;
        final boolean truncatedAtEnd;
        long nonAscii;
        long han;
        long common;
        long odd;
        double plausibility;

        Candidate(String encoding, char[] chars, int length, int errors, boolean truncatedAtEnd) {
            this.encoding = encoding;
            this.chars = chars;
            this.length = length;
            this.errors = errors;
            this.truncatedAtEnd = truncatedAtEnd;
        }
    }

    /**
     * Decodes with REPORT and replaces each malformed or unmappable sequence by one U+FFFD,
     * counting them. Returns {@code null} as soon as more than {@code maxErrors} are found.
     */
    static Candidate decodeCounting(Charset charset, String name, byte[] bytes, int offset, int maxErrors) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int len = bytes.length - offset;
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, len);
        long estimate = (long) Math.ceil(len * (double) decoder.averageCharsPerByte()) + 16;
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L, estimate));
        int errors = 0;
        boolean truncatedAtEnd = false;
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                result = decoder.flush(out);
                if (result.isOverflow()) {
                    out = grow(out);
                    continue;
                }
                break;
            }
            if (result.isOverflow()) {
                out = grow(out);
                continue;
            }
            errors++;
            if (errors > maxErrors) {
                return null;
            }
            truncatedAtEnd = in.position() + result.length() == in.limit();
            if (!out.hasRemaining()) {
                out = grow(out);
            }
            out.put('\uFFFD');
            in.position(in.position() + result.length());
        }
        return new Candidate(name, out.array(), out.position(), errors, truncatedAtEnd);
    }

    private static CharBuffer grow(CharBuffer out) {
        int newCapacity = (int) Math.min(Integer.MAX_VALUE - 16L, out.capacity() * 2L + 16);
        if (newCapacity <= out.capacity()) {
            throw new IllegalStateException("decoded text too large");
        }
        CharBuffer bigger = CharBuffer.allocate(newCapacity);
        out.flip();
        bigger.put(out);
        return bigger;
    }

    /** Counts Han, common Han and odd characters and sets the plausibility in [-1, 1]. */
    static Candidate score(Candidate c) {
        long nonAscii = 0;
        long han = 0;
        long common = 0;
        long odd = 0;
        char[] a = c.chars;
        for (int i = 0; i < c.length; i++) {
            char ch = a[i];
            if (ch < 0x80) {
                continue;
            }
            nonAscii++;
            if (ch >= 0x4E00 && ch <= 0x9FFF) {
                han++;
                if (COMMON_HAN.get(ch)) {
                    common++;
                }
            } else if (isOdd(ch)) {
                odd++;
            }
        }
        c.nonAscii = nonAscii;
        c.han = han;
        c.common = common;
        c.odd = odd;
        long judged = han + odd;
        c.plausibility = judged == 0 ? 0.0 : (common - odd) / (double) judged;
        return c;
    }

    /** Characters that real Chinese news text rarely has but wrong GB/Big5 decodes produce often. */
    private static boolean isOdd(char ch) {
        return (ch >= 0xE000 && ch <= 0xF8FF)      // private use (GBK user-defined areas)
                || (ch >= 0x3040 && ch <= 0x312F)  // kana, bopomofo
                || (ch >= 0x3130 && ch <= 0x318F)  // Hangul compatibility jamo
                || (ch >= 0xAC00 && ch <= 0xD7AF)  // Hangul syllables
                || (ch >= 0x1100 && ch <= 0x11FF)  // Hangul jamo
                || (ch >= 0x3400 && ch <= 0x4DBF)  // CJK extension A
                || (ch >= 0xF900 && ch <= 0xFAFF)  // CJK compatibility ideographs
                || (ch >= 0x0370 && ch <= 0x052F)  // Greek, Cyrillic
                || (ch >= 0x2500 && ch <= 0x257F); // box drawing
    }

    private static String normalizedText(Candidate c) {
        char[] a = c.chars;
        int n = c.length;
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (a[i] == '\r') {
                first = i;
                break;
            }
        }
        if (first >= 0) {
            int w = first;
            for (int r = first; r < n; r++) {
                char ch = a[r];
                if (ch == '\r') {
                    a[w++] = '\n';
                    if (r + 1 < n && a[r + 1] == '\n') {
                        r++;
                    }
                } else {
                    a[w++] = ch;
                }
            }
            n = w;
        }
        return new String(a, 0, n);
    }

    // ---- empty and binary -------------------------------------------------------------------

    private static boolean isAsciiWhitespace(byte[] bytes, int offset) {
        for (int i = offset; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x0B) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(char[] chars, int length) {
        for (int i = 0; i < length; i++) {
            char ch = chars[i];
            if (!Character.isWhitespace(ch) && !Character.isSpaceChar(ch) && ch != '\uFEFF' && ch != '\u200B') {
                return false;
            }
        }
        return true;
    }

    private static boolean isTextControl(int v) {
        return v == '\t' || v == '\n' || v == '\r' || v == '\f';
    }

    /** Signature, NUL and control-byte checks; {@code null} when the bytes may be text. */
    static DecodedText.Rejection binaryCheck(byte[] bytes, int offset) {
        String format = signature(bytes, offset);
        if (format != null) {
            return new DecodedText.Rejection(DecodedText.BINARY, format + " file signature at the start");
        }
        int end = (int) Math.min(bytes.length, (long) offset + BINARY_PREFIX_BYTES);
        int prefixNuls = 0;
        int controls = 0;
        for (int i = offset; i < end; i++) {
            int v = bytes[i] & 0xFF;
            if (v < 0x20) {
                if (v == 0) {
                    prefixNuls++;
                } else if (!isTextControl(v)) {
                    controls++;
                }
            }
        }
        long nuls = prefixNuls;
        int firstLateNul = -1;
        for (int i = end; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                if (firstLateNul < 0) {
                    firstLateNul = i;
                }
                nuls++;
            }
        }
        int prefixLength = end - offset;
        if (prefixNuls > 0) {
            return new DecodedText.Rejection(DecodedText.BINARY, String.format(Locale.ROOT,
                    "%d NUL bytes in first %d bytes (%d in all %d bytes)",
                    prefixNuls, prefixLength, nuls, bytes.length));
        }
        if (nuls > 0) {
            return new DecodedText.Rejection(DecodedText.BINARY, String.format(Locale.ROOT,
                    "%d NUL bytes, the first at offset %d", nuls, firstLateNul));
        }
        if (controls >= BINARY_CONTROL_MIN && controls > BINARY_CONTROL_SHARE * prefixLength) {
            return new DecodedText.Rejection(DecodedText.BINARY, String.format(Locale.ROOT,
                    "%d control bytes in first %d bytes (%s)", controls, prefixLength,
                    percent(controls / (double) prefixLength)));
        }
        return null;
    }

    /** The same checks on text decoded from UTF-16, where NUL bytes are normal. */
    private static DecodedText.Rejection binaryCheckChars(char[] chars, int length) {
        int end = Math.min(length, BINARY_PREFIX_BYTES / 2);
        int controls = 0;
        long nuls = 0;
        for (int i = 0; i < length; i++) {
            char ch = chars[i];
            if (ch == 0) {
                nuls++;
            } else if (i < end && ch < 0x20 && !isTextControl(ch)) {
                controls++;
            }
        }
        if (nuls > 0) {
            return new DecodedText.Rejection(DecodedText.BINARY, nuls + " NUL characters in " + length + " characters");
        }
        if (controls >= BINARY_CONTROL_MIN && controls > BINARY_CONTROL_SHARE * end) {
            return new DecodedText.Rejection(DecodedText.BINARY,
                    controls + " control characters in first " + end + " characters");
        }
        return null;
    }

    /** Name of a well-known binary format whose signature starts at {@code offset}, else {@code null}. */
    static String signature(byte[] b, int offset) {
        if (startsWith(b, offset, '%', 'P', 'D', 'F', '-')) {
            return "PDF";
        }
        if (startsWith(b, offset, 'P', 'K', 3, 4) || startsWith(b, offset, 'P', 'K', 5, 6)
                || startsWith(b, offset, 'P', 'K', 7, 8)) {
            return "ZIP";
        }
        if (startsWith(b, offset, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "PNG";
        }
        if (startsWith(b, offset, 0xFF, 0xD8, 0xFF)) {
            return "JPEG";
        }
        if (startsWith(b, offset, 0x1F, 0x8B)) {
            return "GZIP";
        }
        if (startsWith(b, offset, 'G', 'I', 'F', '8', '7', 'a')
                || startsWith(b, offset, 'G', 'I', 'F', '8', '9', 'a')) {
            return "GIF";
        }
        if (startsWith(b, offset, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return "OLE2 (legacy Microsoft Office)";
        }
        if (startsWith(b, offset, 0x7F, 'E', 'L', 'F')) {
            return "ELF";
        }
        if (startsWith(b, offset, 'R', 'a', 'r', '!', 0x1A, 0x07)) {
            return "RAR";
        }
        if (startsWith(b, offset, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return "7z";
        }
        if (startsWith(b, offset, 0xFD, '7', 'z', 'X', 'Z', 0x00)) {
            return "XZ";
        }
        if (startsWith(b, offset, 0x28, 0xB5, 0x2F, 0xFD)) {
            return "Zstandard";
        }
        if (startsWith(b, offset, 'B', 'Z', 'h') && b.length - offset >= 10
                && b[offset + 3] >= '1' && b[offset + 3] <= '9'
                && startsWith(b, offset + 4, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59)) {
            return "BZIP2";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int offset, int... prefix) {
        if (b.length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[offset + i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
