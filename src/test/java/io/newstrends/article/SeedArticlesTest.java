package io.newstrends.article;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The articles a careful reader sees in each of the five real issues, written down from reading
 * them (see ../shared/corpus/README.md), against what the splitter makes of them.
 *
 * <p>An expected article is recovered when the article at its position has that headline, its
 * body starts with the expected words, and the body does not run on into the next article.
 */
class SeedArticlesTest {

    static final Path SEEDS = Path.of("../shared/corpus/seeds");

    /** One labelled article: headline (null for none), first words of the body, kind. */
    record Label(String headline, String bodyStart, String kind) {
    }

    static Label news(String headline, String bodyStart) {
        return new Label(headline, bodyStart, "news");
    }

    static ArticleSplitter.Result split(String file) throws IOException {
        String raw = Files.readString(SEEDS.resolve(file));
        return ArticleSplitter.split(TextNormalizer.normalize(raw).text());
    }

    static final List<Label> SEED_000 = List.of(
            news("66项政务服务事项 能在呼包银榆四市互办了", "本报包头4月1日电（记者吕学先）近日，包头市与呼和浩特市"),
            news("自治区党委外事工作委员会召开第三次会议 石泰峰主持", "本报4月1日讯（记者刘晓冬）4月1日，自治区党委外事工作委员会"),
            news("自治区党委理论学习中心组围绕深入学习贯彻习近平总书记 关于科技创新的重要论述举行2021年第五次集体学习 石泰峰主持并讲话 李秀领出席",
                    "本报4月1日讯（记者刘晓冬）4月1日，自治区党委理论学习中心组围绕"),
            new Label("三论我区煤炭资源领域专项整治", "蓬生麻中，不扶而直", "commentary"),
            news("自治区政协铸牢中华民族共同体意识 专题教育动员会召开 李秀领出席并讲话", "本报4月1日讯（记者郭俊楼）4月1日，自治区政协召开"),
            news("标本兼治 合力攻坚", "一年前的2月28日"),
            news("我区四个最严 要求专项行动 办理涉食品药品安全公益诉讼案件1921件", "本报4月1日讯（记者白丹）3月31日"),
            news("包头市纪委监委优化营商环境 智慧监督平台上线运行", "本报包头4月1日电（记者刘向平）3月31日下午"),
            news("自治区人大常委会党组召开 理论学习中心组扩大学习会", "本报4月1日讯（记者章奎）4月1日，自治区人大常委会党组召开"),
            news("自治区人大常委会机关召开 党的建设暨党风廉政建设工作会", "本报4月1日讯（记者章奎）4月1日，自治区人大常委会机关召开"));

    static final List<Label> SEED_001 = List.of(
            new Label(null, "根据中央统一部署，2020年10月10日至12月20日", "document"));

    static final List<Label> SEED_002 = List.of(
            news("要把群众当亲人 让群众办事不求人", "本报2月7日讯（记者章奎）2月7日下午，自治区党委副书记"),
            news("王莉霞在政务服务工作座谈会上强调政务服务工作好不好", "本报2月7日讯（记者章奎）2月7日下午，自治区政府召开政务服务工作座谈会"),
            news("习近平向英国女王伊丽莎白二世致贺电", "新华社北京2月7日电2月6日，国家主席习近平向英国女王"),
            news("习近平复信美国海伦·福斯特·斯诺基金会主席亚当·福斯特", "新华社北京2月7日电1月27日，国家主席习近平复信"),
            news("全区优化营商环境大会在呼和浩特召开 石泰峰讲话 王莉霞主持 李秀领出席", "本报2月7日讯（记者刘晓冬）2月7日，全区优化营商环境大会"),
            news("春节假期全区实现国内旅游收入23.17亿元", "本报2月7日讯（记者冯雪玉）2月7日，自治区文旅厅发布消息"),
            new Label("优化营商环境只有进行时", "春节后首个工作日，内蒙古“开年第一会”", "commentary"),
            new Label("中国选手任子威夺冠", "2月7日，任子威在比赛后庆祝。", "photo"),
            news("巴彦淖尔市外贸总额连续4年突破200亿元大关", "本报巴彦淖尔2月7日电（记者图古斯毕力格实习生陈东）记者从乌拉特海关获悉"),
            new Label("采摘园里春意浓", "春节期间，位于呼和浩特市新城区的内蒙古百鲜农业有限公司", "photo"));

