package io.newstrends.article;

/**
 * A document after {@link TextNormalizer}: clean text plus what the clean-up found.
 *
 * @param text              normalized text, LF line endings, continuation markers still in place
 * @param traditional       true when the source was traditional Chinese and was converted
 * @param pinyinAnnotations pinyin annotations removed ({@code 據(jù)} -> {@code 据})
 * @param mojibakeSpans     spans of mis-decoded text seen before clean-up
 * @param boilerplateLines  web boilerplate lines dropped
 * @param repeatedLines     repeated junk lines dropped
 */
public record NormalizedDocument(String text, boolean traditional, int pinyinAnnotations,
                                 int mojibakeSpans, int boilerplateLines, int repeatedLines) {
}
