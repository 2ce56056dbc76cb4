package io.newstrends.nlp;

import io.newstrends.article.ArticleSplitter;
import io.newstrends.article.SplitArticle;
import io.newstrends.article.TextNormalizer;
import io.newstrends.region.Gazetteer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Terms and entities of real seed articles, from one segmentation. */
class ArticleAnalyzerTest {

    static final Gazetteer GAZETTEER = Gazetteer.load(Path.of("conf/regions.csv"));
    static ArticleAnalyzer analyzer;

    @BeforeAll
    static void build() {
        analyzer = new ArticleAnalyzer(new HanLpTokenizer(NlpSettings.defaults(), GAZETTEER),
                Stopwords.load("conf/stopwords.txt"), GAZETTEER);
    }

    static List<SplitArticle> seed(String name) throws IOException {
        String raw = Files.readString(Path.of("../shared/corpus/seeds").resolve(name));
        return ArticleSplitter.split(TextNormalizer.normalize(raw).text()).articles();
    }

    static Map<String, ArticleAnalyzer.EntityCount> entities(ArticleAnalyzer.Analysis a) {
        return a.entities().stream().collect(Collectors.toMap(e -> e.type() + ":" + e.entity(), e -> e));
    }

    @Test
    void leadersArePersonsAndCitiesArePlacesWithTheirCodes() throws IOException {
        List<SplitArticle> seed000 = seed("000_7778472d3299ae51.txt");
        Map<String, ArticleAnalyzer.EntityCount> first = entities(analyzer.analyze(seed000.get(0).body()));
        assertEquals("150200", first.get("place:包头市").regionCode());
        assertEquals(2, first.get("place:包头市").mentions());
        assertEquals("150100", first.get("place:呼和浩特市").regionCode());
        assertNull(first.get("place:银川市").regionCode(), "银川 is outside Inner Mongolia");

        Map<String, ArticleAnalyzer.EntityCount> second = entities(analyzer.analyze(seed000.get(1).body()));
        assertTrue(second.containsKey("person:石泰峰"), second.keySet().toString());

        Map<String, ArticleAnalyzer.EntityCount> wang = entities(analyzer.analyze(seed("002_e54c1e9959352caf.txt").get(0).body()));
        assertTrue(wang.containsKey("person:王莉霞"), wang.keySet().toString());
        assertTrue(wang.get("person:王莉霞").mentions() >= 2);
    }

    @Test
    void termsAreContentWordsWithoutStopwordsAndCounted() throws IOException {
        SplitArticle article = seed("002_e54c1e9959352caf.txt").get(4);  // 全区优化营商环境大会
        ArticleAnalyzer.Analysis a = analyzer.analyze(article.body());
        Map<String, ArticleAnalyzer.TermCount> terms = a.terms().stream()
                .collect(Collectors.toMap(ArticleAnalyzer.TermCount::term, t -> t));
        assertTrue(terms.get("营商环境").tf() >= 15, "营商环境 is what the meeting was about: " + terms.get("营商环境"));
        assertTrue(terms.containsKey("一网通办"));
        for (String stop : List.of("本报", "记者", "的", "和", "要", "强调", "2月7日")) {
            assertFalse(terms.containsKey(stop), stop);
        }
        assertTrue(a.terms().stream().allMatch(t -> t.term().length() >= 2));
        assertTrue(a.terms().stream().noneMatch(t -> t.pos().equals("w") || t.pos().startsWith("m")));
        int counted = (int) a.tokens().stream().filter(t -> t.word().equals("营商环境")).count();
        assertEquals(counted, terms.get("营商环境").tf());
    }

    @Test
    void contentTagsAndEntityTypes() {
        assertTrue(ArticleAnalyzer.isContentTag("n"));
        assertTrue(ArticleAnalyzer.isContentTag("vn"));
        assertTrue(ArticleAnalyzer.isContentTag("nz"));
        assertFalse(ArticleAnalyzer.isContentTag("w"));
        assertFalse(ArticleAnalyzer.isContentTag("m"));
        assertFalse(ArticleAnalyzer.isContentTag("uj"));
        assertEquals("person", ArticleAnalyzer.entityType(new Token("石泰峰", "nr", 0)));
        assertEquals("place", ArticleAnalyzer.entityType(new Token("包头市", "ns", 0)));
        assertEquals("organization", ArticleAnalyzer.entityType(new Token("统战部", "nt", 0)));
        assertEquals("organization", ArticleAnalyzer.entityType(new Token("乌拉特海关", "ntc", 0)));
        assertNull(ArticleAnalyzer.entityType(new Token("石", "nr", 0)), "single characters are not entities");
        assertNull(ArticleAnalyzer.entityType(new Token("会议", "n", 0)));
    }

