package io.newstrends.generate;

import io.newstrends.generate.Papers.Paper;

import java.time.LocalDate;
import java.util.List;

/**
 * One generated daily issue.
 *
 * @param paper    the paper
 * @param date     the issue date, also written into the path
 * @param path     path below the output root, {@code <slug>/<yyyy-MM-dd>.txt}
 * @param text     the file's content
 * @param articles its articles in print order
 */
public record Issue(Paper paper, LocalDate date, String path, String text, List<GeneratedArticle> articles) {

    public Issue {
        articles = List.copyOf(articles);
    }
}
