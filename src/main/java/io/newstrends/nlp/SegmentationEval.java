package io.newstrends.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Word-segmentation quality against a gold standard (the SIGHAN bakeoff format: raw text one
 * sentence per line, gold the same lines with words separated by spaces). Scores are
 * word-level precision, recall and F1 over character spans, whitespace ignored.
 */
public final class SegmentationEval {

    private SegmentationEval() {
    }

    /** Counts and scores. */
    public record Scores(long goldWords, long predictedWords, long correctWords, long lines, double seconds) {

        public double precision() {
            return predictedWords == 0 ? 0 : (double) correctWords / predictedWords;
        }

        public double recall() {
            return goldWords == 0 ? 0 : (double) correctWords / goldWords;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        @Override
        public String toString() {
            return String.format("lines=%d gold_words=%d predicted_words=%d correct=%d P=%.4f R=%.4f F1=%.4f seconds=%.1f",
                    lines, goldWords, predictedWords, correctWords, precision(), recall(), f1(), seconds);
        }
    }

    public static Scores evaluate(Tokenizer tokenizer, Path raw, Path gold) throws IOException {
        long goldWords = 0;
        long predicted = 0;
        long correct = 0;
        long lines = 0;
        long started = System.nanoTime();
        try (BufferedReader rawIn = Files.newBufferedReader(raw, StandardCharsets.UTF_8);
             BufferedReader goldIn = Files.newBufferedReader(gold, StandardCharsets.UTF_8)) {
            String rawLine;
            while ((rawLine = rawIn.readLine()) != null) {
                String goldLine = goldIn.readLine();
                if (goldLine == null) {
                    throw new IllegalArgumentException(gold + " has fewer lines than " + raw);
                }
                lines++;
                Set<Long> goldSpans = goldSpans(goldLine);
                List<Token> tokens = tokenizer.tokenize(rawLine.strip());
                Set<Long> predictedSpans = predictedSpans(tokens);
                goldWords += goldSpans.size();
                predicted += predictedSpans.size();
                for (Long span : predictedSpans) {
                    if (goldSpans.contains(span)) {
                        correct++;
                    }
                }
            }
        }
        return new Scores(goldWords, predicted, correct, lines, (System.nanoTime() - started) / 1e9);
    }

    static Set<Long> goldSpans(String goldLine) {
        return spans(List.of(goldLine.strip().split("\\s+")));
    }

    static Set<Long> predictedSpans(List<Token> tokens) {
        return spans(tokens.stream().map(Token::word).toList());
    }

    /** Word spans as start * 2^32 + end, counted over the non-whitespace characters. */
    private static Set<Long> spans(List<String> words) {
        Set<Long> spans = new HashSet<>();
        long position = 0;
        for (String w : words) {
            String word = w.replaceAll("\\s+", "");
            if (word.isEmpty()) {
                continue;
            }
            long length = word.codePointCount(0, word.length());
            spans.add((position << 32) | (position + length));
            position += length;
        }
        return spans;
    }
}