    /** Person mentions and term counts over every article of the five seeds. */
    static Map<String, Map<String, Integer>> personsAndTerms(ArticleAnalyzer a) throws IOException {
        Map<String, Integer> persons = new java.util.HashMap<>();
        Map<String, Integer> terms = new java.util.HashMap<>();
        try (var seeds = Files.list(Path.of("../shared/corpus/seeds"))) {
            for (Path p : seeds.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                for (SplitArticle article : seed(p.getFileName().toString())) {
                    ArticleAnalyzer.Analysis analysis = a.analyze(article.body());
                    analysis.entities().stream().filter(e -> e.type().equals("person"))
                            .forEach(e -> persons.merge(e.entity(), e.mentions(), Integer::sum));
                    analysis.terms().forEach(t -> terms.merge(t.term(), t.tf(), Integer::sum));
                }
            }
        }
        return Map.of("persons", persons, "terms", terms);
    }

    @Test
    void theLexiconOfEverydayWordsKeepsThemFromBeingTakenForPeople() throws IOException {
        Map<String, Map<String, Integer>> with = personsAndTerms(analyzer);
        Map<String, Integer> persons = with.get("persons");
        // Each of these was a "person" of the seeds (a word, or a piece of a slogan: 从严治党向 -> 党向).
        List<String> notPeople = List.of("党向", "管党", "强边固", "学深悟", "风清气", "边督", "初心", "权重", "严控",
                "管控", "冷链", "包联", "超采", "风电", "堵点", "单户", "利企", "专设", "松口气", "宣讲", "呼包鄂", "呼包银");
        assertEquals(List.of(), notPeople.stream().filter(persons::containsKey).toList(), persons.toString());
        for (String word : List.of("不忘初心", "权重", "冷链", "风电", "严控", "强边固防", "从严治党", "呼包鄂")) {
            assertTrue(with.get("terms").containsKey(word), word);
        }
        // The people are still people.
        for (String name : List.of("习近平", "石泰峰", "王莉霞", "李秀领", "章奎", "刘晓冬", "黄志强", "任子威")) {
            assertTrue(persons.getOrDefault(name, 0) >= 2, name + " in " + persons);
        }
        // Without words.txt most of these mistakes come back.
        NlpSettings d = NlpSettings.defaults();
        List<String> lexicons = d.lexicons().stream().filter(f -> !f.endsWith("/words.txt")).toList();
        assertEquals(d.lexicons().size() - 1, lexicons.size(), d.lexicons().toString());
        NlpSettings withoutWords = new NlpSettings(d.personRecognition(), d.placeRecognition(),
                d.organizationRecognition(), lexicons, d.gazetteerAsLexicon(), d.stopwords(), d.chunkChars());
        Map<String, Integer> without = personsAndTerms(new ArticleAnalyzer(new HanLpTokenizer(withoutWords, GAZETTEER),
                Stopwords.load(d.stopwords()), GAZETTEER)).get("persons");
        assertTrue(notPeople.stream().filter(without::containsKey).count() >= 15, without.toString());
    }

    @Test
    void emptyAndLatinBodiesPassThrough() {
        ArticleAnalyzer.Analysis empty = analyzer.analyze("");
        assertTrue(empty.tokens().isEmpty() && empty.terms().isEmpty() && empty.entities().isEmpty());
        ArticleAnalyzer.Analysis digits = analyzer.analyze("20210401 12345 678");
        assertTrue(digits.terms().isEmpty(), digits.terms().toString());
        ArticleAnalyzer.Analysis latin = analyzer.analyze("Inner Mongolia Daily reports on the Erenhot port.");
        assertFalse(latin.tokens().isEmpty());
        assertTrue(Set.copyOf(Stopwords.load("conf/stopwords.txt")).contains("本报"));
    }

