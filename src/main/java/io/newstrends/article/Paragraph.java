package io.newstrends.article;

/**
 * A paragraph rebuilt from wrapped lines.
 *
 * @param text        the joined text, whitespace not yet cleaned
 * @param blankBefore a blank line (or a removed marker line) separates it from the previous one
 * @param markdown    it came from a markdown heading ({@code ## …}); the hashes are stripped
 * @param continued   a continuation marker ({@code ■下转第8版}) ended it
 */
public record Paragraph(String text, boolean blankBefore, boolean markdown, boolean continued) {
}
