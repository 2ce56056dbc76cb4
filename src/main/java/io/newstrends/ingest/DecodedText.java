package io.newstrends.ingest;

/**
 * The result of turning the bytes of one input file into text.
 *
 * @param text             the decoded text with line endings normalized to LF and any BOM
 *                         stripped; empty for {@code empty} and {@code binary} rejections, the
 *                         lossy decode for {@code undecodable} (so callers can show a sample)
 * @param encoding         {@code UTF-8}, {@code UTF-16LE}, {@code UTF-16BE}, {@code GB18030}
 *                         or {@code Big5}; {@code null} when nothing was decoded
 * @param hadBom           whether the input started with a byte order mark
 * @param replacementChars how many malformed or unmappable byte sequences became U+FFFD
 *                         (U+FFFD characters that were validly encoded in the input are not
 *                         counted)
 * @param rejection        why the file cannot be used as text, or {@code null} if it can
 */
public record DecodedText(String text, String encoding, boolean hadBom, int replacementChars,
                          Rejection rejection) {

    public static final String EMPTY = "empty";
    public static final String BINARY = "binary";
    public static final String UNDECODABLE = "undecodable";

    /**
     * Why a file was not accepted as text.
     *
     * @param reason short snake_case code: {@code empty}, {@code binary} or {@code undecodable}
     * @param detail one short human sentence, e.g. "37 NUL bytes in first 8192 bytes"
     */
    public record Rejection(String reason, String detail) {
    }

    /** True when the text can be used (no rejection). */
    public boolean isAccepted() {
        return rejection == null;
    }
}