    static Map<String, ArticleAnalyzer.EntityCount> scriptedEntities(Token... scripted) {
        return entities(new ArticleAnalyzer(text -> List.of(scripted), Set.of(), GAZETTEER).analyze("x"));
    }

    @Test
    void aForeignNameInPartsJoinedByMiddleDotsIsOnePerson() {
        // As HanLP tags 美国海伦·福斯特·斯诺基金会: the pieces of the name alone are no names or the wrong ones.
        Map<String, ArticleAnalyzer.EntityCount> snow = scriptedEntities(new Token("美国", "ns", 0), new Token("海伦", "nr", 2),
                new Token("·", "w", 4), new Token("福", "n", 5), new Token("斯特", "nr", 6), new Token("·", "w", 8),
                new Token("斯", "rg", 9), new Token("诺", "ng", 10), new Token("基金会", "n", 11));
        assertEquals(Set.of("place:美国", "person:海伦·福斯特·斯诺"), snow.keySet());
        // The same through HanLP itself.
        Map<String, ArticleAnalyzer.EntityCount> real = entities(analyzer.analyze("习近平复信美国海伦·福斯特·斯诺基金会主席"));
        assertTrue(real.containsKey("person:海伦·福斯特·斯诺"), real.keySet().toString());
        assertFalse(real.containsKey("person:斯特") || real.containsKey("person:海伦"), real.keySet().toString());
        // A name piece is a short name word or a single character tagged as a name or a morpheme, not a verb.
        Map<String, ArticleAnalyzer.EntityCount> smith = scriptedEntities(new Token("亚当", "nr", 0), new Token("・", "w", 2),
                new Token("斯密", "nr", 3), new Token("说", "v", 5), new Token("亚当", "nr", 6), new Token("•", "w", 8),
                new Token("斯密", "nr", 9));
        assertEquals(Set.of("person:亚当·斯密"), smith.keySet());
        assertEquals(2, smith.get("person:亚当·斯密").mentions());
        // Places joined by a dot, parts without a name tag, and digits are no person.
        assertEquals(Set.of("place:中国", "place:呼和浩特"), scriptedEntities(new Token("中国", "ns", 0),
                new Token("·", "w", 2), new Token("呼和浩特", "ns", 3)).keySet());
        assertEquals(Set.of(), scriptedEntities(new Token("亚当", "n", 0), new Token("·", "w", 2), new Token("斯", "rg", 3),
                new Token("诺", "ng", 4)).keySet());
        assertEquals(Set.of("person:石泰峰"), scriptedEntities(new Token("2021", "m", 0), new Token("·", "w", 4),
                new Token("石泰峰", "nr", 5)).keySet());
        assertEquals(Set.of("person:石泰峰"), scriptedEntities(new Token("石泰峰", "nr", 0), new Token("·", "w", 3)).keySet());
        assertEquals(Set.of(), scriptedEntities(new Token("海伦", null, 0), new Token("·", "w", 2), new Token("斯诺", null, 3))
                .keySet(), "untagged words are no name");
    }

    @Test
    void aNameTagItsNeighboursContradictIsNeitherAPersonNorATerm() {
        // After a number, 余 means "more than": 1870余件 is no person 余件.
        ArticleAnalyzer.Analysis counted = new ArticleAnalyzer(text -> List.of(new Token("解决", "v", 0),
                new Token("1870", "m", 2), new Token("余件", "nr", 6), new Token("860", "m", 8), new Token("万", "m", 11),
                new Token("元后", "nr", 12)), Set.of(), GAZETTEER).analyze("x");
        assertEquals(List.of(), counted.entities());
        assertEquals(List.of("解决"), counted.terms().stream().map(ArticleAnalyzer.TermCount::term).toList());
        // A date is no number before a name.
        assertEquals(Set.of("person:石泰峰"), scriptedEntities(new Token("2月7日", "m", 0), new Token("石泰峰", "nr", 4)).keySet());
        // A function word where the given name would be: 党和国家, 区将于, 党建和纪检.
        assertEquals(Set.of(), scriptedEntities(new Token("党和", "nr", 0), new Token("国家", "n", 2)).keySet());
        assertEquals(Set.of(), scriptedEntities(new Token("区将", "nr", 0), new Token("于", "p", 2)).keySet());
        assertEquals(Set.of(), scriptedEntities(new Token("党建和", "nr", 0), new Token("纪检", "j", 3)).keySet());
        // A name ending in 和 before a verb stays a name; so does a name after a noun.
        assertEquals(Set.of("person:张建和"), scriptedEntities(new Token("张建和", "nr", 0), new Token("出席", "v", 3)).keySet());
        assertEquals(Set.of("person:冯雪玉"), scriptedEntities(new Token("记者", "n", 0), new Token("冯雪玉", "nr", 2)).keySet());
    }