    static final List<Label> SEED_003 = List.of(
            news("全区精神文明建设成果交流会召开", "本报综合消息奔腾融媒记者阿荣"),
            news("市委常委会召开会议 学习贯彻习近平总书记重要指示精神 听取中央巡视和中央生态环境保护督察移交信访件办理情况汇报",
                    "本报融媒记者张诗曼赵琛玮6月13日，市委常委会召开会议"),
            news("市政府召开常务会议", "本报讯市融媒体中心记者张媛张浩6月13日，受市委副书记"),
            news("市政府党组会议暨理论学习中心组集体学习会议召开", "本报讯市融媒体中心记者张媛张浩6月13日，受市委副书记、市长、市政府党组书记"),
            news("我市以“智造”驱动制造 推动高质量发展", "本报融媒记者边舒帆刘亚楠近年来，市工信局"),
            news("北京大学人民医院·鄂尔多斯市中心医院 专科区域协作中心成功签约", "本报融媒记者赵柔张佳荣6月13日"),
            news("中央第二生态环境保护督察组向内蒙古自治区 交办第十六批涉及鄂尔多斯市9件群众信访举报件情况", "6月13日，中央第二生态环境保护督察组向内蒙古自治区交办"),
            news("中央第二生态环境保护督察组交办内蒙古自治区 第七批涉及鄂尔多斯市6件群众信访举报件办理情况", "按照中央第二生态环境保护督察组"),
            new Label("中央第二生态环境保护督察组值班电话和邮箱", "督察进驻期间：2025年5月28日—6月28日", "notice"),
            news("鄂尔多斯：努力形成可复制、可推广的政务服务标准化“暖城样本”", "康巴什讯近年来，我市全面加强政务服务领域标准化工作"),
            new Label(null, "近日，中国·乌审马头琴交响乐团携手陕西省歌舞剧院交响乐团", "photo"));

    static final List<Label> SEED_004 = List.of(
            news("我区多举措保障元旦春节期间困难群众基本生活", "本报12月27日讯（记者杨婷）近日，自治区民政厅印发"),
            news("2021年度统筹开展巩固拓展脱贫攻坚成果同乡村振兴有效衔接考核评估省级对接会在呼召开", "本报12月27日讯（记者刘晓冬）12月27日"),
            news("迈好第一步 见到新气象·开局之年大盘点", "“吊钩下面、锁具沟里都别漏掉！”12月23日15时"),
            new Label("“氢冶金”加速钢产业升级", "12月27日，内蒙古赛思普科技有限公司的冶炼工人", "photo"),
            news("实施“接地气”举措 解决“老大难”问题", "利民之事，丝发必兴；厉民之事，毫末必去。"),
            new Label("全力推动巩固拓展脱贫攻坚成果同乡村振兴有效衔接", "“自治区第十一次党代会科学擘画了未来五年", "interview"));

