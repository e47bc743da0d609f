package dev.orchestrate.plan;

import dev.orchestrate.task.Priority;
import dev.orchestrate.task.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A task as the plan runs it.
 *
 * @param task              the task as the file states it
 * @param priority          its effective priority level (SPEC §5.3)
 * @param implicitDependsOn dependencies from list order, phases and files, with their reasons
 * @param files             its files with resolved operations
 * @param executor          shell or agent
 * @param timeout           the time limit of one attempt
 * @param group             the id of the group it belongs to ({@code G1}…)
 * @param alreadyDone       the file marks it done and {@code --include-done} is off: it is not run
 */
public record PlannedTask(
        Task task,
        Priority priority,
        List<ImplicitDependency> implicitDependsOn,
        List<PlannedFile> files,
        Executor executor,
        Duration timeout,
        String group,
        boolean alreadyDone) {

    public PlannedTask {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(group, "group");
        implicitDependsOn = List.copyOf(implicitDependsOn);
        files = List.copyOf(files);
    }

    public String id() {
        return task.id();
    }

    /** {@code pending} or {@code done}, as execution-plan.json says it. */
    public String status() {
        return alreadyDone ? "done" : "pending";
    }

    /** Every task this one waits for, explicit first, without duplicates. */
    public List<String> allDependencies() {
        LinkedHashSet<String> all = new LinkedHashSet<>(task.dependsOn());
        implicitDependsOn.forEach(d -> all.add(d.taskId()));
        return List.copyOf(all);
    }

    /** The paths this task must lock before it runs. */
    public List<String> lockedPaths() {
        List<String> paths = new ArrayList<>();
        for (PlannedFile file : files) {
            if (file.locked()) {
                paths.add(file.path());
            }
        }
        return paths;
    }
}
