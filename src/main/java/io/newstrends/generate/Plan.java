package io.newstrends.generate;

import io.newstrends.generate.Papers.Paper;
import io.newstrends.generate.SourceText.SeedArticle;
import io.newstrends.nlp.Stopwords;
import io.newstrends.nlp.Token;
import io.newstrends.nlp.Tokenizer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A spec made concrete: the planted trends with the real sentences that carry their terms, the
 * planted topics with their blocks of paragraphs and characteristic words, and the pools of
 * paragraphs every other article is drawn from.
 *
 * <p>Paragraphs mentioning a planted term, and the paragraphs of planted topics' blocks, are kept
 * out of the general pools: a term then appears only where it was planted, and a topic's text
 * only in its topic articles, so ground_truth.csv says exactly what is in the corpus.
 */
final class Plan {

    /** A paragraph to reuse, with the clauses that can headline an article built on it. */
    record Para(String text, List<String> headlines) {
        static Para of(String text) {
            return new Para(text, TextRules.headlineClauses(text));
        }
    }

    /** A planted trend, the real sentences that carry its term, and the other words of those sentences. */
    record Trend(TermTrend spec, List<String> sentences, List<String> carried) {
    }

    /** A planted topic, its block of paragraphs, its characteristic words and the block's other words. */
    record Topic(PlantedTopic spec, List<Para> block, List<String> words, List<String> carried) {
    }

    /**
     * Ordinary nouns tried as default trend terms, in order. Each occurs in the seed issues; 草原,
     * 煤炭 and 口岸 are frequent in Inner Mongolian news, the others more so in the SIGHAN text.
     * (光伏 and 新能源 occur too, but HanLP splits them.)
     */
    static final List<String> DEFAULT_TERMS = List.of("草原", "煤炭", "口岸", "铁路", "外贸", "森林", "医院");
    /** Headline keys tried as default topics; each names a few related seed articles. */
    static final List<String> DEFAULT_TOPICS = List.of("营商环境", "煤炭", "乡村振兴", "政务服务", "督察");
    /** Fewest whole-word sentences a default term needs, so planted articles do not all repeat one sentence. */
    static final int MIN_TERM_SENTENCES = 5;
    /** Days between the starts of consecutive default trends. */
    static final int TREND_SPACING_DAYS = 7;
    /** Share of the window's articles mentioning the term in every other default trend: a thinner signal. */
    static final double THIN_RATE = 0.4;
    /** Fewest paragraphs a topic block needs: a topic article takes two or more of them. */
    static final int MIN_TOPIC_PARAGRAPHS = 4;
    static final int TOPIC_WORDS = 10;
    static final double DEFAULT_TOPIC_RATE = 0.25;
    static final double STEADY_TOPIC_RATE = 0.1;
    /** Nouns too general to characterize a topic, on top of the project's stopwords. */
    private static final Set<String> GENERIC_NOUNS = Set.of("工作", "问题", "情况", "方面", "部门", "单位", "同志",
            "全区", "全市", "人员", "任务", "措施", "意见", "体系", "水平", "能力", "领域", "活动", "时间", "地区",
            "内容", "作用", "基础", "机制", "形式", "过程", "成果", "目标", "要求");
    private static final String STOPWORDS = "conf/stopwords.txt";

    final List<Paper> papers;
    final List<Trend> trends;
    final List<Topic> topics;
    final List<Para> seedPool;
    final List<Para> rawPool;
    /** The trends grouped by term, terms in order of their first trend. */
    final Map<String, List<Trend>> trendsByTerm;
    /** Clauses of the whole pool, for an article whose own paragraphs offer no usable headline. */
    final List<String> spareHeadlines;
    /** Short sentences of the pool, for photo captions. */
    final List<Para> captions;

