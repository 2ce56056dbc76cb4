package io.newstrends.generate;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Column wrapping and the rules about real text the generator relies on. */
class IssueLayoutTest {

    static final String PARAGRAPH = "春节假期，全区实现国内旅游收入23.17亿元，同比增长2021%，游客在呼和浩特、包头等地"
            + "欣赏冰雪美景，体验草原文化，感受浓浓年味。";

    @Test
    void wrappedLinesAreFullAndNeverCutInsideANumber() {
        List<String> lines = IssueLayout.wrap(PARAGRAPH, 15, new HashMap<>());
        assertEquals(PARAGRAPH, String.join("", lines));
        for (int i = 0; i < lines.size() - 1; i++) {
            String line = lines.get(i);
            assertTrue(TextRules.width(line) >= 13, "'" + line + "' is not full, the splitter would end the paragraph");
            char last = line.charAt(line.length() - 1);
            char next = lines.get(i + 1).charAt(0);
            assertFalse(Character.isDigit(last) && Character.isDigit(next), line + " | " + lines.get(i + 1));
        }
    }

    @Test
    void aLinePrintedTwiceAlreadyIsCutDifferently() {
        Map<String, Integer> printed = new HashMap<>();
        String dateline = "本报巴彦淖尔10月24日讯（记者巴特尔）近日，乌拉特中旗的牧民迎来了好消息。";
        List<String> first = IssueLayout.wrap(dateline, 15, printed);
        IssueLayout.wrap(dateline, 15, printed);
        List<String> third = IssueLayout.wrap(dateline, 15, printed);
        assertNotEquals(first.get(0), third.get(0));
        assertTrue(printed.values().stream().allMatch(n -> n <= 2), printed.toString());
        assertTrue(TextRules.width(third.get(0)) >= 13);
    }

    @Test
    void columnWidthIsFoundLikeTheSplitterFindsIt() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            // Each paragraph starts elsewhere, so no line repeats (the normalizer drops repeated lines).
            String rotated = PARAGRAPH.substring(i * 5) + PARAGRAPH.substring(0, i * 5);
            for (String line : IssueLayout.wrap(rotated.replace("2021", String.valueOf(1000 + i)), 17, new HashMap<>())) {
                text.append(line).append('\n');
            }
            text.append('\n');
        }
        assertEquals(17, IssueLayout.detectedColumnWidth(text.toString()));
        assertEquals(0, IssueLayout.detectedColumnWidth(PARAGRAPH + "\n" + PARAGRAPH + "\n"));
    }

    @Test
    void bodyParagraphsEndASentenceAndOpenNoReport() {
        assertTrue(TextRules.isBodyParagraph("希腊的经济结构较特殊，海运业雄踞全球之首。"));
        assertTrue(TextRules.isBodyParagraph("他笑着说，“我们一定要把这件事办好，让群众满意。”"));
        assertFalse(TextRules.isBodyParagraph("扬帆远东做与中国合作的先行"), "a headline");
        assertFalse(TextRules.isBodyParagraph("本报讯（记者 王强）近日，全区召开会议。"), "a dateline");
        assertFalse(TextRules.isBodyParagraph("2月7日，任子威在比赛后庆祝。新华社记者熊琦摄"), "a photo credit");
        assertFalse(TextRules.isBodyParagraph("——我区煤炭资源领域专项整治系列报道之五。"), "a subtitle");
        assertFalse(TextRules.isBodyParagraph("督察进驻期间：2025年5月28日。"), "a key: value row");
        assertFalse(TextRules.isBodyParagraph("他每天服用维生素C片剂，身体很好。"), "counted as mojibake");
        assertFalse(TextRules.isBodyParagraph("详见下转第8版的报道内容。"), "a continuation marker");
    }

    @Test
    void headlinesAreShortFirstClauses() {
        assertEquals(List.of("全区实现国内旅游收入23亿元"), TextRules.headlineClauses("全区实现国内旅游收入23亿元，同比增长。"));
        assertEquals(List.of("巴彦淖尔市外贸总额连续4年突破"),
                TextRules.headlineClauses("近日，记者获悉。巴彦淖尔市外贸总额连续4年突破，达到新高。"));
        assertFalse(TextRules.isHeadline("自治区党委书记石泰峰主持会议并"), "ends on an open word");
        assertFalse(TextRules.isHeadline("一论坚决打赢优化营商环境攻坚战"), "a commentary title");
        assertFalse(TextRules.isHeadline("我区煤炭资源领域专项整治系列报道之五"), "a series line");
        assertFalse(TextRules.isHeadline("本报记者吕学先报道内容"), "a credit");
        assertFalse(TextRules.isHeadline("短标题"), "too short");
        assertFalse(TextRules.isHeadline("全区实现国内旅游收入23.17亿元"), "a decimal point is not headline material");
    }

    @Test
    void sentencesKeepTheirClosingQuotes() {
        assertEquals(List.of("他说：“好。”", "对！", "没有句号"), TextRules.sentences("他说：“好。”对！没有句号"));
    }
}
