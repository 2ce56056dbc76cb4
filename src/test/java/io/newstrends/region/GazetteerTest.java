package io.newstrends.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GazetteerTest {

    private static Gazetteer g;

    @BeforeAll
    static void loadGazetteer() {
        g = Gazetteer.load(Path.of("conf", "regions.csv"));
    }

    @Test
    void hasTwelvePrefecturesAndOneHundredThreeCounties() {
        assertEquals(12, g.all().stream().filter(Region::isPrefecture).count());
        assertEquals(103, g.all().stream().filter(Region::isCounty).count());
        assertEquals(1, g.all().stream().filter(Region::isRegion).count());
    }

    @Test
    void everyCountyBelongsToAPrefectureAndEveryPrefectureToTheRegion() {
        for (Region r : g.all()) {
            if (r.isCounty()) {
                Region parent = g.byCode(r.parentCode()).orElseThrow();
                assertTrue(parent.isPrefecture(), r + " has parent " + parent);
                assertEquals(r.code().substring(0, 4), parent.code().substring(0, 4), r.toString());
            } else if (r.isPrefecture()) {
                assertEquals("150000", r.parentCode(), r.toString());
            }
        }
    }

    @Test
    void codesAreSixDigitsAndUniqueAndNamesUnique() {
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Region r : g.all()) {
            assertTrue(r.code().matches("15\\d{4}"), r.code());
            assertTrue(codes.add(r.code()), "duplicate code " + r.code());
            assertTrue(names.add(r.name()), "duplicate name " + r.name());
        }
    }

    @Test
    void autonomousRegionIsItsOwnPrefecture() {
        Region root = g.autonomousRegion();
        assertEquals("150000", root.code());
        assertEquals("内蒙古自治区", root.name());
        assertSame(root, g.prefectureOf(root));
        assertEquals("150000", g.resolve("内蒙古").orElseThrow().code());
    }

    @ParameterizedTest
    @CsvSource({
            // alias or name, resolved code, 盟市 it rolls up to
            "包头, 150200, 150200",
            "包头市, 150200, 150200",
            "呼市, 150100, 150100",
            "青城, 150100, 150100",
            "鹿城, 150200, 150200",
            "暖城, 150600, 150600",
            "康巴什, 150603, 150600",
            "康巴什区, 150603, 150600",
            "巴彦淖尔, 150800, 150800",
            "准格尔旗, 150622, 150600",
            "准格尔, 150622, 150600",
            "二连浩特, 152501, 152500",
            "二连, 152501, 152500",
            "锡市, 152502, 152500",
            "东胜, 150602, 150600",
            "东胜市, 150602, 150600",
            "白云鄂博矿区, 150206, 150200",
            "扎赉诺尔区, 150703, 150700",
            "满洲里, 150781, 150700",
            "甘其毛都, 150824, 150800",
            "达茂旗, 150223, 150200",
            "兴安盟, 152200, 152200",
            "阿拉善左旗, 152921, 152900",
    })
    void resolvesNamesAndAliasesAndRollsUp(String name, String code, String prefecture) {
        Region r = g.resolve(name).orElseThrow(() -> new AssertionError(name + " did not resolve"));
        assertEquals(code, r.code(), name);
        assertEquals(prefecture, g.prefectureOf(r).code(), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"北京", "海南", "海南市", "新城", "青山", "玉泉", "松山", "红山", "上海市", "", "区"})
    void outsideOrAmbiguousNamesResolveToNothing(String name) {
        assertTrue(g.resolve(name).isEmpty(), name);
    }

    @Test
    void nullInputsAreHandled() {
        assertTrue(g.resolve(null).isEmpty());
        assertTrue(g.byCode(null).isEmpty());
        assertTrue(g.byCode("110000").isEmpty());
    }

    @Test
    void findsDatelinePlace() {
        List<Gazetteer.Match> matches = g.findAll("本报包头4月1日电");
        assertEquals(1, matches.size());
        Gazetteer.Match m = matches.get(0);
        assertEquals("包头", m.surface());
        assertEquals("150200", m.region().code());
        assertEquals(2, m.start());
        assertEquals(4, m.end());
    }

    @Test
    void prefersLongestNonOverlappingMatches() {
        List<Gazetteer.Match> matches = g.findAll("鄂尔多斯市东胜区");
        assertEquals(List.of("鄂尔多斯市", "东胜区"), matches.stream().map(Gazetteer.Match::surface).toList());
        assertEquals(List.of("150600", "150602"), matches.stream().map(m -> m.region().code()).toList());
        assertEquals(5, matches.get(1).start());
    }

    @Test
    void longerCountyNameWinsOverPrefectureAlias() {
        List<Gazetteer.Match> matches = g.findAll("阿拉善左旗和杭锦后旗");
        assertEquals(List.of("152921", "150826"), matches.stream().map(m -> m.region().code()).toList());
    }

    @Test
    void findLongestAtRespectsOffset() {
        assertEquals("150603", g.findLongestAt("康巴什讯", 0).orElseThrow().region().code());
        assertTrue(g.findLongestAt("本报讯", 0).isEmpty());
        assertTrue(g.findLongestAt("包头", 2).isEmpty());
        assertThrows(IndexOutOfBoundsException.class, () -> g.findLongestAt("包头", 3));
    }

    @Test
    void textWithoutPlacesGivesNoMatches() {
        assertTrue(g.findAll("新华社北京2月7日电 海南省和新城镇").isEmpty());
    }

    @Test
    void loadsFromDefaultLocation() {
        assertEquals(g.all(), Gazetteer.load().all());
    }

    @Test
    void rejectsAliasMappedToTwoCodes() {
        String csv = Gazetteer.HEADER + "\n"
                + "150000,内蒙古自治区,region,,\n"
                + "150100,呼和浩特市,prefecture,150000,青城\n"
                + "150200,包头市,prefecture,150000,青城\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gazetteer.load(new StringReader(csv)));
        assertTrue(e.getMessage().contains("青城"), e.getMessage());
    }

    @Test
    void rejectsCountyUnderUnknownParent() {
        String csv = Gazetteer.HEADER + "\n"
                + "150000,内蒙古自治区,region,,\n"
                + "150102,新城区,county,150100,\n";
        assertThrows(IllegalArgumentException.class, () -> Gazetteer.load(new StringReader(csv)));
    }

    @Test
    void regionsAreImmutable() {
        assertThrows(UnsupportedOperationException.class, () -> g.all().add(g.autonomousRegion()));
        assertFalse(g.aliasesOf(g.byCode("150100").orElseThrow()).isEmpty());
    }
}