    private Plan(List<Paper> papers, List<Trend> trends, List<Topic> topics, List<Para> seedPool, List<Para> rawPool) {
        this.papers = papers;
        this.trends = List.copyOf(trends);
        this.topics = List.copyOf(topics);
        this.seedPool = List.copyOf(seedPool);
        this.rawPool = List.copyOf(rawPool);
        Map<String, List<Trend>> byTerm = new LinkedHashMap<>();
        for (Trend t : this.trends) {
            byTerm.computeIfAbsent(t.spec().term(), term -> new ArrayList<>()).add(t);
        }
        this.trendsByTerm = Collections.unmodifiableMap(byTerm);
        Set<String> spare = new LinkedHashSet<>();
        List<Para> captionList = new ArrayList<>();
        for (List<Para> pool : List.of(seedPool, rawPool)) {
            for (Para p : pool) {
                spare.addAll(p.headlines());
                for (String s : TextRules.sentences(p.text())) {
                    if (s.length() >= 16 && s.length() <= 90 && TextRules.isBodyParagraph(s)) {
                        captionList.add(Para.of(s));
                    }
                }
            }
        }
        this.spareHeadlines = List.copyOf(spare);
        this.captions = List.copyOf(captionList);
        if (this.seedPool.isEmpty() && this.rawPool.isEmpty() || spareHeadlines.isEmpty() || captions.isEmpty()) {
            throw new IllegalArgumentException("the source text leaves too little to build articles from");
        }
    }

