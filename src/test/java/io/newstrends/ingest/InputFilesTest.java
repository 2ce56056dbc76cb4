package io.newstrends.ingest;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputFilesTest {

    @Test
    void listsEveryTxtFileBelowTheRootWithItsSizeSkippingHiddenOnes(@TempDir Path root) throws IOException {
        write(root, "neimenggu-ribao/2024-01-02.txt", "乙");
        write(root, "neimenggu-ribao/2024-01-01.txt", "甲甲");
        write(root, "2024-01-03/baotou-ribao/a.TXT", "abc");
        write(root, "top.txt", "");
        write(root, "neimenggu-ribao/notes.md", "not input");
        write(root, ".git/HEAD.txt", "hidden folder");
        write(root, "_staging/2024-01-04.txt", "hidden folder");
        write(root, "neimenggu-ribao/.draft.txt", "hidden file");

        var uri = InputFiles.qualifiedRoot(root.toString(), new Configuration());
        List<InputFiles.InputFile> files = InputFiles.list(uri, new Configuration());

        assertEquals(List.of(
                new InputFiles.InputFile("2024-01-03/baotou-ribao/a.TXT", 3),
                new InputFiles.InputFile("neimenggu-ribao/2024-01-01.txt", 6),
                new InputFiles.InputFile("neimenggu-ribao/2024-01-02.txt", 3),
                new InputFiles.InputFile("top.txt", 0)), files);
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
