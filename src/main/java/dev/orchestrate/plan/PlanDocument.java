package dev.orchestrate.plan;

import dev.orchestrate.session.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * execution-plan.json (SPEC §4.2): the plan in the seed's field names, as maps and lists that
 * {@code session.Json} writes as they are.
 */
public final class PlanDocument {

    private PlanDocument() {
    }

    public static Map<String, Object> of(ExecutionPlan plan) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("generated_at", Json.time(plan.generatedAt()));
        doc.put("task_file", plan.taskFile() == null ? null : plan.taskFile().toString());
        doc.put("total_tasks", plan.tasks().size());
        doc.put("total_groups", plan.groups().size());
        List<Object> groups = new ArrayList<>();
        for (Group group : plan.groups()) {
            groups.add(group(group));
        }
        doc.put("groups", groups);
        doc.put("conflict_map", plan.conflictMap());
        doc.put("critical_path", plan.criticalPath());
        doc.put("parallelism_score", Math.round(plan.parallelismScore() * 100) / 100.0);
        Map<String, Object> tasks = new LinkedHashMap<>();
        for (PlannedTask task : plan.tasks().values()) {
            tasks.put(task.id(), task(task));
        }
        doc.put("tasks", tasks);
        return doc;
    }

    private static Map<String, Object> group(Group group) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", group.id());
        doc.put("priority", group.priority().name());
        doc.put("parallel", group.parallel());
        doc.put("tasks", group.tasks());
        doc.put("workers_needed", group.workersNeeded());
        doc.put("files_modified", group.filesModified());
        doc.put("rationale", group.rationale());
        return doc;
    }

    private static Map<String, Object> task(PlannedTask task) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("title", task.task().title());
        doc.put("priority", task.priority().name());
        doc.put("declared_priority", task.task().priority().name());
        doc.put("depends_on", task.task().dependsOn());
        List<Object> implicit = new ArrayList<>();
        for (ImplicitDependency dependency : task.implicitDependsOn()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("task", dependency.taskId());
            entry.put("reason", dependency.reason());
            implicit.add(entry);
        }
        doc.put("implicit_depends_on", implicit);
        List<Object> files = new ArrayList<>();
        for (PlannedFile file : task.files()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", file.path());
            entry.put("operation", file.operation().jsonName());
            entry.put("locked", file.locked());
            files.add(entry);
        }
        doc.put("files", files);
        doc.put("executor", task.executor().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("timeout_s", seconds(task.timeout()));
        doc.put("status", task.status());
        doc.put("line", task.task().line());
        doc.put("group", task.group().isEmpty() ? null : task.group());
        return doc;
    }

    /** Whole seconds as an integer, else seconds with their fraction. */
    private static Number seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (Number) (millis / 1000) : (Number) (millis / 1000.0);
    }
}
