package io.newstrends.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void referenceConfigIsOnTheClasspath() {
        assertNotNull(ConfigLoader.class.getClassLoader().getResource(ConfigLoader.REFERENCE_RESOURCE),
                "Maven copies conf/newstrends.conf to target/classes/conf");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void referenceConfig() {
        AppConfig c = ConfigLoader.load(null);
        assertEquals("warehouse", c.warehouse());
        assertNull(c.input());
        assertEquals(67108864L, c.ingest().maxFileBytes());
        assertEquals(100000, c.ingest().maxLineChars());
        assertEquals(200, c.ingest().sampleChars());
        assertEquals("newstrends", c.spark().appName());
        assertEquals("local[*]", c.spark().master());
        assertTrue(c.spark().conf().containsKey("spark.sql.shuffle.partitions"), c.spark().conf().toString());
        assertEquals("8", c.spark().conf().get("spark.sql.shuffle.partitions"));
        assertEquals("UTC", c.spark().conf().get("spark.sql.session.timeZone"));
    }

    @Test
    void analyzeSettingsOfTheReferenceAreTheDocumentedDefaults() {
        assertEquals(io.newstrends.analyze.AnalyzeSettings.defaults(), ConfigLoader.load(null).analyze());
    }

    @Test
    void analyzeProblemsAreReportedTogether() throws IOException {
        Path user = write("bad.conf", "newstrends.analyze {\n"
                + "  keywords { tags = [], top-n = 0 }\n"
                + "  trends { burst-z = -1, baseline-weeks = 0, baseline-gap-days = -1, burst-max-p = 2, burst-prior-articles = -5,\n"
                + "    burst-continue-max-p = 1.5, burst-continue-days = -1,\n"
                + "    burst-week-day-min-docs = -1 }\n"
                + "  topics { k = 1, learning-offset = 0, max-df-share = 1.5, perplexity = 3 }\n"
                + "}\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(user));
        List<String> problems = e.problems();
        for (String key : List.of("keywords.tags", "keywords.top-n", "trends.burst-z", "trends.baseline-weeks",
                "trends.baseline-gap-days", "trends.burst-max-p", "trends.burst-prior-articles", "trends.burst-continue-max-p",
                "trends.burst-continue-days", "trends.burst-week-day-min-docs", "topics.k", "topics.learning-offset",
                "topics.max-df-share", "topics.perplexity")) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(key)), key + " in " + problems);
        }
        assertEquals(14, problems.size(), problems.toString());
    }

    @Test
    void userFileOverridesOnlyWhatItNames() throws IOException {
        Path user = write("user.conf", "newstrends.warehouse = \"/data/wh\"\n"
                + "newstrends.ingest.max-line-chars = 5000\n");
        AppConfig c = ConfigLoader.load(user);
        assertEquals("/data/wh", c.warehouse());
        assertEquals(5000, c.ingest().maxLineChars());
        assertEquals(67108864L, c.ingest().maxFileBytes());
        assertEquals(200, c.ingest().sampleChars());
        assertNull(c.input());
        assertEquals("local[*]", c.spark().master());
        assertEquals("8", c.spark().conf().get("spark.sql.shuffle.partitions"));
    }

    @Test
    void userFileMayAddSparkConf() throws IOException {
        Path user = write("user.conf", "newstrends.input = \"in\"\n"
                + "newstrends.spark.conf { \"spark.executor.memory\" = \"2g\" }\n");
        AppConfig c = ConfigLoader.load(user);
        assertEquals("in", c.input());
        assertEquals("2g", c.spark().conf().get("spark.executor.memory"));
        assertEquals("8", c.spark().conf().get("spark.sql.shuffle.partitions"), "reference conf entries kept");
    }

    @Test
    void everyProblemIsReportedTogether() throws IOException {
        Path user = write("bad.conf", "newstrends {\n"
                + "  wearhouse = \"typo\"\n"
                + "  ingest.max-file-bytes = -1\n"
                + "  spark.conf { \"hive.exec.dynamic\" = \"x\" }\n"
                + "}\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(user));
        List<String> problems = e.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("wearhouse")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("max-file-bytes") && p.contains("-1")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("hive.exec.dynamic")), problems.toString());
        for (String p : problems) {
            assertTrue(e.getMessage().contains(p), "message lists " + p);
        }
    }

    @Test
    void wrongTypeIsAProblem() throws IOException {
        Path user = write("bad.conf", "newstrends.ingest.max-line-chars = \"lots\"\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(user));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("max-line-chars")), e.problems().toString());
    }

    @Test
    void keywordScopesAreChecked() throws IOException {
        AppConfig all = ConfigLoader.load(null);
        assertEquals(8, all.analyze().keywords().scopes().size());
        AppConfig some = ConfigLoader.load(write("some.conf", "newstrends.analyze.keywords.scopes = [day, day_region]\n"));
        assertEquals(List.of("day", "day_region"), some.analyze().keywords().scopes());
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(
                write("bad.conf", "newstrends.analyze.keywords.scopes = [day, daily]\n")));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("scopes") && p.contains("daily")), e.problems().toString());
    }

    @Test
    void emptyWarehouseIsAProblem() throws IOException {
        Path user = write("bad.conf", "newstrends.warehouse = \"\"\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(user));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("warehouse")), e.problems().toString());
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.conf");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(missing));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).contains("nope.conf"), e.problems().toString());
    }

    @Test
    void unparsableFile() throws IOException {
        Path user = write("broken.conf", "newstrends { warehouse = \n");
        assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(user));
    }

    @Test
    void hugeMaxLineCharsIsClampedToInt() throws IOException {
        Path user = write("big.conf", "newstrends.ingest.max-line-chars = 3000000000\n");
        assertEquals(Integer.MAX_VALUE, ConfigLoader.load(user).ingest().maxLineChars());
    }

    @Test
    void hugeSampleCharsIsNeverNegative() throws IOException {
        Path user = write("big.conf", "newstrends.ingest.sample-chars = 3000000000\n");
        try {
            assertTrue(ConfigLoader.load(user).ingest().sampleChars() > 0);
        } catch (InvalidConfigException rejected) {
            assertTrue(rejected.problems().stream().anyMatch(p -> p.contains("sample-chars")), rejected.problems().toString());
        }
    }
}
