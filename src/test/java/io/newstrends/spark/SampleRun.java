package io.newstrends.spark;

import io.newstrends.cli.Cli;
import io.newstrends.ingest.InputFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code run} of the embedded sample corpus, done once per test JVM and shared by the classes that
 * start from it. Its warehouse is read-only: a test that changes tables works on a {@link #copyTo copy}.
 */
public final class SampleRun {

    /** The warehouse the run wrote and what it printed. */
    public record Built(Path warehouse, String out) {
    }

    private static Built built;

    private SampleRun() {
    }

    public static synchronized Built get() {
        if (built == null) {
            try {
                Path dir = Files.createTempDirectory("newstrends-sample-run-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> InputFiles.deleteTree(dir)));
                Path warehouse = dir.resolve("warehouse");
                Cli.Outcome run = Cli.run("run", "--warehouse", warehouse.toString());
                assertEquals(0, run.code(), run.err());
                built = new Built(warehouse, run.out());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return built;
    }

    /** A copy of the sample run's whole warehouse (tables and saved models) at {@code target}. */
    public static Path copyTo(Path target) {
        copyTree(get().warehouse(), target);
        return target;
    }

    /** Copies the directory {@code from} and everything under it to {@code to}. */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