    static Plan resolve(Spec spec, SourceText text, Tokenizer tokenizer) {
        List<Paper> papers = Papers.first(spec.papers());
        Set<String> regions = papers.stream().map(Paper::regionCode).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, List<String>> sentenceCache = new HashMap<>();

        List<TermTrend> trendSpecs = spec.trends() != null ? spec.trends()
                : defaultTrends(spec, papers, text, tokenizer, sentenceCache);
        List<Trend> trends = new ArrayList<>();
        for (TermTrend t : trendSpecs) {
            checkRegion("term " + t.term(), t.regionCode(), regions);
            List<String> sentences = sentenceCache.computeIfAbsent(t.term(), term -> termSentences(term, text, tokenizer));
            if (sentences.isEmpty()) {
                throw new IllegalArgumentException("term " + t.term() + " is never a whole noun in a sentence of the "
                        + "source text; planted sentences must be real, so choose a term that occurs there");
            }
            trends.add(new Trend(t, sentences, List.of()));
        }
        Set<String> terms = trends.stream().map(t -> t.spec().term()).collect(Collectors.toSet());
        // A sentence planted for one term must not carry another (煤炭 next to 甘其毛都口岸 would plant 口岸 too).
        Map<String, List<String>> carriedByTerm = new HashMap<>();
        for (int i = 0; i < trends.size(); i++) {
            Trend t = trends.get(i);
            Set<String> others = new HashSet<>(terms);
            others.remove(t.spec().term());
            List<String> own = t.sentences().stream().filter(s -> !mentionsAny(s, others)).toList();
            if (own.isEmpty()) {
                throw new IllegalArgumentException("term " + t.spec().term() + " occurs only in sentences that also "
                        + "mention another planted term (" + String.join(", ", others) + ")");
            }
            trends.set(i, new Trend(t.spec(), own, carriedByTerm.computeIfAbsent(t.spec().term(),
                    term -> otherWords(own, Set.of(term), tokenizer))));
        }

        List<PlantedTopic> topicSpecs = spec.topics() != null ? spec.topics() : defaultTopics(spec, papers, text, terms);
        List<Topic> topics = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        Map<String, Topic> byName = new HashMap<>();
        for (PlantedTopic p : topicSpecs) {
            checkRegion("topic " + p.name(), p.regionCode(), regions);
            Topic known = byName.get(p.name());
            if (known != null) {
                // the same block planted again elsewhere or at another time
                topics.add(new Topic(p, known.block(), known.words(), known.carried()));
                continue;
            }
            List<String> block = block(p.name(), text, terms, taken);
            if (block.size() < 2) {
                throw new IllegalArgumentException("topic " + p.name() + ": the seed articles whose headline contains it "
                        + "give " + block.size() + " usable paragraph(s); at least 2 are needed");
            }
            taken.addAll(block);
            List<String> words = words(block, tokenizer);
            Topic topic = new Topic(p, block.stream().map(Para::of).toList(), words,
                    otherWords(block, new HashSet<>(words), tokenizer));
            byName.put(p.name(), topic);
            topics.add(topic);
        }

        List<Para> seedPool = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SeedArticle a : text.seedArticles) {
            for (String p : a.paragraphs()) {
                if (!taken.contains(p) && !mentionsAny(p, terms) && seen.add(p)) {
                    seedPool.add(Para.of(p));
                }
            }
        }
        List<Para> rawPool = text.rawParagraphs.stream().filter(p -> !mentionsAny(p, terms) && seen.add(p))
                .map(Para::of).toList();
        return new Plan(papers, trends, topics, seedPool, rawPool);
    }

    /**
     * A term rising for a week (shorter in a short corpus) in paper 1's region after three weeks
     * of history, then every {@link #TREND_SPACING_DAYS} days one more in the next paper's region
     * (papers 1, 2, …, the last, 1, …; paper 0 when it is the only one) with the next default
     * term, while a whole window fits; rates alternate between {@link TermTrend#DEFAULT_RATE} and
     * {@link #THIN_RATE}. Trends in proportion to the corpus keep precision and recall of the
     * burst flags measured over many planted cells, not two.
     */
    private static List<TermTrend> defaultTrends(Spec spec, List<Paper> papers, SourceText text, Tokenizer tokenizer,
                                                 Map<String, List<String>> cache) {
        List<String> usable = new ArrayList<>();
        for (String term : DEFAULT_TERMS) {
            if (cache.computeIfAbsent(term, t -> termSentences(t, text, tokenizer)).size() >= MIN_TERM_SENTENCES) {
                usable.add(term);
            }
        }
        if (usable.isEmpty()) {
            return List.of();
        }
        int days = spec.days();
        int window = Math.max(1, Math.min(7, days / 5));
        int history = Math.max(Math.min(21, (days - window) * 3 / 4), (days - window) / 2);
        int first = Math.floorMod(spec.seed(), usable.size());
        List<TermTrend> out = new ArrayList<>();
        for (int k = 0; history + (long) k * TREND_SPACING_DAYS + window <= days; k++) {
            Paper paper = papers.size() == 1 ? papers.get(0) : papers.get(1 + k % (papers.size() - 1));
            long from = history + (long) k * TREND_SPACING_DAYS;
            out.add(new TermTrend(usable.get((first + k) % usable.size()), paper.regionCode(), spec.start().plusDays(from),
                    spec.start().plusDays(from + window - 1), k % 2 == 0 ? TermTrend.DEFAULT_RATE : THIN_RATE,
                    TermTrend.DEFAULT_BACKGROUND));
        }
        return out;
    }

    /**
     * A steady topic in paper 0's region over the whole period, and with two or more papers a
     * second one in the last paper's region over the second half.
     */
    private static List<PlantedTopic> defaultTopics(Spec spec, List<Paper> papers, SourceText text, Set<String> terms) {
        List<String> usable = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (String name : DEFAULT_TOPICS) {
            if (terms.stream().anyMatch(t -> t.contains(name) || name.contains(t))) {
                continue;
            }
            List<String> block = block(name, text, terms, taken);
            if (block.size() >= MIN_TOPIC_PARAGRAPHS) {
                usable.add(name);
                taken.addAll(block);
            }
        }
        if (usable.isEmpty()) {
            return List.of();
        }
        int first = Math.floorMod(spec.seed(), usable.size());
        List<PlantedTopic> out = new ArrayList<>();
        out.add(new PlantedTopic(usable.get(first), papers.get(0).regionCode(), spec.start(), spec.end(),
                STEADY_TOPIC_RATE));
        if (papers.size() >= 2 && usable.size() >= 2) {
            out.add(new PlantedTopic(usable.get((first + 1) % usable.size()), papers.get(papers.size() - 1).regionCode(),
                    spec.start().plusDays(spec.days() / 2), spec.end(), DEFAULT_TOPIC_RATE));
        }
        return out;
    }

    /** The block of a topic: paragraphs of seed articles titled with its name, free of planted terms and other blocks. */
    private static List<String> block(String name, SourceText text, Set<String> terms, Set<String> taken) {
        Set<String> out = new LinkedHashSet<>();
        for (SeedArticle a : text.seedArticles) {
            if (a.titles().contains(name)) {
                for (String p : a.paragraphs()) {
                    if (!mentionsAny(p, terms) && !taken.contains(p)) {
                        out.add(p);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** Real sentences in which HanLP reads the term as one noun wherever it occurs, in source order, each once. */
    static List<String> termSentences(String term, SourceText text, Tokenizer tokenizer) {
        Set<String> out = new LinkedHashSet<>();
        text.allParagraphs().filter(p -> p.contains(term)).forEach(p -> {
            for (String s : TextRules.sentences(p)) {
                if (s.contains(term) && s.length() <= 200 && TextRules.isBodyParagraph(s)
                        && isWholeNoun(term, s, tokenizer.tokenize(s))) {
                    out.add(s);
                }
            }
        });
        return List.copyOf(out);
    }

    /** True when every occurrence of the term in the text is a token of its own, tagged as a noun. */
    static boolean isWholeNoun(String term, String text, List<Token> tokens) {
        long nouns = tokens.stream().filter(t -> t.word().equals(term) && t.pos().startsWith("n")).count();
        long occurrences = 0;
        for (int i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length())) {
            occurrences++;
        }
        return occurrences > 0 && nouns == occurrences;
    }

    /** The block's most frequent nouns of two or more characters, ties in order of first appearance. */
    static List<String> words(Collection<String> block, Tokenizer tokenizer) {
        Set<String> stopwords = Stopwords.load(STOPWORDS);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String p : block) {
            for (Token t : tokenizer.tokenize(p)) {
                if (t.word().length() >= 2 && t.pos().startsWith("n") && !stopwords.contains(t.word())
                        && !GENERIC_NOUNS.contains(t.word())) {
                    counts.merge(t.word(), 1, Integer::sum);
                }
            }
        }
        List<String> order = new ArrayList<>(counts.keySet());
        Map<String, Integer> firstSeen = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            firstSeen.put(order.get(i), i);
        }
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue())
                        .thenComparingInt(e -> firstSeen.get(e.getKey())))
                .limit(TOPIC_WORDS).map(Map.Entry::getKey).toList();
    }

    /**
     * The words of two or more characters in the texts but not in {@code except}, in order of
     * first appearance: every tag, since verbal nouns (电子化 vn) and abbreviations are terms too.
     */
    static List<String> otherWords(Collection<String> texts, Set<String> except, Tokenizer tokenizer) {
        Set<String> out = new LinkedHashSet<>();
        for (String text : texts) {
            for (Token t : tokenizer.tokenize(text)) {
                if (t.word().length() >= 2 && !except.contains(t.word())) {
                    out.add(t.word());
                }
            }
        }
        return List.copyOf(out);
    }

    static boolean mentionsAny(String text, Set<String> terms) {
        for (String t : terms) {
            if (text.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static void checkRegion(String what, String region, Set<String> regions) {
        if (!regions.contains(region)) {
            throw new IllegalArgumentException(what + ": region " + region + " has no paper in this corpus; "
                    + "the papers cover " + String.join(", ", regions));
        }
    }

    /** The rows of ground_truth.csv. */
    List<GroundTruth> groundTruth() {
        List<GroundTruth> out = new ArrayList<>();
        for (Trend t : trends) {
            TermTrend s = t.spec();
            out.add(new GroundTruth(GroundTruth.TERM_TREND, s.term(), s.regionCode(), s.from(), s.to(), s.rate(),
                    List.of(s.term()), t.carried()));
        }
        for (Topic t : topics) {
            PlantedTopic s = t.spec();
            out.add(new GroundTruth(GroundTruth.TOPIC, s.name(), s.regionCode(), s.from(), s.to(), s.rate(), t.words(),
                    t.carried()));
        }
        return out;
    }
}
