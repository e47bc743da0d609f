package dev.orchestrate.plan;

import java.util.Objects;

/** A dependency the planner found, with the reason in plain words ({@code "T002 modifies a.txt, created by T001"}). */
public record ImplicitDependency(String taskId, String reason) {

    public ImplicitDependency {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(reason, "reason");
    }
}
