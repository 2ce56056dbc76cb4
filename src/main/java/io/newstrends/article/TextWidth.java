package io.newstrends.article;

/** Printed width of text in full-width character cells: CJK counts 1, ASCII counts 1/2. */
final class TextWidth {

    private TextWidth() {
    }

    static double of(String s) {
        double w = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLowSurrogate(c)) {
                continue;
            }
            w += c < 0x2E80 && c != '—' && c != '…' && c != '“' && c != '”' ? 0.5 : 1.0;
        }
        return w;
    }
}
