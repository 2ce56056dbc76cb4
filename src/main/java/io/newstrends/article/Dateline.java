package io.newstrends.article;

/**
 * The opening of a report such as {@code 本报包头4月1日电（记者 吕学先）}.
 *
 * @param agency who filed it ({@code 本报}, {@code 新华社}, …), or null for a bare place dateline
 * @param place  the place named in it, or null
 * @param month  1-12, or null when the dateline carries no date ({@code 本报讯})
 * @param day    1-31, or null
 * @param byline the reporter credit that follows it, or null
 * @param length characters of the paragraph the dateline (and credit) cover
 */
public record Dateline(String agency, String place, Integer month, Integer day, String byline, int length) {
}
