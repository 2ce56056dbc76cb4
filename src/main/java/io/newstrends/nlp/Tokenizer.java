package io.newstrends.nlp;

import java.util.List;

/** Segments and tags text. Implementations are safe to call from several threads at once. */
public interface Tokenizer {

    /** The words of {@code text} in order, with tags and offsets into {@code text}. */
    List<Token> tokenize(String text);
}
