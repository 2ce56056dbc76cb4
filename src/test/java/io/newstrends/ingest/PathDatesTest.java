package io.newstrends.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathDatesTest {

    private static final Optional<LocalDate> APRIL_2 = Optional.of(LocalDate.of(2021, 4, 2));

    @ParameterizedTest
    @ValueSource(strings = {
            "2021-04-02/a.txt",
            "nmg/20210402.txt",
            "date=2021-04-02/x.txt",
            "2021/04/02/x.txt",
            "nmg/2021_04_02.txt",
            "2021.04.02.txt",
    })
    void datedPaths(String path) {
        assertEquals(APRIL_2, PathDates.fromPath(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "000_7778472d3299ae51.txt",
            "001_43a9c509df84c5d8.txt",
            "20210231.txt",
            "2021-13-02.txt",
            "2021-04/02.txt",
            "nmg/issue.txt",
            "120210402.txt",
    })
    void undatedPaths(String path) {
        assertEquals(Optional.empty(), PathDates.fromPath(path));
    }

    @Test
    void fileDateWinsOverFolderDate() {
        assertEquals(APRIL_2, PathDates.fromPath("2021-04-01/20210402.txt"));
        assertEquals(Optional.of(LocalDate.of(2021, 3, 1)), PathDates.fromPath("date=2021-04-02/2021-03-01.txt"));
    }

    @Test
    void impossibleFileDateFallsBackToFolderDate() {
        assertEquals(APRIL_2, PathDates.fromPath("2021-04-02/20210231.txt"));
    }
}
