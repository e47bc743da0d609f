package dev.orchestrate.plan;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task-manager's output (SPEC §4.2): every task of the file, in file order, and the groups.
 *
 * @param tasks            every task of the file, done ones included, in file order
 * @param conflictMap      each file changed by more than one task → those tasks
 * @param criticalPath     the heaviest chain of dependent tasks, first to last
 * @param parallelismScore total work / critical-path work, capped at the worker count
 * @param workers          the worker count the plan was made for
 */
public record ExecutionPlan(
        Instant generatedAt,
        Path taskFile,
        List<Group> groups,
        Map<String, PlannedTask> tasks,
        Map<String, List<String>> conflictMap,
        List<String> criticalPath,
        double parallelismScore,
        int workers) {

    public ExecutionPlan {
        groups = List.copyOf(groups);
        tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        conflictMap = Collections.unmodifiableMap(new LinkedHashMap<>(conflictMap));
        criticalPath = List.copyOf(criticalPath);
    }

    public PlannedTask task(String id) {
        PlannedTask task = tasks.get(id);
        if (task == null) {
            throw new IllegalArgumentException("no task " + id + " in the plan");
        }
        return task;
    }
}
