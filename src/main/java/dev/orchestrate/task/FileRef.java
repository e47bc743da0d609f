package dev.orchestrate.task;

import java.util.Objects;

/**
 * A path a task names, as written (relative to the project root), with what the task does to it.
 *
 * @param line the line of the task file the path was read from
 */
public record FileRef(String path, FileOperation operation, int line) {

    public FileRef {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(operation, "operation");
        if (path.isBlank()) {
            throw new IllegalArgumentException("blank path");
        }
    }

    /** Globs and {@code {placeholder}} paths are recorded but never locked (SPEC §5.2). */
    public boolean lockable() {
        return path.chars().noneMatch(c -> c == '*' || c == '?' || c == '{' || c == '}' || c == '<' || c == '>');
    }
}
