package io.newstrends.article;

import java.util.regex.Pattern;

/** Page-jump markers such as {@code ■下转第8版} or {@code ■上接第1版}. */
final class ContinuationMarkers {

    static final Pattern PATTERN = Pattern.compile(
            "[■□◆◇▲△●○★☆]\\s*(?:下转|上接|转自|接|转)\\s*第?\\s*[0-9一二三四五六七八九十]{1,3}\\s*版"
                    + "|^\\s*(?:下转|上接)第?\\s*[0-9一二三四五六七八九十]{1,3}\\s*版\\s*$");

    private ContinuationMarkers() {
    }
}
