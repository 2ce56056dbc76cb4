package io.newstrends.ingest;

import io.newstrends.region.Gazetteer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the input files under a root, on any file system Hadoop knows (local, HDFS, S3).
 * Inputs are {@code *.txt} files; names starting with {@code .} or {@code _} are hidden, as
 * everywhere in Spark.
 */
public final class InputFiles {

    /** Resource folder of the sample corpus inside the jar. */
    public static final String SAMPLE_RESOURCE = "sample/";

    private InputFiles() {
    }

    /** A file found under the root. */
    public record InputFile(String relativePath, long size) implements java.io.Serializable {
    }

    /** The qualified root URI of an input directory. */
    public static URI qualifiedRoot(String input, Configuration conf) {
        try {
            Path root = new Path(input);
            FileSystem fs = root.getFileSystem(conf);
            Path qualified = fs.makeQualified(root);
            if (!fs.exists(qualified)) {
                throw new IllegalArgumentException("input " + input + " does not exist");
            }
            if (!fs.getFileStatus(qualified).isDirectory()) {
                throw new IllegalArgumentException("input " + input + " is not a directory");
            }
            return qualified.toUri();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open input " + input + ": " + e.getMessage(), e);
        }
    }

    /** Every input file below the root, sorted by path. */
    public static List<InputFile> list(URI root, Configuration conf) {
        List<InputFile> files = new ArrayList<>();
        try {
            Path rootPath = new Path(root);
            FileSystem fs = rootPath.getFileSystem(conf);
            String prefix = rootPath.toUri().getPath();
            prefix = prefix.endsWith("/") ? prefix : prefix + "/";
            for (FileStatus status : allFiles(fs, rootPath)) {
                String relative = status.getPath().toUri().getPath().substring(prefix.length());
                if (isInput(relative)) {
                    files.add(new InputFile(relative, status.getLen()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list input " + root + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(InputFile::relativePath));
        return files;
    }

    /**
     * Every file below {@code root}. Object stores list a whole tree in one flat listing; on the
     * local file system that listing asks the shell for each file's owner and permissions (about
     * 3 ms a file, 45 s for 13,743 issues), so there the folders are walked with plain statuses.
     */
    private static List<FileStatus> allFiles(FileSystem fs, Path root) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        if (!"file".equals(fs.getUri().getScheme())) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                files.add(it.next());
            }
            return files;
        }
        ArrayDeque<Path> folders = new ArrayDeque<>(List.of(root));
        while (!folders.isEmpty()) {
            RemoteIterator<FileStatus> it = fs.listStatusIterator(folders.poll());
            while (it.hasNext()) {
                FileStatus status = it.next();
                if (status.isDirectory()) {
                    String name = status.getPath().getName();
                    if (!name.startsWith(".") && !name.startsWith("_")) {  // hidden: nothing in it is input
                        folders.add(status.getPath());
                    }
                } else {
                    files.add(status);
                }
            }
        }
        return files;
    }

    static boolean isInput(String relativePath) {
        for (String part : relativePath.split("/")) {
            if (part.startsWith(".") || part.startsWith("_")) {
                return false;
            }
        }
        return relativePath.toLowerCase(Locale.ROOT).endsWith(".txt");
    }

    /** Reads the manifest at the root, or an empty one when there is none. */
    public static Manifest manifest(URI root, Configuration conf, Gazetteer gazetteer) {
        try {
            Path path = new Path(new Path(root), Manifest.FILE_NAME);
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(path)) {
                return Manifest.empty();
            }
            try (InputStream in = fs.open(path)) {
                return Manifest.read(new InputStreamReader(in, StandardCharsets.UTF_8), gazetteer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest.csv: " + e.getMessage(), e);
        }
    }

    /** Reads at most {@code limit + 1} bytes of a file, so an oversized file is never loaded whole. */
    public static byte[] read(URI root, String relativePath, Configuration conf, long limit) throws IOException {
        Path path = new Path(new Path(root), relativePath);
        FileSystem fs = path.getFileSystem(conf);
        long size = fs.getFileStatus(path).getLen();
        if (size > limit) {
            return null;
        }
        byte[] bytes = new byte[(int) size];
        try (FSDataInputStream in = fs.open(path)) {
            in.readFully(0, bytes);
        }
        return bytes;
    }

    /**
     * Copies the sample corpus out of the jar into a local directory and returns it. The
     * manifest inside the jar names the files to copy.
     */
    public static java.nio.file.Path extractSample(java.nio.file.Path target) {
        try {
            Files.createDirectories(target);
            ClassLoader loader = InputFiles.class.getClassLoader();
            List<String> names = new ArrayList<>();
            names.add(Manifest.FILE_NAME);
            try (InputStream manifest = loader.getResourceAsStream(SAMPLE_RESOURCE + Manifest.FILE_NAME)) {
                if (manifest == null) {
                    throw new IllegalStateException("the sample corpus is missing from the application jar");
                }
                String text = new String(manifest.readAllBytes(), StandardCharsets.UTF_8);
                String[] lines = text.split("\n");
                for (int i = 1; i < lines.length; i++) {
                    if (!lines[i].isBlank()) {
                        names.add(Csv.parseLine(lines[i].strip()).get(0));
                    }
                }
            }
            for (String name : names) {
                try (InputStream in = loader.getResourceAsStream(SAMPLE_RESOURCE + name)) {
                    if (in == null) {
                        throw new IllegalStateException("sample file " + name + " is missing from the application jar");
                    }
                    java.nio.file.Path out = target.resolve(name);
                    Files.createDirectories(out.getParent());
                    Files.write(out, in.readAllBytes());
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the sample corpus: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a local directory and everything under it, for the temporary directories the
     * commands make (an extracted sample, a benchmark's warehouse). Best effort: what cannot be
     * deleted stays behind in the system's temporary directory.
     */
    public static void deleteTree(java.nio.file.Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<java.nio.file.Path> walk = Files.walk(dir)) {
            for (java.nio.file.Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // left for the system to clean
        }
    }
}
