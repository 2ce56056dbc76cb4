package io.newstrends.spark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every table of the warehouse has one layout, which its writes and maintain share. */
class TablesLayoutTest {

    @Test
    void everyTableHasALayoutAndOnlyAnalyzesTablesAreOrderedByDate() {
        List<String> ordered = Tables.ALL.stream().filter(t -> Tables.layout(t).fileOrder() != null).toList();
        assertEquals(List.of(Tables.ARTICLE_DAILY, Tables.TERM_DAILY, Tables.ENTITY_DAILY, Tables.ARTICLE_MONTHLY,
                Tables.TERM_MONTHLY, Tables.ENTITY_MONTHLY, Tables.KEYWORDS, Tables.TERM_TRENDS, Tables.ENTITY_TRENDS,
                Tables.ARTICLE_TOPICS, Tables.TOPIC_TRENDS), ordered);
        // A clustered table is ordered, if at all, by its own clustering column.
        for (String table : Tables.ALL) {
            Layout layout = Tables.layout(table);
            assertTrue(!layout.clustered() || layout.fileOrder() == null || layout.fileOrder().equals(layout.column()),
                    table + ": " + layout);
        }
    }

    @Test
    void aNameOutsideTheWarehouseHasNone() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tables.layout("article"));
        assertTrue(e.getMessage().contains("article"), e.getMessage());
    }
}
