package io.newstrends.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstrends.article.TextNormalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentDatesTest {

    private static final Path SEEDS = Path.of("../shared/corpus/seeds");

    private static String seed(String prefix) throws IOException {
        try (var files = Files.list(SEEDS)) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith(prefix + "_"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no seed " + prefix + " in " + SEEDS.toAbsolutePath()));
            return Files.readString(file, StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "000, 2021-04-01",
            "001, 2021-10-23",
            "002, 2022-02-07",
            "003, 2025-06-13",
            "004, 2021-12-27",
    })
    void seedDates(String prefix, LocalDate expected) throws IOException {
        String text = TextNormalizer.normalize(seed(prefix)).text();
        Optional<IssueDate> date = ContentDates.infer(text);
        assertTrue(date.isPresent(), prefix + ": no date inferred");
        assertEquals(expected, date.get().date(), prefix + ": " + date.get().evidence());
        assertEquals("content", date.get().source());
        assertFalse(date.get().evidence().isBlank());
    }

    @Test
    void datelineWithYearMentionedOnce() {
        Optional<IssueDate> d = ContentDates.infer("本报4月1日讯 记者获悉，2021年全区经济运行平稳。");
        assertEquals(Optional.of(LocalDate.of(2021, 4, 1)), d.map(IssueDate::date));
        assertEquals("content", d.get().source());
        assertTrue(d.get().evidence().contains("4月1日"), d.get().evidence());
    }

    @Test
    void signatureLineBeatsOtherFullDates() {
        String text = "2020年1月5日召开会议，2021年3月2日审议通过，2021年3月2日印发。\n"
                + "中共内蒙古自治区委员会\n"
                + "2021年10月23日\n";
        Optional<IssueDate> d = ContentDates.infer(text);
        assertEquals(Optional.of(LocalDate.of(2021, 10, 23)), d.map(IssueDate::date));
        assertTrue(d.get().evidence().contains("signature"), d.get().evidence());
    }

    @Test
    void yearTieGoesToTheLaterYear() {
        Optional<IssueDate> d = ContentDates.infer("本报4月1日讯 2020年完成目标，2021年再上台阶。");
        assertEquals(Optional.of(LocalDate.of(2021, 4, 1)), d.map(IssueDate::date));
    }

    @Test
    void mostMentionedYearWins() {
        Optional<IssueDate> d = ContentDates.infer("本报4月1日讯 2020年完成目标，2020年底前验收，2021年再上台阶。");
        assertEquals(Optional.of(LocalDate.of(2020, 4, 1)), d.map(IssueDate::date));
    }

    @Test
    void yearFromAFullDateWithTheSameMonthAndDay() {
        // 2019 is mentioned more often, but the full date 2021年4月1日 ties the winning month-day to 2021
        Optional<IssueDate> d = ContentDates.infer(
                "本报4月1日讯 2021年4月1日，全区召开会议。2019年、2019年、2019年的数据显示。");
        assertEquals(Optional.of(LocalDate.of(2021, 4, 1)), d.map(IssueDate::date));
    }

    @Test
    void monthAndDayWithoutAnyYearGiveNothing() {
        assertEquals(Optional.empty(), ContentDates.infer("本报4月1日讯 记者获悉，4月1日全区召开会议。"));
    }

    @Test
    void noDateGivesNothing() {
        assertEquals(Optional.empty(), ContentDates.infer("会议指出，要坚持稳中求进工作总基调。"));
        assertEquals(Optional.empty(), ContentDates.infer(""));
    }

    @Test
    void impossibleDateGivesNothing() {
        assertEquals(Optional.empty(), ContentDates.infer("2021年2月30日，全区召开会议。"));
    }

    @Test
    void outOfRangeMonthIsIgnored() {
        Optional<IssueDate> d = ContentDates.infer("2021年13月5日是错字，本报4月1日讯 记者获悉。");
        assertEquals(Optional.of(LocalDate.of(2021, 4, 1)), d.map(IssueDate::date));
    }
}
