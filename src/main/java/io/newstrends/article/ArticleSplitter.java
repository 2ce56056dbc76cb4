package io.newstrends.article;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cuts a normalized issue into articles.
 *
 * <p>Each paragraph gets a role: title line, subtitle ({@code ——…}), byline, or body. Runs of
 * title, subtitle and byline paragraphs form <em>header blocks</em>; runs of body paragraphs
 * form <em>body blocks</em>, and a body block also breaks where a dateline or a photo caption
 * opens a new report. Papers print headlines either before their bodies (most seeds) or after
 * them (seed 002's PDF columns), so both pairings are tried and the one that leaves fewer
 * headers without a body and bodies without a header wins; a tie keeps headline-first.
 * A header that pairs with no body is returned as an orphan so the caller can keep it.
 */
public final class ArticleSplitter {

    private static final Pattern BYLINE = Pattern.compile(
            "^[□■]?\\s*(?:(?:本报|新华社|人民日报|内蒙古日报)?(?:融媒|特约|实习)?(?:记者|通讯员|评论员|特约评论员|实习生)"
                    + "(?:\\s*\\p{IsHan}{2,8})?(?:\\s+(?:(?:通讯员|实习生|记者)\\s*)?\\p{IsHan}{2,8})*(?:\\s*摄)?"
                    + "|本报评论员|本报特约评论员|评论员)$");
    private static final Pattern PHOTO_CREDIT = Pattern.compile("(?:^|[\\s。！？”）])[\\p{IsHan}·]{2,8}(?:\\s+[\\p{IsHan}·]{2,8})*\\s*摄$");
    private static final Pattern TRAILING_CREDIT = Pattern.compile(
            "[。！？”）)]\\s*((?:新华社|本报|人民日报)?(?:记者|通讯员)?\\s*[\\p{IsHan}·]{2,5}(?:\\s+[\\p{IsHan}·]{2,5})*\\s+摄)$");
    private static final Pattern SIGNATURE_DATE = Pattern.compile("^\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日$");
    private static final Pattern KEY_VALUE = Pattern.compile("^[^：:，。]{2,14}[：:]\\s*\\S.*");
    private static final Pattern SERIES = Pattern.compile("系列(?:报道|评论|述评)|(?:之|其)[一二三四五六七八九十]{1,3}$");
    private static final Pattern COMMENTARY_TITLE = Pattern.compile("^[一二三四五六七八九十]{1,2}论|评论员|社论|时评|快评|述评");
    private static final Pattern INTERVIEW = Pattern.compile("^访|专访|访谈|对话");
    private static final Pattern NOTICE_TITLE = Pattern.compile("公告|通告|启事|公示|电话和邮箱|举报电话|通知$");
    /** Characters a headline does not end with: open clauses and particles of a cut sentence. */
    private static final String NOT_TITLE_END = "：，、:,（(“的和与及在对把被从向为是将并而或以其";
    private static final int TITLE_MAX_WIDTH = 80;
    private static final int PHOTO_MAX_CHARS = 400;

    private ArticleSplitter() {
    }

    enum Role { TITLE, SUBTITLE, BYLINE, BODY }

    private record Classified(Paragraph paragraph, Role role) {
    }

    private record Block(boolean header, List<Classified> items) {
    }

    /** What the splitter made of one issue. */
    public record Result(List<SplitArticle> articles, List<String> orphanHeaders, boolean headlinesAfterBodies,
                         int columnWidth) {
    }

    /** Splits normalized issue text into articles. */
    public static Result split(String normalizedText) {
        LayoutReconstructor.Layout layout = LayoutReconstructor.reconstruct(normalizedText);
        List<Classified> classified = classify(layout.paragraphs());
        List<Block> blocks = blocks(classified);

        Pairing first = pair(blocks, false);
        Pairing last = pair(blocks, true);
        boolean after = last.orphans() < first.orphans();
        Pairing chosen = after ? last : first;

        List<SplitArticle> articles = new ArrayList<>();
        boolean singleHeadless = chosen.pairs().size() == 1 && chosen.pairs().get(0).header() == null;
        for (Pair p : chosen.pairs()) {
            articles.add(assemble(articles.size() + 1, p, singleHeadless, after));
        }
        List<String> orphans = new ArrayList<>();
        for (Block header : chosen.orphanHeaders()) {
            StringBuilder text = new StringBuilder();
            for (Classified c : header.items()) {
                if (text.length() > 0) {
                    text.append(" / ");
                }
                text.append(Whitespace.forTitle(c.paragraph().text()));
            }
            orphans.add(text.toString());
        }
        return new Result(articles, orphans, after, layout.columnWidth());
    }

    static List<Classified> classify(List<Paragraph> paragraphs) {
        List<Classified> out = new ArrayList<>();
        for (int i = 0; i < paragraphs.size(); i++) {
            Paragraph p = paragraphs.get(i);
            out.add(new Classified(p, role(p)));
        }
        // Runs of key: value lines (a notice's phone numbers and addresses) are body text.
        for (int i = 0; i < out.size(); i++) {
            int j = i;
            while (j < out.size() && KEY_VALUE.matcher(out.get(j).paragraph().text()).matches()
                    && (j == i || !out.get(j).paragraph().blankBefore()) && !out.get(j).paragraph().markdown()) {
                j++;
            }
            if (j - i >= 2) {
                for (int k = i; k < j; k++) {
                    out.set(k, new Classified(out.get(k).paragraph(), Role.BODY));
                }
                i = j - 1;
            }
        }
        // A signature (issuing body over a date) closes a document; it is not a headline.
        for (int i = 0; i < out.size(); i++) {
            if (SIGNATURE_DATE.matcher(out.get(i).paragraph().text().strip()).matches()) {
                out.set(i, new Classified(out.get(i).paragraph(), Role.BODY));
                if (i > 0 && out.get(i - 1).role() == Role.TITLE && TextWidth.of(out.get(i - 1).paragraph().text()) <= 20) {
                    out.set(i - 1, new Classified(out.get(i - 1).paragraph(), Role.BODY));
                }
            }
        }
        return out;
    }

    static Role role(Paragraph p) {
        String text = p.text().strip();
        if (text.startsWith("——") || text.startsWith("--")) {
            return TextWidth.of(text) <= TITLE_MAX_WIDTH ? Role.SUBTITLE : Role.BODY;
        }
        if (p.markdown()) {
            return Role.TITLE;
        }
        if (BYLINE.matcher(text).matches() && TextWidth.of(text) <= 40) {
            return text.endsWith("摄") ? Role.BODY : Role.BYLINE;
        }
        if (DatelineParser.startsWithDateline(text)) {
            return Role.BODY;
        }
        if (isTitleLike(text)) {
            return Role.TITLE;
        }
        return Role.BODY;
    }

    private static boolean isTitleLike(String text) {
        double width = TextWidth.of(text);
        if (width > TITLE_MAX_WIDTH || Sentences.endsSentence(text) || Sentences.isEnumerated(text)) {
            return false;
        }
        char last = text.charAt(text.length() - 1);
        if (NOT_TITLE_END.indexOf(last) >= 0 || text.indexOf('。') >= 0 || text.indexOf('？') >= 0
                || count(text, '“') != count(text, '”')) {
            return false;
        }
        int commas = count(text, '，');
        return commas == 0 || (commas == 1 && width <= 30);
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static List<Block> blocks(List<Classified> classified) {
        List<Block> blocks = new ArrayList<>();
        List<Classified> current = new ArrayList<>();
        boolean header = false;
        for (Classified c : classified) {
            boolean isHeader = c.role() != Role.BODY;
            boolean opensReport = !isHeader && !current.isEmpty() && !header && opensReport(c.paragraph());
            if (!current.isEmpty() && (isHeader != header || opensReport)) {
                blocks.add(new Block(header, current));
                current = new ArrayList<>();
            }
            header = isHeader;
            current.add(c);
        }
        if (!current.isEmpty()) {
            blocks.add(new Block(header, current));
        }
        return blocks;
    }

    /** A dateline or a captioned photo starts a new report even without a headline between. */
    private static boolean opensReport(Paragraph p) {
        String text = p.text().strip();
        if (DatelineParser.startsWithDateline(text)) {
            return true;
        }
        return p.blankBefore() && isCaption(text) && TextWidth.of(text) >= 20;
    }

    private static boolean isCaption(String text) {
        return PHOTO_CREDIT.matcher(text).find();
    }

    private record Pair(Block header, List<Block> bodies) {
    }

    private record Pairing(List<Pair> pairs, List<Block> orphanHeaders, int orphans) {
    }

    private static Pairing pair(List<Block> blocks, boolean headlineAfter) {
        List<Pair> pairs = new ArrayList<>();
        List<Block> orphanHeaders = new ArrayList<>();
        int orphans = 0;
        int n = blocks.size();
        int i = 0;
        while (i < n) {
            Block b = blocks.get(i);
            if (!headlineAfter) {
                if (b.header()) {
                    if (i + 1 < n && !blocks.get(i + 1).header()) {
                        pairs.add(new Pair(b, List.of(blocks.get(i + 1))));
                        i += 2;
                    } else {
                        orphanHeaders.add(b);
                        orphans++;
                        i++;
                    }
                } else {
                    pairs.add(new Pair(null, List.of(b)));
                    orphans += isPhotoBlock(b) ? 0 : 1;
                    i++;
                }
            } else {
                if (!b.header()) {
                    if (i + 1 < n && blocks.get(i + 1).header()) {
                        pairs.add(new Pair(blocks.get(i + 1), List.of(b)));
                        i += 2;
                    } else {
                        pairs.add(new Pair(null, List.of(b)));
                        orphans += isPhotoBlock(b) ? 0 : 1;
                        i++;
                    }
                } else {
                    orphanHeaders.add(b);
                    orphans++;
                    i++;
                }
            }
        }
        return new Pairing(pairs, orphanHeaders, orphans);
    }

    private static boolean isPhotoBlock(Block b) {
        String last = b.items().get(b.items().size() - 1).paragraph().text().strip();
        return isCaption(last);
    }

    private static SplitArticle assemble(int ordinal, Pair pair, boolean singleHeadless, boolean headlineAfter) {
        Set<String> flags = new LinkedHashSet<>();
        Titles titles = pair.header() == null ? Titles.EMPTY : titles(pair.header());
        List<String> bodyParagraphs = new ArrayList<>();
        boolean continued = false;
        Dateline dateline = null;
        String creditLine = null;
        for (Block block : pair.bodies()) {
            for (Classified c : block.items()) {
                String raw = c.paragraph().text().strip();
                continued |= c.paragraph().continued();
                if (bodyParagraphs.isEmpty() && dateline == null) {
                    Optional<Dateline> d = DatelineParser.parse(raw);
                    if (d.isPresent()) {
                        dateline = d.get();
                    }
                }
                if (BYLINE.matcher(raw).matches() && raw.endsWith("摄") && TextWidth.of(raw) <= 40) {
                    creditLine = Whitespace.forTitle(raw.replaceFirst("^[□■]\\s*", ""));
                }
                bodyParagraphs.add(Whitespace.forBody(raw));
            }
        }
        if (pair.header() != null) {
            for (Classified c : pair.header().items()) {
                continued |= c.paragraph().continued();
            }
        }
        String body = String.join("\n", bodyParagraphs);
        String byline = titles.byline();
        if (byline == null && dateline != null && dateline.byline() != null) {
            byline = dateline.byline();
        }
        if (byline == null) {
            byline = creditLine;
        }
        if (byline == null && !bodyParagraphs.isEmpty()) {
            byline = trailingCredit(pair.bodies());
        }
        if (continued) {
            flags.add("continued");
        }
        if (pair.header() == null) {
            flags.add("no_headline");
        }
        if (headlineAfter) {
            flags.add("headline_after_body");
        }
        if (TextNormalizer.countMojibake(body) > 0) {
            flags.add("mojibake");
        }
        String kind = kind(titles, byline, body, dateline, bodyParagraphs, singleHeadless);
        return new SplitArticle(ordinal, kind, titles.kicker(), titles.headline(), titles.subheadline(), byline,
                dateline == null ? null : dateline.place(),
                dateline == null ? null : dateline.month(),
                dateline == null ? null : dateline.day(),
                body, List.copyOf(flags));
    }

    /** A photographer credit closing a caption: {@code …冠军。 新华社记者 熊琦 摄}. */
    private static String trailingCredit(List<Block> bodies) {
        Block last = bodies.get(bodies.size() - 1);
        String raw = last.items().get(last.items().size() - 1).paragraph().text().strip();
        java.util.regex.Matcher m = TRAILING_CREDIT.matcher(raw);
        return m.find() ? Whitespace.forTitle(m.group(1)) : null;
    }

    private static String kind(Titles titles, String byline, String body, Dateline dateline,
                               List<String> paragraphs, boolean singleHeadless) {
        String allTitles = String.join(" ", nonNull(titles.kicker()), nonNull(titles.headline()), nonNull(titles.subheadline()));
        if (body.length() <= PHOTO_MAX_CHARS && (body.strip().endsWith("摄") || (byline != null && byline.endsWith("摄")))) {
            return "photo";
        }
        if (titles.subheadline() != null && INTERVIEW.matcher(titles.subheadline()).find()
                || titles.headline() != null && titles.headline().contains("专访")) {
            return "interview";
        }
        if (byline != null && byline.contains("评论员")
                || titles.headline() != null && COMMENTARY_TITLE.matcher(titles.headline()).find()
                || titles.subheadline() != null && COMMENTARY_TITLE.matcher(titles.subheadline()).find()) {
            return "commentary";
        }
        int keyValue = 0;
        for (String p : paragraphs) {
            if (KEY_VALUE.matcher(p).matches() && p.length() <= 60) {
                keyValue++;
            }
        }
        if (keyValue * 2 >= paragraphs.size() && keyValue >= 2 || NOTICE_TITLE.matcher(allTitles.strip()).find()) {
            return "notice";
        }
        if (singleHeadless && dateline == null) {
            return "document";
        }
        return "news";
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private record Titles(String kicker, String headline, String subheadline, String byline) {
        static final Titles EMPTY = new Titles(null, null, null, null);
    }

    private record Group(String text, boolean markdown, boolean series) {
    }

    /**
     * Headline parts: title lines separated by blank lines form groups. Subtitles and series
     * lines are subheadlines; in markdown the last heading is the headline and earlier ones
     * are column headings (kicker); otherwise the longest group is the headline, groups above
     * it are the kicker and groups below it the subheadline.
     */
    private static Titles titles(Block header) {
        List<Group> groups = new ArrayList<>();
        List<String> subtitles = new ArrayList<>();
        List<String> bylines = new ArrayList<>();
        StringBuilder current = null;
        boolean currentMarkdown = false;
        for (Classified c : header.items()) {
            String text = Whitespace.forTitle(c.paragraph().text());
            switch (c.role()) {
                case SUBTITLE -> subtitles.add(text.replaceFirst("^[—-]+\\s*", ""));
                case BYLINE -> bylines.add(text.replaceFirst("^[□■]\\s*", ""));
                default -> {
                    boolean startsGroup = current == null || c.paragraph().blankBefore() || c.paragraph().markdown()
                            || currentMarkdown;
                    if (startsGroup) {
                        if (current != null) {
                            groups.add(group(current.toString(), currentMarkdown));
                        }
                        current = new StringBuilder(text);
                        currentMarkdown = c.paragraph().markdown();
                    } else {
                        if (text.indexOf(' ') >= 0 || current.indexOf(" ") >= 0) {
                            current.append(' ');
                        }
                        current.append(text);
                    }
                }
            }
        }
        if (current != null) {
            groups.add(group(current.toString(), currentMarkdown));
        }
        List<String> kicker = new ArrayList<>();
        List<String> sub = new ArrayList<>();
        String headline = null;
        List<Group> main = new ArrayList<>();
        for (Group g : groups) {
            if (g.series() && !main.isEmpty()) {
                sub.add(g.text());
            } else {
                main.add(g);
            }
        }
        boolean anyMarkdown = main.stream().anyMatch(Group::markdown);
        int headlineIndex = -1;
        if (anyMarkdown) {
            for (int i = 0; i < main.size(); i++) {
                if (main.get(i).markdown()) {
                    headlineIndex = i;
                }
            }
        } else {
            double best = -1;
            for (int i = 0; i < main.size(); i++) {
                double w = TextWidth.of(main.get(i).text());
                if (w > best) {
                    best = w;
                    headlineIndex = i;
                }
            }
        }
        for (int i = 0; i < main.size(); i++) {
            if (i < headlineIndex) {
                kicker.add(main.get(i).text());
            } else if (i == headlineIndex) {
                headline = main.get(i).text();
            } else {
                sub.add(main.get(i).text());
            }
        }
        sub.addAll(subtitles);
        return new Titles(joinOrNull(kicker), headline, joinOrNull(sub), joinOrNull(bylines));
    }

    private static Group group(String text, boolean markdown) {
        return new Group(text, markdown, SERIES.matcher(text).find());
    }

    private static String joinOrNull(List<String> parts) {
        return parts.isEmpty() ? null : String.join(" ", parts);
    }
}
