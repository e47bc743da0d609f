package dev.orchestrate.plan;

import dev.orchestrate.task.Priority;
import java.util.List;
import java.util.Objects;

/**
 * A set of tasks of one priority level that may run side by side: a topological level inside that
 * priority level, never holding two tasks that modify the same file.
 */
public record Group(
        String id,
        Priority priority,
        boolean parallel,
        List<String> tasks,
        int workersNeeded,
        List<String> filesModified,
        String rationale) {

    public Group {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(rationale, "rationale");
        tasks = List.copyOf(tasks);
        filesModified = List.copyOf(filesModified);
    }
}
