package dev.orchestrate.task;

import java.util.Objects;

/** An ordering the task file implies rather than states: list order or a phase barrier, with why. */
public record Dependency(String taskId, String reason) {

    public Dependency {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(reason, "reason");
    }
}
