package io.newstrends.nlp;

import io.newstrends.region.Gazetteer;
import io.newstrends.region.Region;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the NLP stage derives from one article body, from a single segmentation: its
 * tokens, its candidate terms with frequencies, and its named entities with mention counts.
 *
 * <p>Terms are words of two or more characters whose tag marks a content word (nouns, names,
 * verbs, verbal nouns, adjectives, idioms, abbreviations; not numerals, measure words,
 * function words or punctuation) and that are not stopwords. A term's tag is its most frequent
 * tag in the article. Entities are words tagged as a person (nr*), a place (ns*) or an
 * organization (nt*); a place the gazetteer knows carries the code of its 盟市.
 */
public final class ArticleAnalyzer {

    public static final String PERSON = "person";
    public static final String PLACE = "place";
    public static final String ORGANIZATION = "organization";

    private final Tokenizer tokenizer;
    private final Set<String> stopwords;
    private final Gazetteer gazetteer;

    public ArticleAnalyzer(Tokenizer tokenizer, Set<String> stopwords, Gazetteer gazetteer) {
        this.tokenizer = tokenizer;
        this.stopwords = stopwords;
        this.gazetteer = gazetteer;
    }

    /** A term of an article and how often it occurs there. */
    public record TermCount(String term, String pos, int tf) implements Serializable {
    }

    /** An entity of an article; {@code regionCode} is its 盟市 for places the gazetteer knows, else null. */
    public record EntityCount(String entity, String type, int mentions, String regionCode) implements Serializable {
    }

    /** The analysis of one article. */
    public record Analysis(List<Token> tokens, List<TermCount> terms, List<EntityCount> entities) implements Serializable {
    }

