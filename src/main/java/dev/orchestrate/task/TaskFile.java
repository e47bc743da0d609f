package dev.orchestrate.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed task file: its tasks in file order and the warnings found while reading it.
 *
 * @param format   the reader that understood it ({@code seed}, {@code heading}, {@code spec-kit}, {@code kiro}, {@code list})
 * @param ordering which rule turned the file's order into dependencies, in one line (empty when none was applied)
 */
public record TaskFile(Path path, String format, List<Task> tasks, List<Diagnostic> warnings, String ordering) {

    public TaskFile {
        tasks = List.copyOf(tasks);
        warnings = List.copyOf(warnings);
        ordering = ordering == null ? "" : ordering;
    }

    public TaskFile(Path path, String format, List<Task> tasks, List<Diagnostic> warnings) {
        this(path, format, tasks, warnings, "");
    }

    public Optional<Task> task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
