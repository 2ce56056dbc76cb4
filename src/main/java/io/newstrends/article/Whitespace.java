package io.newstrends.article;

import java.util.regex.Pattern;

/** Whitespace rules for the two kinds of text an article holds. */
final class Whitespace {

    /** Spaces touching a CJK character or CJK punctuation carry no meaning in Chinese body text. */
    private static final Pattern SPACE_NEAR_CJK = Pattern.compile(
            " +(?=[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFF0F\\uFF1A-\\uFF20“”‘’—…·])"
                    + "|(?<=[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFF0F\\uFF1A-\\uFF20“”‘’—…·]) +");

    private Whitespace() {
    }

    /** Body text: no spaces next to CJK characters; runs of spaces elsewhere become one. */
    static String forBody(String text) {
        return SPACE_NEAR_CJK.matcher(text.strip()).replaceAll("").replaceAll(" {2,}", " ");
    }

    /** Headlines and credits keep the single spaces that separate their phrases. */
    static String forTitle(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