    @Test
    void misreadNamesOfTheSeedsAreGoneAndTheirPeopleStay() throws IOException {
        Map<String, Integer> persons = personsAndTerms(analyzer).get("persons");
        // Each was a "person" of the seeds before the rules and everyday words that remove it:
        // after a number (1870余件), a function word for a given name (党和国家, 区将), pieces of
        // slogans and words HanLP lacks (知责于心, 精准施策, 依法依规, 高水平), places (哈素海).
        List<String> misread = List.of("余件", "余条", "余次", "余项", "余万元", "元后", "国和", "盘棋", "世致", "党和",
                "党建和", "方式和", "力和", "区将", "都将", "都别", "于心", "于身", "于行", "施策", "施治", "依规", "依纪",
                "应报", "应纳", "高水平", "全社会", "储能", "向好", "易发", "普惠", "高端", "高纯", "高端领", "京蒙", "展洽",
                "果篮", "树新风", "水改旱", "令而行", "力亲为", "全收", "真改", "真改实", "素海", "赛汉塔", "贝加尔", "贲红至",
                "学法", "强镇", "银联", "任前公", "保计划", "实旗");
        assertEquals(List.of(), misread.stream().filter(persons::containsKey).toList(), persons.toString());
        // Every person of the seeds mentioned once that is a name (or a piece of one) is still there.
        List<String> once = List.of("丁绣峰", "冯雪玉", "刘亚楠", "刘向平", "刘奇凡", "刘新乐", "刘永富", "叶阳", "吕学先",
                "和彦蓉", "姚增科", "孟凡利", "张华", "张占军", "张韶春", "徐南平", "方瑞敏", "施文学", "李治安", "李理",
                "李秉荣", "杨伟东", "杨婷", "林少春", "熊琦", "狄瑞明", "王晓博", "王琪", "白丹", "白玉刚", "祁淑婧", "罗志虎",
                "边舒帆", "郑欣", "郝福田", "郭俊楼", "陈东", "马克思", "魏国楠", "福斯特", "亚当·福斯特", "古斯毕", "布仁其",
                "孟和朝", "吉杰");
        assertEquals(List.of(), once.stream().filter(name -> !persons.containsKey(name)).toList(), persons.toString());
    }

    @Test
    void aTermKeepsItsMostFrequentTagAndTiesGoToTheFirstTagInAlphabeticalOrder() {
        // A scripted tokenizer: the words and tags below, in this order, whatever the text.
        List<Token> scripted = List.of(new Token("发展", "vn", 0), new Token("发展", "v", 2), new Token("发展", "v", 4),
                new Token("改革", "vn", 6), new Token("改革", "v", 8), new Token("治理", "vn", 10),
                new Token("治理", "n", 12), new Token("治理", "n", 14), new Token("治理", "vn", 16),
                new Token("治理", "nz", 18));
        ArticleAnalyzer scriptedAnalyzer = new ArticleAnalyzer(text -> scripted, Set.of(), GAZETTEER);
        Map<String, ArticleAnalyzer.TermCount> terms = scriptedAnalyzer.analyze("x").terms().stream()
                .collect(Collectors.toMap(ArticleAnalyzer.TermCount::term, t -> t));
        assertEquals(new ArticleAnalyzer.TermCount("发展", "v", 3), terms.get("发展"), "2 × v beat 1 × vn");
        assertEquals(new ArticleAnalyzer.TermCount("改革", "v", 2), terms.get("改革"), "1 : 1, v before vn");
        assertEquals(new ArticleAnalyzer.TermCount("治理", "n", 5), terms.get("治理"), "2 : 2 : 1, n before vn");
        assertEquals(List.of("发展", "改革", "治理"), scriptedAnalyzer.analyze("x").terms().stream()
                .map(ArticleAnalyzer.TermCount::term).toList(), "terms in order of first occurrence");
    }
}