    /** Checks every label; returns how many were recovered and fails listing the ones that were not. */
    static int recovered(String file, List<Label> labels) throws IOException {
        List<SplitArticle> articles = split(file).articles();
        List<String> misses = new ArrayList<>();
        int hits = 0;
        for (int i = 0; i < labels.size(); i++) {
            Label label = labels.get(i);
            if (i >= articles.size()) {
                misses.add("#" + (i + 1) + " missing: " + label.headline());
                continue;
            }
            SplitArticle a = articles.get(i);
            boolean headlineOk = label.headline() == null ? a.headline() == null : label.headline().equals(a.headline());
            boolean bodyOk = a.body().startsWith(label.bodyStart());
            boolean notMerged = i + 1 >= labels.size() || !a.body().contains(labels.get(i + 1).bodyStart());
            boolean kindOk = label.kind().equals(a.kind());
            if (headlineOk && bodyOk && notMerged && kindOk) {
                hits++;
            } else {
                misses.add("#" + (i + 1) + " expected " + label + " got headline=" + a.headline() + " kind=" + a.kind()
                        + " body=" + a.body().substring(0, Math.min(40, a.body().length())));
            }
        }
        assertEquals(labels.size(), articles.size(), file + ": article count; misses: " + misses);
        assertTrue(misses.isEmpty(), file + ": " + String.join("\n", misses));
        return hits;
    }

    @Test
    void seed000HeadlinesBeforeBodiesWithContinuations() throws IOException {
        assertEquals(10, recovered("000_7778472d3299ae51.txt", SEED_000));
        List<SplitArticle> a = split("000_7778472d3299ae51.txt").articles();
        assertEquals("包头", a.get(0).datelinePlace());
        assertEquals(4, a.get(0).datelineMonth());
        assertEquals(1, a.get(0).datelineDay());
        assertEquals("记者 吕学先", a.get(0).byline());
        assertTrue(a.get(0).body().endsWith("咨询和办理相关事宜。"));
        // Lines broken mid-sentence are joined back: "主动" + "服从服务国家总体外交".
        assertTrue(a.get(1).body().contains("主动服从服务国家总体外交"));
        // The series report: subtitle and □ byline, continued on page 8.
        assertEquals("我区煤炭资源领域专项整治系列报道之五", a.get(5).subheadline());
        assertEquals("本报记者 李永桃", a.get(5).byline());
        assertTrue(a.get(5).flags().contains("continued"));
        assertTrue(a.get(4).flags().contains("continued"));
        // The pull quote stays inside its article, and the article runs to its last paragraph.
        assertTrue(a.get(5).body().contains("频频发出一道道指令"));
        assertTrue(a.get(5).body().endsWith("压缩至13个工作日。"));
        assertFalse(a.get(5).body().contains("下转"));
        assertNull(a.get(3).byline());
    }

    @Test
    void seed001IsOneTraditionalDocumentWithoutItsFooter() throws IOException {
        assertEquals(1, recovered("001_43a9c509df84c5d8.txt", SEED_001));
        SplitArticle doc = split("001_43a9c509df84c5d8.txt").articles().get(0);
        assertTrue(doc.body().endsWith("中共内蒙古自治区委员会\n2021年10月23日"), "signature kept at the end");
        assertFalse(doc.body().contains("版权声明"));
        assertFalse(doc.body().contains("扫描二维码"));
        assertTrue(doc.flags().contains("mojibake"));
        assertTrue(doc.flags().contains("no_headline"));
    }

    @Test
    void seed002HeadlinesAfterBodiesInWrappedColumns() throws IOException {
        ArticleSplitter.Result result = split("002_e54c1e9959352caf.txt");
        assertTrue(result.headlinesAfterBodies());
        assertEquals(17, result.columnWidth());
        assertEquals(10, recovered("002_e54c1e9959352caf.txt", SEED_002));
        List<SplitArticle> a = result.articles();
        assertEquals("王莉霞在自治区人社厅调研时强调", a.get(0).kicker());
        assertEquals("由人民群众来评判 由市场主体来评价", a.get(1).subheadline());
        assertEquals("北京", a.get(2).datelinePlace());
        assertTrue(a.get(4).kicker().startsWith("再吹冲锋号 再擂出征鼓"));
        assertEquals("本报评论员", a.get(6).byline());
        assertEquals("一论坚决打赢优化营商环境净化政治生态整体攻坚战", a.get(6).subheadline());
        assertEquals("新华社记者 熊琦 摄", a.get(7).byline());
        assertEquals("巴彦淖尔", a.get(8).datelinePlace());
        assertTrue(a.get(8).flags().contains("continued"));
        assertEquals("本报记者 孟和朝鲁 摄", a.get(9).byline());
        // Letter-spaced and number-spaced text is collapsed; column wraps are rejoined.
        assertTrue(a.get(6).body().contains("真真切切的改革实效，是内蒙古在过去一年"));
        assertTrue(a.get(8).body().contains("外贸总额达233.22亿元"));
        assertTrue(a.get(0).body().contains("当好表率、做出示范。"));
    }

