package dev.orchestrate.merge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Executor;
import dev.orchestrate.plan.Group;
import dev.orchestrate.plan.ImplicitDependency;
import dev.orchestrate.plan.PlannedFile;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.Attempt;
import dev.orchestrate.run.TaskResult;
import dev.orchestrate.run.TaskStatus;
import dev.orchestrate.run.agent.AgentAttempt;
import dev.orchestrate.run.agent.AgentUsage;
import dev.orchestrate.run.agent.FailureClass;
import dev.orchestrate.session.Json;
import dev.orchestrate.task.FileOperation;
import dev.orchestrate.task.Priority;
import dev.orchestrate.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A session folder as an earlier run left it: its plan (execution-plan.json) and its results
 * (summary.json), read back into the values the reports are made of.
 *
 * @param plan      the plan the run made; empty when the folder has no execution-plan.json
 * @param results   each task's result as summary.json states it; empty when there is no summary
 * @param startedAt when the run started, if the summary says
 * @param endedAt   when it ended, if the summary says
 */
record SavedSession(Path dir, Optional<ExecutionPlan> plan, Map<String, TaskResult> results, Optional<Instant> startedAt,
                    Optional<Instant> endedAt, boolean interrupted) {

    static final String PLAN = "execution-plan.json";
    static final String SUMMARY = "summary.json";

    /** Whether {@code dir} holds what a run leaves: a plan or a summary. */
    static boolean isSession(Path dir) {
        return Files.isRegularFile(dir.resolve(PLAN)) || Files.isRegularFile(dir.resolve(SUMMARY));
    }

    /** @throws IllegalArgumentException naming the file when a JSON file there cannot be read */
    static SavedSession read(Path dir) {
        Optional<ExecutionPlan> plan = Files.isRegularFile(dir.resolve(PLAN))
                ? Optional.of(plan(json(dir.resolve(PLAN)))) : Optional.empty();
        if (!Files.isRegularFile(dir.resolve(SUMMARY))) {
            return new SavedSession(dir, plan, Map.of(), Optional.empty(), Optional.empty(), false);
        }
        JsonNode summary = json(dir.resolve(SUMMARY));
        Map<String, TaskResult> results = new LinkedHashMap<>();
        for (JsonNode task : summary.path("tasks")) {
            TaskResult result = result(task);
            results.put(result.id(), result);
        }
        return new SavedSession(dir, plan, results, instant(summary.get("started_at")), instant(summary.get("ended_at")),
                summary.path("interrupted").asBoolean(false));
    }

    Path log(String taskId) {
        return dir.resolve("logs").resolve(dev.orchestrate.session.Session.fileName(taskId) + ".log");
    }

    private static JsonNode json(Path file) {
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a readable JSON file (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    /** execution-plan.json back into a plan: what the reports need of each task (no body, no command text). */
    private static ExecutionPlan plan(JsonNode doc) {
        List<Group> groups = new ArrayList<>();
        for (JsonNode g : doc.path("groups")) {
            groups.add(new Group(g.path("id").asText(), priority(g.path("priority").asText()), g.path("parallel").asBoolean(),
                    strings(g.path("tasks")), g.path("workers_needed").asInt(1), strings(g.path("files_modified")),
                    g.path("rationale").asText("")));
        }
        Map<String, PlannedTask> tasks = new LinkedHashMap<>();
        var fields = doc.path("tasks").fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            tasks.put(entry.getKey(), task(entry.getKey(), entry.getValue()));
        }
        Map<String, List<String>> conflicts = new LinkedHashMap<>();
        var conflictFields = doc.path("conflict_map").fields();
        while (conflictFields.hasNext()) {
            var entry = conflictFields.next();
            conflicts.put(entry.getKey(), strings(entry.getValue()));
        }
        int workers = groups.stream().mapToInt(Group::workersNeeded).max().orElse(1);
        String taskFile = doc.path("task_file").asText("");
        return new ExecutionPlan(instant(doc.get("generated_at")).orElse(Instant.EPOCH),
                taskFile.isEmpty() ? null : Path.of(taskFile), groups, tasks, conflicts, strings(doc.path("critical_path")),
                doc.path("parallelism_score").asDouble(1), Math.max(1, workers));
    }

    private static PlannedTask task(String id, JsonNode t) {
        boolean done = "done".equals(t.path("status").asText());
        Executor executor = "agent".equals(t.path("executor").asText()) ? Executor.AGENT : Executor.SHELL;
        Duration timeout = Duration.ofMillis(Math.round(t.path("timeout_s").asDouble(0) * 1000));
        Priority declared = priority(t.path("declared_priority").asText(t.path("priority").asText()));
        Task task = new Task(id, t.path("title").asText(""), "", Math.max(1, t.path("line").asInt(1)), done, declared,
                strings(t.path("depends_on")), List.of(), List.of(),
                executor == Executor.SHELL ? Optional.of("") : Optional.empty(), Optional.empty(), 1);
        List<ImplicitDependency> implicit = new ArrayList<>();
        for (JsonNode d : t.path("implicit_depends_on")) {
            implicit.add(new ImplicitDependency(d.path("task").asText(), d.path("reason").asText("")));
        }
        List<PlannedFile> files = new ArrayList<>();
        for (JsonNode f : t.path("files")) {
            files.add(new PlannedFile(f.path("path").asText(), operation(f.path("operation").asText()), f.path("locked").asBoolean()));
        }
        String group = t.path("group").isTextual() ? t.path("group").asText() : "";
        return new PlannedTask(task, priority(t.path("priority").asText()), implicit, files, executor, timeout, group, done);
    }

    private static TaskResult result(JsonNode t) {
        List<Attempt> attempts = new ArrayList<>();
        for (JsonNode a : t.path("attempts")) {
            Instant started = instant(a.get("started_at")).orElse(Instant.EPOCH);
            Instant ended = instant(a.get("ended_at")).orElse(started);
            OptionalInt exit = a.path("exit_code").isInt() ? OptionalInt.of(a.path("exit_code").asInt()) : OptionalInt.empty();
            attempts.add(new Attempt(a.path("attempt").asInt(attempts.size() + 1), a.path("worker").asText("worker-1"),
                    started, ended, exit, text(a.get("error")), agent(a.get("agent"))));
        }
        return new TaskResult(t.path("id").asText(), status(t.path("status").asText()), attempts, text(t.get("reason")),
                strings(t.path("blocked_by")));
    }

    private static Optional<AgentAttempt> agent(JsonNode a) {
        if (a == null || !a.isObject()) {
            return Optional.empty();
        }
        JsonNode u = a.path("usage");
        AgentUsage usage = new AgentUsage(
                u.path("cost_usd").isNumber() ? Optional.of(u.path("cost_usd").asDouble()) : Optional.empty(),
                u.path("turns").isNumber() ? Optional.of(u.path("turns").asInt()) : Optional.empty(),
                number(u.get("input_tokens")), number(u.get("output_tokens")),
                number(u.get("cache_read_tokens")), number(u.get("cache_creation_tokens")), text(u.get("session_id")));
        Optional<FailureClass> failure = text(a.get("failure")).flatMap(f -> {
            try {
                return Optional.of(FailureClass.valueOf(f.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.of(FailureClass.ERROR);
            }
        });
        return Optional.of(new AgentAttempt(failure, usage, strings(a.path("files_changed_outside")),
                a.path("prompt_bytes").asInt(0)));
    }

    private static TaskStatus status(String text) {
        try {
            return TaskStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return TaskStatus.NOT_RUN;
        }
    }

    private static Priority priority(String text) {
        return Priority.parse(text).orElse(Priority.defaultPriority());
    }

    private static FileOperation operation(String text) {
        for (FileOperation op : FileOperation.values()) {
            if (op != FileOperation.UNSPECIFIED && op.jsonName().equals(text)) {
                return op;
            }
        }
        return FileOperation.MODIFY;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static Optional<String> text(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static Optional<Long> number(JsonNode node) {
        return node != null && node.isNumber() ? Optional.of(node.asLong()) : Optional.empty();
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.asText()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
