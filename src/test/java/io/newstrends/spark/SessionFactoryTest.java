package io.newstrends.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session the factory builds (the tests' shared one is built by it). */
class SessionFactoryTest {

    @Test
    void theSessionCatalogLivesInATemporaryLocalDirectoryNotTheCurrentOne() throws Exception {
        SparkSession spark = SharedSpark.get();
        URI catalog = URI.create(spark.conf().get(SessionFactory.CATALOG_DIR));
        assertEquals("file", catalog.getScheme(), catalog.toString());
        Path dir = Path.of(catalog);
        assertTrue(dir.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toRealPath())
                || dir.startsWith(Path.of(System.getProperty("java.io.tmpdir"))), dir.toString());
        assertTrue(dir.getFileName().toString().startsWith("newstrends-catalog-"), dir.toString());
        // The session catalog's default database is made on first use; here, not in the working directory.
        spark.sql("SHOW TABLES").collectAsList();
        spark.sql("CREATE DATABASE IF NOT EXISTS newstrends_probe").collectAsList();
        assertTrue(Files.isDirectory(dir.resolve("newstrends_probe.db")), dir.toString());
        spark.sql("DROP DATABASE newstrends_probe").collectAsList();
        assertFalse(Files.exists(Path.of("spark-warehouse", "newstrends_probe.db")));
    }

    @Test
    void generatedCodeIsCachedForEveryQueryOfARun() {
        // the factory's default reaches the session, as the tests' settings do not set the key
        assertEquals("5000", SharedSpark.get().conf().get("spark.sql.codegen.cache.maxEntries"));
    }
}