    @Test
    void seed003CityPaperWithColumnHeadingNoticeAndPhoto() throws IOException {
        assertEquals(11, recovered("003_4acd579b3569145d.txt", SEED_003));
        List<SplitArticle> a = split("003_4acd579b3569145d.txt").articles();
        assertEquals("李理主持", a.get(1).subheadline());
        assertTrue(a.get(2).body().contains("组有关工作要求"), "a stray paragraph stays with its report");
        assertEquals("中央生态环境保护督察在内蒙古", a.get(6).kicker());
        assertTrue(a.get(8).body().contains("专门值班电话：0471-4819165"));
        assertEquals("康巴什", a.get(9).datelinePlace());
        assertTrue(a.get(9).body().endsWith("（祁淑婧方瑞敏）"));
        assertEquals("王琪 胡杨 摄", a.get(10).byline());
        assertEquals("市融媒体中心记者张媛 张浩", a.get(2).byline());
    }

    @Test
    void seed004MarkdownWithSubtitlesRepeatedMarkersAndAnOrphanHeadline() throws IOException {
        ArticleSplitter.Result result = split("004_397ea5b236c63f32.txt");
        assertEquals(6, recovered("004_397ea5b236c63f32.txt", SEED_004));
        List<SplitArticle> a = result.articles();
        assertEquals("杨志明讲话 石泰峰主持并作表态讲话 王莉霞出席", a.get(1).subheadline());
        assertEquals("本报记者 高慧", a.get(2).byline());
        assertTrue(a.get(2).body().endsWith("孤举者难起，众行者易趋。"));
        assertTrue(a.get(2).flags().contains("continued"));
        assertEquals("本报记者 王晓博 摄", a.get(3).byline());
        assertEquals("全区公安机关“放管服”改革走深走实", a.get(4).subheadline());
        assertEquals("学习宣传贯彻自治区第十一次党代会精神", a.get(5).kicker());
        assertEquals("访自治区乡村振兴局党组书记、局长贾跃峰", a.get(5).subheadline());
        assertEquals("本报记者 薛来", a.get(5).byline());
        assertFalse(a.get(5).body().contains("我们扛起使命"), "the orphan headline is not glued to the last body");
        assertEquals(List.of("我们扛起使命 / 融入国内国际“双循环” / 打造向北开放桥头堡"), result.orphanHeaders());
    }

    @Test
    void everyLabelledArticleIsRecoveredAcrossTheSampleCorpus() throws IOException {
        int labelled = SEED_000.size() + SEED_001.size() + SEED_002.size() + SEED_003.size() + SEED_004.size();
        int hits = recovered("000_7778472d3299ae51.txt", SEED_000) + recovered("001_43a9c509df84c5d8.txt", SEED_001)
                + recovered("002_e54c1e9959352caf.txt", SEED_002) + recovered("003_4acd579b3569145d.txt", SEED_003)
                + recovered("004_397ea5b236c63f32.txt", SEED_004);
        assertEquals(38, labelled);
        // The issue's target is 90%; the labels are all recovered today and must stay so.
        assertTrue(hits >= 0.9 * labelled, hits + " of " + labelled);
        assertEquals(labelled, hits);
    }
}
