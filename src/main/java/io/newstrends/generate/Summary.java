package io.newstrends.generate;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link CorpusGenerator#generate} wrote.
 *
 * @param out           the output root
 * @param files         issue files written (manifest and ground truth not counted)
 * @param articles      articles in them
 * @param characters    characters of issue text (UTF-16 units, i.e. Chinese characters for this text)
 * @param bytes         bytes of issue text, UTF-8
 * @param termArticles  articles that carry a planted term sentence (window and background)
 * @param topicArticles articles made from a planted topic block
 * @param planted       the rows of ground_truth.csv
 * @param seconds       wall-clock time of writing, source loading excluded
 */
public record Summary(Path out, int files, long articles, long characters, long bytes, long termArticles,
                      long topicArticles, List<GroundTruth> planted, double seconds) {

    public Summary {
        planted = List.copyOf(planted);
    }

    /** Megabytes (10^6 bytes) of issue text written per second. */
    public double megabytesPerSecond() {
        return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
    }
}
