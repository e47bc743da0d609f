package dev.orchestrate.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the task file when none is given (SPEC §2). */
public final class TaskFileLocator {

    /**
     * A task file found.
     *
     * @param plan whether it is a plan used directly ({@code plan.md}), which changes where the session goes
     */
    public record Located(Path file, boolean plan) {
    }

    /** The places looked at, in order, for the error message when nothing is found. */
    public static final List<String> PLACES = List.of(
            ".tmp/*/tasks.md (newest)", "tasks.md", "TASKS.md", ".tmp/*/plan.md (newest)", "plan.md", "PLAN.md");

    private TaskFileLocator() {
    }

    public static Optional<Located> locate(Path dir) {
        Optional<Path> found = newest(dir, "tasks.md")
                .or(() -> regularFile(dir.resolve("tasks.md")))
                .or(() -> regularFile(dir.resolve("TASKS.md")));
        if (found.isPresent()) {
            return found.map(file -> new Located(file, false));
        }
        return newest(dir, "plan.md")
                .or(() -> regularFile(dir.resolve("plan.md")))
                .or(() -> regularFile(dir.resolve("PLAN.md")))
                .map(file -> new Located(file, true));
    }

    /** The most recently modified {@code .tmp/<dir>/<name>}, as a {@code /tasks} or {@code /plan} command leaves it. */
    private static Optional<Path> newest(Path dir, String name) {
        Path tmp = dir.resolve(".tmp");
        if (!Files.isDirectory(tmp)) {
            return Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> children = Files.list(tmp)) {
            children.map(child -> child.resolve(name)).filter(Files::isRegularFile).forEach(candidates::add);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        return candidates.stream().max(Comparator.comparing(TaskFileLocator::modified).thenComparing(Path::toString));
    }

    private static Optional<Path> regularFile(Path file) {
        return exactName(file) ? Optional.of(file) : Optional.empty();
    }

    /** {@code tasks.md} and {@code TASKS.md} are different files, even on a case-insensitive file system. */
    private static boolean exactName(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return file.toRealPath().getFileName().toString().equals(file.getFileName().toString());
        } catch (IOException e) {
            return false;
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
