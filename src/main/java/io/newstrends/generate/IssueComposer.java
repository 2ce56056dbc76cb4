package io.newstrends.generate;

import io.newstrends.article.Dateline;
import io.newstrends.article.DatelineParser;
import io.newstrends.generate.Papers.Paper;
import io.newstrends.generate.Plan.Para;
import io.newstrends.generate.Plan.Topic;
import io.newstrends.generate.Plan.Trend;
import io.newstrends.region.Gazetteer;
import io.newstrends.region.Region;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Composes one issue: which articles it holds, what each says, and how it is laid out. Every
 * choice comes from a random generator seeded by (spec seed, paper, date) alone, so an issue is
 * the same whichever thread composes it and whatever else is generated.
 */
final class IssueComposer {

    private static final double PHOTO_SHARE = 0.06;
    private static final double COMMENTARY_SHARE = 0.04;
    private static final double SUBTITLE_SHARE = 0.15;
    private static final double CONTINUED_SHARE = 0.06;
    /** Share of body paragraphs taken from the seed issues when raw text is there too. */
    private static final double SEED_SHARE = 0.4;
    private static final int MIN_PARAGRAPHS = 3;
    private static final int MAX_PARAGRAPHS = 7;
    private static final int TRIES = 40;
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final Pattern ENUMERATED = Pattern.compile(
            "^(?:\\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}[、是]|（[一二三四五六七八九十]{1,3}）|第[一二三四五六七八九十]{1,3}[，、])");

    private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟段雷钱汤尹黎易常武乔贺赖龚文";
    // Given-name characters; none of them forms a default planted term with its neighbour.
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞斌宇浩凯健俊帆琳晶欣慧颖婷博文轩然睿志宏晓辉丹蕾薇琦瑞阳海波宁新春立佳蒙";
    private static final List<String> MONGOLIAN_NAMES = List.of("巴特尔", "其其格", "乌日娜", "阿拉坦", "图雅", "萨仁",
            "苏日娜", "额尔敦", "哈斯", "宝音", "那仁", "敖登", "朝鲁", "孟和", "乌兰", "斯琴", "娜仁花", "巴雅尔");

    /** Where a paper's reports are filed from: its city's short name and counties the dateline parser reads back. */
    private record Places(String city, List<String> counties) {
    }

    /** A dateline to open the body with, its place, and a byline for the header when it names no reporter. */
    private record Filed(String prefix, String place, String headerByline) {
    }

    private final Plan plan;
    private final long seed;
    private final int articlesPerIssue;
    private final Map<String, Places> places = new HashMap<>();

    IssueComposer(Plan plan, long seed, int articlesPerIssue, Gazetteer gazetteer) {
        this.plan = plan;
        this.seed = seed;
        this.articlesPerIssue = articlesPerIssue;
        for (Paper paper : plan.papers) {
            places.put(paper.regionCode(), places(paper, gazetteer));
        }
    }

