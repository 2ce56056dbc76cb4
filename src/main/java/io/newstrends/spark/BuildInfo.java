package io.newstrends.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version of this build, recorded with every run and every table commit. */
public final class BuildInfo {

    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    public static String version() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/newstrends-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable build file only costs the version string
        }
        return p;
    }
}
