package dev.orchestrate.plan;

import dev.orchestrate.task.FileOperation;
import java.util.Objects;

/**
 * A file a task names, with its operation resolved (never {@code UNSPECIFIED}).
 *
 * @param locked whether the task takes this file's lock before it runs
 */
public record PlannedFile(String path, FileOperation operation, boolean locked) {

    public PlannedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(operation, "operation");
        if (operation == FileOperation.UNSPECIFIED) {
            throw new IllegalArgumentException("unresolved operation for " + path);
        }
    }
}