    /** The issue of this paper on this day. */
    Issue compose(Paper paper, LocalDate date) {
        State s = new State(new SplittableRandom(mix(seed, paper.index(), date.toEpochDay())));
        int count = Math.max(1, articlesPerIssue + s.rng.nextInt(5) - 2);
        List<GeneratedArticle> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            articles.add(article(paper, date, s));
        }
        String path = paper.slug() + "/" + FILE_DATE.format(date) + ".txt";
        return new Issue(paper, date, path, IssueLayout.render(paper, articles), articles);
    }

    private GeneratedArticle article(Paper paper, LocalDate date, State s) {
        String region = paper.regionCode();
        // One draw per term: the rate of its trend active here and now, else its background,
        // however many trends plant it elsewhere.
        List<Trend> planted = new ArrayList<>();
        for (List<Trend> sameTerm : plan.trendsByTerm.values()) {
            Trend chosen = sameTerm.get(0);
            for (Trend t : sameTerm) {
                if (t.spec().isActive(region, date)) {
                    chosen = t;
                    break;
                }
            }
            double p = chosen.spec().isActive(region, date) ? chosen.spec().rate() : chosen.spec().background();
            if (s.rng.nextDouble() < p) {
                planted.add(chosen);
            }
        }
        // One draw decides between the active topics, so each gets its own rate while their sum is at most 1.
        Topic topic = null;
        double u = s.rng.nextDouble();
        double cumulative = 0;
        for (Topic t : plan.topics) {
            if (t.spec().isActive(region, date)) {
                cumulative += t.spec().rate();
                if (u < cumulative) {
                    topic = t;
                    break;
                }
            }
        }
        List<Para> body = topic == null ? null : topicParagraphs(topic, s);
        if (body == null) {
            topic = null;
            if (planted.isEmpty() && s.rng.nextDouble() < PHOTO_SHARE) {
                return photo(paper, s);
            }
            body = generalParagraphs(s);
        }
        int maxWidth = headlineMaxWidth(paper);
        String headline = headline(body, maxWidth, s);
        String subtitle = s.rng.nextDouble() < SUBTITLE_SHARE ? subtitle(body, headline, maxWidth - 2, s) : null;

        List<String> paragraphs = new ArrayList<>(body.size());
        for (Para p : body) {
            paragraphs.add(p.text());
        }
        // A report opens with prose, not with item 7. of a list.
        for (int i = 1; i < paragraphs.size() && ENUMERATED.matcher(paragraphs.get(0)).find(); i++) {
            if (!ENUMERATED.matcher(paragraphs.get(i)).find()) {
                paragraphs.add(0, paragraphs.remove(i));
            }
        }
        List<String> terms = new ArrayList<>();
        for (Trend t : planted) {
            int at = s.rng.nextInt(paragraphs.size());
            paragraphs.set(at, paragraphs.get(at) + termSentence(t, s));
            terms.add(t.spec().term());
        }

        String kind = "news";
        String byline = null;
        String place = null;
        if (topic == null && s.rng.nextDouble() < COMMENTARY_SHARE && !s.commentary) {
            // A commentary has no dateline: its region comes from the paper. One per issue: a
            // third 本报评论员 line would be dropped as repeated layout debris.
            s.commentary = true;
            kind = "commentary";
            byline = "本报评论员";
        } else {
            Filed filed = dateline(paper, date, s);
            String first = filed.prefix() + paragraphs.get(0);
            if (!readsBackAs(first, filed.place())) {
                // The text after the dateline can change how it parses: 本报讯 + 据新华社北京1月3日电
                // reads as one dated dateline. A dated one with a credit cannot be read past.
                filed = new Filed("本报" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日讯"
                        + (paper.isColumnLayout() ? "（记者" : "（记者 ") + name(s, true) + "）", null, null);
                first = filed.prefix() + paragraphs.get(0);
            }
            place = filed.place();
            byline = filed.headerByline();
            paragraphs.set(0, first);
        }
        String continuation = s.rng.nextDouble() < CONTINUED_SHARE ? "■下转第" + (2 + s.rng.nextInt(7)) + "版" : null;
        return new GeneratedArticle(headline, subtitle, byline, place, kind, paragraphs, continuation, terms,
                topic == null ? null : topic.spec().name());
    }

    private GeneratedArticle photo(Paper paper, State s) {
        Para caption = null;
        for (int i = 0; i < TRIES && caption == null; i++) {
            Para c = plan.captions.get(s.rng.nextInt(plan.captions.size()));
            if (s.paragraphs.add(c.text())) {
                caption = c;
            }
        }
        if (caption == null) {
            caption = plan.captions.get(s.rng.nextInt(plan.captions.size()));
        }
        String name = name(s, true);
        // In columns a credit keeps one space at most: two gaps on a line read as a letter-spaced title.
        String credit = paper.isColumnLayout() ? " 本报记者" + name + " 摄" : " 本报记者 " + name + " 摄";
        String headline = headline(List.of(caption), headlineMaxWidth(paper), s);
        return new GeneratedArticle(headline, null, null, null, "photo", List.of(caption.text() + credit), null,
                List.of(), null);
    }

    private static int headlineMaxWidth(Paper paper) {
        // A column paper's headline stays narrower than a full column line, or the next line would join it.
        return paper.isColumnLayout() ? Math.min(TextRules.HEADLINE_MAX_WIDTH, paper.columnWidth() - 3)
                : TextRules.HEADLINE_MAX_WIDTH;
    }

    private List<Para> topicParagraphs(Topic topic, State s) {
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < topic.block().size(); i++) {
            if (!s.paragraphs.contains(topic.block().get(i).text())) {
                free.add(i);
            }
        }
        if (free.size() < 2) {
            return null;
        }
        int k = Math.min(free.size(), 2 + s.rng.nextInt(4));
        // a random subset, kept in the block's order so the article reads like its source
        for (int i = 0; i < k; i++) {
            int j = i + s.rng.nextInt(free.size() - i);
            Integer swap = free.get(i);
            free.set(i, free.get(j));
            free.set(j, swap);
        }
        List<Integer> chosen = new ArrayList<>(free.subList(0, k));
        chosen.sort(null);
        List<Para> out = new ArrayList<>();
        for (int i : chosen) {
            Para p = topic.block().get(i);
            s.paragraphs.add(p.text());
            out.add(p);
        }
        return out;
    }

    private List<Para> generalParagraphs(State s) {
        int n = MIN_PARAGRAPHS + s.rng.nextInt(MAX_PARAGRAPHS - MIN_PARAGRAPHS + 1);
        List<Para> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Para p = pick(s);
            if (p != null) {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            List<Para> pool = plan.seedPool.isEmpty() ? plan.rawPool : plan.seedPool;
            out.add(pool.get(s.rng.nextInt(pool.size())));
        }
        return out;
    }

    /** A paragraph not yet in this issue: a short line printed three times would be dropped as layout debris. */
    private Para pick(State s) {
        for (int i = 0; i < TRIES; i++) {
            boolean fromSeeds = plan.rawPool.isEmpty() || !plan.seedPool.isEmpty() && s.rng.nextDouble() < SEED_SHARE;
            List<Para> pool = fromSeeds ? plan.seedPool : plan.rawPool;
            Para p = pool.get(s.rng.nextInt(pool.size()));
            if (s.paragraphs.add(p.text())) {
                return p;
            }
        }
        return null;
    }

    /** The first unused headline clause of the article's own paragraphs, else a clause from elsewhere. */
    private String headline(List<Para> body, int maxWidth, State s) {
        for (Para p : body) {
            for (String h : p.headlines()) {
                if (TextRules.width(h) <= maxWidth && s.headlines.add(h)) {
                    return h;
                }
            }
        }
        for (int i = 0; i < TRIES * 10; i++) {
            String h = plan.spareHeadlines.get(s.rng.nextInt(plan.spareHeadlines.size()));
            if (TextRules.width(h) <= maxWidth && s.headlines.add(h)) {
                return h;
            }
        }
        throw new IllegalStateException("no headline of at most " + maxWidth + " characters is left in the source text");
    }

    private String subtitle(List<Para> body, String headline, int maxWidth, State s) {
        for (Para p : body) {
            for (String h : p.headlines()) {
                if (!h.equals(headline) && TextRules.width(h) <= maxWidth && s.headlines.add(h)) {
                    return h;
                }
            }
        }
        return null;
    }

    /** A sentence with the term, one not yet used in this issue when there is one. */
    private String termSentence(Trend t, State s) {
        List<String> sentences = t.sentences();
        String chosen = sentences.get(s.rng.nextInt(sentences.size()));
        for (int i = 0; i < TRIES && !s.sentences.add(chosen); i++) {
            chosen = sentences.get(s.rng.nextInt(sentences.size()));
        }
        return chosen;
    }

    /** A dateline in one of the forms the seeds use. */
    private Filed dateline(Paper paper, LocalDate date, State s) {
        LocalDate filed = s.rng.nextDouble() < 0.2 ? date.minusDays(1) : date;
        String md = filed.getMonthValue() + "月" + filed.getDayOfMonth() + "日";
        boolean column = paper.isColumnLayout();
        // In columns the name follows 记者 without a space, so the first lines of reports filed
        // from one place on one day differ by name (three equal lines would be dropped).
        String reporter = (column ? "（记者" : "（记者 ") + name(s, column) + "）";
        Places where = places.get(paper.regionCode());
        double r = s.rng.nextDouble();
        if (where.city() == null) {
            // The autonomous region's paper files from its own desk: no place, region from the paper.
            if (r < 0.7) {
                return new Filed("本报" + md + "讯" + reporter, null, null);
            }
            if (r < 0.9) {
                return new Filed("本报讯" + reporter, null, null);
            }
            return new Filed("本报讯", null, "本报记者 " + name(s, column));
        }
        List<String> counties = where.counties();
        if (r < 0.35) {
            return new Filed("本报" + where.city() + md + "讯" + reporter, where.city(), null);
        }
        if (r < 0.55) {
            return new Filed("本报讯" + reporter, null, null);
        }
        if (r < 0.65) {
            return new Filed("本报讯", null, "本报记者 " + name(s, column));
        }
        if (r < 0.8 && !counties.isEmpty()) {
            String county = counties.get(s.rng.nextInt(counties.size()));
            return new Filed(county + "讯（通讯员 " + name(s, true) + "）", county, null);
        }
        if (r < 0.9 && !counties.isEmpty()) {
            String county = counties.get(s.rng.nextInt(counties.size()));
            return new Filed("本报" + county + md + "电" + reporter, county, null);
        }
        return new Filed("本报" + md + "讯" + reporter, null, null);
    }

    private static boolean readsBackAs(String paragraph, String place) {
        Optional<Dateline> parsed = DatelineParser.parse(paragraph);
        return parsed.isPresent() && Objects.equals(place, parsed.get().place());
    }

    /** A reporter's name not yet used in this issue; sometimes two reporters, never in columns. */
    private String name(State s, boolean single) {
        for (int i = 0; ; i++) {
            String name = s.rng.nextDouble() < 0.15
                    ? MONGOLIAN_NAMES.get(s.rng.nextInt(MONGOLIAN_NAMES.size()))
                    : SURNAMES.charAt(s.rng.nextInt(SURNAMES.length())) + given(s);
            if (!single && s.rng.nextDouble() < 0.2) {
                name = name + " " + SURNAMES.charAt(s.rng.nextInt(SURNAMES.length())) + given(s);
            }
            if (s.names.add(name) || i >= TRIES) {
                return name;
            }
        }
    }

    private static String given(State s) {
        String one = String.valueOf(GIVEN.charAt(s.rng.nextInt(GIVEN.length())));
        return s.rng.nextBoolean() ? one : one + GIVEN.charAt(s.rng.nextInt(GIVEN.length()));
    }

    /**
     * The paper's city as its datelines name it (the shortest alias the gazetteer resolves back,
     * e.g. 包头) and its counties whose names the dateline parser reads back whole. The
     * autonomous region's paper has none.
     */
    private static Places places(Paper paper, Gazetteer gazetteer) {
        Region home = gazetteer.byCode(paper.regionCode()).orElseThrow(
                () -> new IllegalStateException("region " + paper.regionCode() + " is not in the gazetteer"));
        if (!home.isPrefecture()) {
            return new Places(null, List.of());
        }
        String city = home.name();
        for (String alias : gazetteer.aliasesOf(home)) {
            if (alias.length() >= 2 && alias.length() < city.length() && TextRules.hanCount(alias) == alias.length()
                    && readsBack(alias, home, gazetteer)) {
                city = alias;
                break;
            }
        }
        List<String> counties = new ArrayList<>();
        for (Region r : gazetteer.all()) {
            if (r.isCounty() && home.code().equals(r.parentCode()) && r.name().length() <= 6
                    && TextRules.hanCount(r.name()) == r.name().length() && readsBack(r.name(), home, gazetteer)) {
                counties.add(r.name());
            }
        }
        return new Places(city, List.copyOf(counties));
    }

    /** True when both dateline forms with this place parse back to it, and it resolves into the paper's 盟市. */
    private static boolean readsBack(String place, Region home, Gazetteer gazetteer) {
        Optional<Region> resolved = gazetteer.resolve(place);
        if (resolved.isEmpty() || !gazetteer.prefectureOf(resolved.get()).code().equals(home.code())) {
            return false;
        }
        Optional<Dateline> dated = DatelineParser.parse("本报" + place + "1月5日讯（记者 王强）今天，");
        Optional<Dateline> placeOnly = DatelineParser.parse(place + "讯（通讯员 王强）今天，");
        return dated.isPresent() && place.equals(dated.get().place())
                && placeOnly.isPresent() && place.equals(placeOnly.get().place());
    }

    /** splitmix64 over the three keys: nearby seeds, papers and days give unrelated streams. */
    static long mix(long seed, long paper, long day) {
        long z = seed;
        for (long k : new long[]{paper, day}) {
            z += 0x9E3779B97F4A7C15L + k;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
        }
        return z;
    }

    /** What one issue has used so far. */
    private static final class State {
        final SplittableRandom rng;
        final Set<String> paragraphs = new HashSet<>();
        final Set<String> headlines = new HashSet<>();
        final Set<String> names = new HashSet<>();
        final Set<String> sentences = new HashSet<>();
        boolean commentary;

        State(SplittableRandom rng) {
            this.rng = rng;
        }
    }
}
