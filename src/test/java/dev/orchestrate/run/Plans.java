package dev.orchestrate.run;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Executor;
import dev.orchestrate.plan.Group;
import dev.orchestrate.plan.PlannedFile;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.task.FileOperation;
import dev.orchestrate.task.Priority;
import dev.orchestrate.task.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds execution plans by hand, the way the planner would, for the engine's tests. */
final class Plans {

    private final List<Spec> specs = new ArrayList<>();

    static Plans plan() {
        return new Plans();
    }

    /** A shell task; further calls on the returned spec refine it. */
    Spec task(String id, String command) {
        Spec spec = new Spec(id, Optional.of(command));
        specs.add(spec);
        return spec;
    }

    /** Shell tasks that succeed, at the priority level {@code level}. */
    void tasksAt(Priority level, String... ids) {
        for (String id : ids) {
            task(id, "true").priority(level);
        }
    }

    /** An agent task: no shell command. */
    Spec agentTask(String id) {
        Spec spec = new Spec(id, Optional.empty());
        specs.add(spec);
        return spec;
    }

    ExecutionPlan build() {
        Map<String, PlannedTask> tasks = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        int line = 1;
        for (Spec spec : specs) {
            Task task = new Task(spec.id, "task " + spec.id, spec.body, line++, spec.done, spec.priority, spec.dependsOn,
                    List.of(), List.of(), spec.command, Optional.of(spec.timeout), spec.estimate);
            List<PlannedFile> files = spec.files.stream().map(f -> new PlannedFile(f, FileOperation.MODIFY, true)).toList();
            tasks.put(spec.id, new PlannedTask(task, spec.priority, List.of(), files,
                    spec.command.isPresent() ? Executor.SHELL : Executor.AGENT, spec.timeout, spec.group, spec.done));
            groups.computeIfAbsent(spec.group, g -> new ArrayList<>()).add(spec.id);
        }
        List<Group> planned = new ArrayList<>();
        groups.forEach((id, ids) -> planned.add(new Group(id, tasks.get(ids.get(0)).priority(), ids.size() > 1, ids,
                Math.min(5, ids.size()), List.of(), "test")));
        return new ExecutionPlan(Instant.EPOCH, Path.of("tasks.md"), planned, tasks, Map.of(), List.of(), 1.0, 5);
    }

    static final class Spec {
        private final String id;
        private final Optional<String> command;
        private List<String> dependsOn = List.of();
        private List<String> files = List.of();
        private Priority priority = Priority.P2;
        private Duration timeout = Duration.ofSeconds(10);
        private double estimate = 1;
        private String group = "G1";
        private boolean done;
        private String body = "";

        private Spec(String id, Optional<String> command) {
            this.id = id;
            this.command = command;
        }

        Spec dependsOn(String... ids) {
            dependsOn = List.of(ids);
            return this;
        }

        Spec files(String... paths) {
            files = List.of(paths);
            return this;
        }

        Spec priority(Priority level) {
            priority = level;
            return this;
        }

        Spec timeout(Duration limit) {
            timeout = limit;
            return this;
        }

        Spec estimate(double weight) {
            estimate = weight;
            return this;
        }

        Spec group(String id) {
            group = id;
            return this;
        }

        Spec body(String text) {
            body = text;
            return this;
        }

        Spec done() {
            done = true;
            return this;
        }
    }
}
