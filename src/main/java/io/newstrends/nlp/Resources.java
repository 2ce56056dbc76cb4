package io.newstrends.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the text files shipped in {@code conf/}: from the application jar, else from the working directory. */
final class Resources {

    private Resources() {
    }

    /** Non-blank lines that are not {@code #} comments. */
    static List<String> lines(String resource) {
        try (InputStream in = open(resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                String s = line.replace("\uFEFF", "").strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    lines.add(s);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = Resources.class.getClassLoader().getResourceAsStream(resource);
        if (in != null) {
            return in;
        }
        Path file = Path.of(resource);
        if (Files.isRegularFile(file)) {
            return Files.newInputStream(file);
        }
        throw new IOException("not in the application jar nor at " + file.toAbsolutePath());
    }
}
