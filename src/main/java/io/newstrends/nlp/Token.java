package io.newstrends.nlp;

import java.io.Serializable;

/**
 * A word of an article body.
 *
 * @param word   the word as it appears
 * @param pos    its part-of-speech tag in HanLP's PKU-style tag set (n, v, ns, nr, nt, vn, w, …)
 * @param offset character offset of the word in the text that was segmented
 */
public record Token(String word, String pos, int offset) implements Serializable {
}