    public Analysis analyze(String body) {
        List<Token> tokens = tokenizer.tokenize(body);
        Map<String, TagCounts> termTags = new LinkedHashMap<>();
        Map<String, int[]> entityCounts = new LinkedHashMap<>();
        Map<String, String> entityTypes = new HashMap<>();
        int nameEnd = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (i > nameEnd && i + 1 < tokens.size() && isNameDot(tokens.get(i + 1).word())) {
                TransliteratedName name = transliteratedName(tokens, i);
                if (name != null) {
                    count(entityCounts, entityTypes, PERSON, name.name());
                    nameEnd = name.last();
                }
            }
            if (isNameTag(t.pos()) && isMisreadName(tokens, i)) {
                continue;
            }
            if (isTerm(t)) {
                TagCounts counts = termTags.get(t.word());
                if (counts == null) {
                    termTags.put(t.word(), new TagCounts(t.pos()));
                } else {
                    counts.add(t.pos());
                }
            }
            String type = i <= nameEnd ? null : entityType(t);
            if (type != null) {
                count(entityCounts, entityTypes, type, t.word());
            }
        }
        List<TermCount> terms = new ArrayList<>(termTags.size());
        for (Map.Entry<String, TagCounts> e : termTags.entrySet()) {
            terms.add(new TermCount(e.getKey(), e.getValue().best(), e.getValue().total));
        }
        List<EntityCount> entities = new ArrayList<>(entityCounts.size());
        for (Map.Entry<String, int[]> e : entityCounts.entrySet()) {
            String type = entityTypes.get(e.getKey());
            String word = e.getKey().substring(type.length() + 1);
            String region = null;
            if (type.equals(PLACE)) {
                region = gazetteer.resolve(word).map(r -> gazetteer.prefectureOf(r)).map(Region::code).orElse(null);
            }
            entities.add(new EntityCount(word, type, e.getValue()[0], region));
        }
        return new Analysis(tokens, terms, entities);
    }

    private static void count(Map<String, int[]> entityCounts, Map<String, String> entityTypes, String type, String word) {
        String key = type + '\u0000' + word;
        entityCounts.computeIfAbsent(key, k -> new int[1])[0]++;
        entityTypes.put(key, type);
    }

    /**
     * The tags one word got in an article. Nearly every word keeps one tag throughout, so the
     * first is held apart and a map only appears for words tagged more than one way.
     */
    private static final class TagCounts {
        private final String first;
        private int firstCount = 1;
        private Map<String, Integer> others;
        int total = 1;

        TagCounts(String tag) {
            this.first = tag;
        }

        void add(String tag) {
            total++;
            if (tag.equals(first)) {
                firstCount++;
            } else {
                if (others == null) {
                    others = new HashMap<>(4);
                }
                others.merge(tag, 1, Integer::sum);
            }
        }

        /** The most frequent tag; a tie goes to the tag first in alphabetical order. */
        String best() {
            String best = first;
            int bestCount = firstCount;
            if (others != null) {
                for (Map.Entry<String, Integer> e : others.entrySet()) {
                    int c = e.getValue();
                    if (c > bestCount || (c == bestCount && e.getKey().compareTo(best) < 0)) {
                        best = e.getKey();
                        bestCount = c;
                    }
                }
            }
            return best;
        }
    }

    boolean isTerm(Token t) {
        String w = t.word();
        if (w.codePointCount(0, w.length()) < 2 || stopwords.contains(w) || !isContentTag(t.pos())) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if (Character.isLetter(w.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Content-word tags of the PKU-style set HanLP uses. */
    static boolean isContentTag(String pos) {
        if (pos == null || pos.isEmpty()) {
            return false;
        }
        return switch (pos.charAt(0)) {
            case 'n' -> true;       // nouns, names (nr ns nt nz), verbal/adjectival nouns
            case 'v' -> true;       // verbs, vn
            case 'a' -> true;       // adjectives, an
            case 'i', 'j', 'l' -> true; // idioms, abbreviations, set phrases
            case 'g' -> pos.length() > 1 && pos.charAt(1) != 'g'; // gb gc gi … domain words
            default -> false;
        };
    }

    /** A foreign name written in parts joined by middle dots, and the index of its last token. */
    record TransliteratedName(String name, int last) {
    }

    private static boolean isNameDot(String word) {
        return word.length() == 1 && "·・•‧".indexOf(word.charAt(0)) >= 0;
    }

    /**
     * The name starting at token {@code first} when it is a transliterated name such as
     * 海伦·福斯特·斯诺, else null. HanLP tags such names in pieces (海伦/nr ·/w 福/n 斯特/nr ·/w
     * 斯/rg 诺/ng), which alone are no names or the wrong ones. A part is one token of Han
     * characters, followed by the pieces a name falls apart into: single characters tagged as a
     * name or a morpheme, or short words tagged as a name (so 斯密/nr 说/v stops before 说). The
     * whole is a person when at least one piece is tagged as a name and none as a place or
     * organization (中国·呼和浩特 is not a name).
     */
    static TransliteratedName transliteratedName(List<Token> tokens, int first) {
        List<String> parts = new ArrayList<>();
        boolean named = false;
        int i = first;
        while (true) {
            Token head = tokens.get(i);
            if (!isHan(head.word()) || head.word().length() > 4 || isPlaceOrOrganization(head.pos())) {
                return null;
            }
            StringBuilder part = new StringBuilder(head.word());
            named |= isNameTag(head.pos());
            while (i + 1 < tokens.size() && part.length() < 5 && isNamePiece(tokens.get(i + 1))) {
                i++;
                part.append(tokens.get(i).word());
                named |= isNameTag(tokens.get(i).pos());
            }
            parts.add(part.toString());
            if (i + 2 < tokens.size() && isNameDot(tokens.get(i + 1).word())) {
                i += 2;
            } else {
                break;
            }
        }
        return parts.size() >= 2 && named ? new TransliteratedName(String.join("·", parts), i) : null;
    }

    private static boolean isNamePiece(Token t) {
        String w = t.word();
        String pos = t.pos();
        if (!isHan(w) || pos == null || isPlaceOrOrganization(pos)) {
            return false;
        }
        return w.length() == 1 ? isNameTag(pos) || pos.endsWith("g") : w.length() <= 3 && isNameTag(pos);
    }

    private static boolean isNameTag(String pos) {
        return pos != null && pos.startsWith("nr");
    }

    private static boolean isPlaceOrOrganization(String pos) {
        return pos != null && (pos.startsWith("ns") || pos.startsWith("nt"));
    }

    private static boolean isHan(String word) {
        return !word.isEmpty() && word.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    /** Characters that, after a surname-like one, are a function word rather than a given name (区将, 都别, 党和). */
    private static final String FUNCTION_CHARACTERS = "将和与及都也就又再还已被把对向在别";
    private static final String NUMERAL_ENDS = "0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两几";

    /**
     * Whether HanLP's person tag on token {@code i} is a misreading its neighbours give away; such
     * a token is neither a person nor a term (it is a fragment: 余件 of 1870余件). Two cases:
     * <ul>
     *   <li>right after a number: 余 there means "more than" and the rest is a measure word or a
     *   noun (1870 余件, 860万 元后, 两 国和两国人民, 一 盘棋);</li>
     *   <li>a function word where the given name would be: two characters ending in one
     *   (区将, 都将, 党和国家), or any length ending in a conjunction not followed by a verb
     *   (党建和纪检工作, 监测方式和程序), whereas 张建和出席 stays a name.</li>
     * </ul>
     */
    static boolean isMisreadName(List<Token> tokens, int i) {
        String word = tokens.get(i).word();
        if (i > 0) {
            Token before = tokens.get(i - 1);
            String w = before.word();
            if (before.pos() != null && before.pos().startsWith("m") && !w.isEmpty()
                    && NUMERAL_ENDS.indexOf(w.charAt(w.length() - 1)) >= 0) {
                return true;
            }
        }
        char last = word.charAt(word.length() - 1);
        if (word.length() == 2 && FUNCTION_CHARACTERS.indexOf(last) >= 0) {
            return true;
        }
        if ("和与及".indexOf(last) >= 0) {
            String next = i + 1 < tokens.size() ? tokens.get(i + 1).pos() : null;
            return next == null || !next.startsWith("v");
        }
        return false;
    }

    /** person, place, organization, or null. */
    static String entityType(Token t) {
        String pos = t.pos();
        if (pos == null || pos.length() < 2 || pos.charAt(0) != 'n' || t.word().codePointCount(0, t.word().length()) < 2) {
            return null;
        }
        return switch (pos.charAt(1)) {
            case 'r' -> PERSON;
            case 's' -> PLACE;
            case 't' -> ORGANIZATION;
            default -> null;
        };
    }
}
