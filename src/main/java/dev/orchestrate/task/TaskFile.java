package dev.orchestrate.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed task file: its tasks in file order and the warnings found while reading it.
 *
 * @param format the reader that understood it ({@code seed}, {@code heading}, {@code spec-kit}, {@code kiro}, {@code list})
 */
public record TaskFile(Path path, String format, List<Task> tasks, List<Diagnostic> warnings) {

    public TaskFile {
        tasks = List.copyOf(tasks);
        warnings = List.copyOf(warnings);
    }

    public Optional<Task> task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
