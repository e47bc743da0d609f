package dev.orchestrate;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orchestrate.task.TaskFileException;
import dev.orchestrate.task.TaskFileParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The real task files of the shared corpus, for the tests that read every one of them. */
public final class CorpusFiles {

    private CorpusFiles() {
    }

    /** {@code ../shared/corpus/tasks}, or where {@code -Dorchestrate.corpus} says. */
    public static Path folder() {
        return Path.of(System.getProperty("orchestrate.corpus", "../shared/corpus/tasks"));
    }

    /** Every task file, in name order (SOURCES.md says where they came from: not one); the test is skipped without the corpus. */
    public static Stream<Path> taskFiles() throws IOException {
        Path corpus = folder();
        assumeTrue(Files.isDirectory(corpus), "the task-file corpus is not at " + corpus.toAbsolutePath());
        try (Stream<Path> files = Files.list(corpus)) {
            return files.filter(f -> f.toString().endsWith(".md"))
                    .filter(f -> !f.getFileName().toString().equals("SOURCES.md"))
                    .sorted().toList().stream();
        }
    }

    /** Skips the test where the parser does not read {@code file} yet: that gap is CorpusTaskFilesTest's to show (issue 10). */
    public static void assumeParsed(Path file) {
        try {
            TaskFileParser.parse(file);
        } catch (TaskFileException e) {
            assumeTrue(false, "the parser does not read this file yet: " + e.getMessage());
        }
    }
}
