package io.newstrends.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatelineParserTest {

    private static Dateline parse(String paragraph) {
        Optional<Dateline> d = DatelineParser.parse(paragraph);
        assertTrue(d.isPresent(), "no dateline in: " + paragraph);
        return d.get();
    }

    @Test
    void agencyPlaceDateAndBylineInParens() {
        String p = "本报包头4月1日电（记者 吕学先）近日，包头市召开会议。";
        Dateline d = parse(p);
        assertEquals("本报", d.agency());
        assertEquals("包头", d.place());
        assertEquals(4, d.month());
        assertEquals(1, d.day());
        assertEquals("记者 吕学先", d.byline());
        assertTrue(p.substring(d.length()).startsWith("近日"), "length covers dateline and credit");
        assertTrue(DatelineParser.startsWithDateline(p));
    }

    @Test
    void datelineWithoutPlace() {
        String p = "本报4月1日讯（记者 刘晓冬）4月1日，记者从自治区获悉。";
        Dateline d = parse(p);
        assertEquals("本报", d.agency());
        assertNull(d.place());
        assertEquals(4, d.month());
        assertEquals(1, d.day());
        assertEquals("记者 刘晓冬", d.byline());
        assertTrue(p.substring(d.length()).startsWith("4月1日，"));
        assertTrue(DatelineParser.startsWithDateline(p));
    }

    @Test
    void xinhuaDateline() {
        String p = "新华社北京2月7日电 2月 6日，国家主席习近平同外国领导人举行会谈。";
        Dateline d = parse(p);
        assertEquals("新华社", d.agency());
        assertEquals("北京", d.place());
        assertEquals(2, d.month());
        assertEquals(7, d.day());
        assertNull(d.byline());
        assertTrue(DatelineParser.startsWithDateline(p));
    }

    @Test
    void spaceInsideTheDate() {
        Dateline d = parse("本报2月 7日讯 （记者 章奎）2");
        assertEquals("本报", d.agency());
        assertNull(d.place());
        assertEquals(2, d.month());
        assertEquals(7, d.day());
        assertEquals("记者 章奎", d.byline());
    }

    @Test
    void longPlaceAndCreditWithTrainee() {
        Dateline d = parse("本报巴彦淖尔2月7日电 （记者图古斯毕力格 实习生 陈东）记者从市里获悉。");
        assertEquals("本报", d.agency());
        assertEquals("巴彦淖尔", d.place());
        assertEquals(2, d.month());
        assertEquals(7, d.day());
        assertTrue(d.byline().contains("图古斯毕力格"), d.byline());
        assertTrue(d.byline().contains("陈东"), d.byline());
    }

    @Test
    void undatedDatelineWithInlineCredit() {
        String p = "本报讯 市融媒体中心记者张媛 张浩 6月13日，受市委委托召开会议。";
        Dateline d = parse(p);
        assertEquals("本报", d.agency());
        assertNull(d.place());
        assertNull(d.month());
        assertNull(d.day());
        assertEquals("市融媒体中心记者张媛 张浩", d.byline());
        assertTrue(p.substring(d.length()).startsWith("6月13日"));
        assertTrue(DatelineParser.startsWithDateline(p));
    }

    @Test
    void placeOnlyDateline() {
        String p = "康巴什讯 近年来，我市持续推进城市更新。";
        Dateline d = parse(p);
        assertNull(d.agency());
        assertEquals("康巴什", d.place());
        assertNull(d.month());
        assertNull(d.byline());
        assertTrue(DatelineParser.startsWithDateline(p));
    }

    @Test
    void creditInPlaceOfDateline() {
        Dateline d = parse("本报融媒记者张诗曼 赵琛玮 6月13日，市委常委会召开会议。");
        assertEquals("本报", d.agency());
        assertNull(d.month());
        assertEquals("本报融媒记者张诗曼 赵琛玮", d.byline());
    }

    @Test
    void undatedDatelineWithCreditInParens() {
        Dateline d = parse("本报讯（记者 张三 通讯员 李四）近日，记者获悉。");
        assertEquals("本报", d.agency());
        assertNull(d.month());
        assertEquals("记者 张三 通讯员 李四", d.byline());
    }

    @Test
    void composedReport() {
        Dateline d = parse("本报综合消息 近日，全区各地开展活动。");
        assertEquals("本报", d.agency());
        assertNull(d.byline());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "会议指出，要坚持稳中求进工作总基调。",
            "据了解，今年以来全区经济运行平稳。",
            "4月1日，记者从自治区获悉。",
            "近日，本报记者走进乡村。",
            "",
    })
    void ordinarySentencesHaveNoDateline(String p) {
        assertEquals(Optional.empty(), DatelineParser.parse(p));
        assertFalse(DatelineParser.startsWithDateline(p));
    }
}
