package dev.orchestrate.report;

import dev.orchestrate.event.FailureDetail;
import dev.orchestrate.event.Held;
import dev.orchestrate.event.HumanTime;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.Attempt;
import dev.orchestrate.run.Event;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskResult;
import dev.orchestrate.run.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a run adds under GitHub Actions ({@code GITHUB_ACTIONS=true}, SPEC §7): an {@code ::error}
 * annotation on the task's line for each task given up, each failure's log tail folded in a
 * {@code ::group::}, and a markdown table of the tasks appended to {@code $GITHUB_STEP_SUMMARY}.
 *
 * <p>Pass it to the console printer as its {@link FailureDetail}: the failure line stays outside
 * the group, the annotation follows it, then the folded log. The log is wrapped in
 * {@code ::stop-commands::} so that a task's output can never be read as a workflow command.
 */
public final class GithubActions implements FailureDetail {

    /** Beyond this many tasks the step summary lists only those that did not complete. */
    static final int MAX_TABLE_ROWS = 300;

    private final ExecutionPlan plan;
    private final Map<String, String> env;
    private final String stopToken = UUID.randomUUID().toString().replace("-", "");

    /**
     * @param plan the plan being run: the task file and each task's line for the annotations
     * @param env  the environment: {@code GITHUB_WORKSPACE} (annotation paths are relative to it),
     *             {@code GITHUB_STEP_SUMMARY} (the file the table is appended to)
     */
    public GithubActions(ExecutionPlan plan, Map<String, String> env) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.env = Map.copyOf(env);
    }

    /** Whether this process runs as a GitHub Actions step. */
    public static boolean active(Map<String, String> env) {
        return "true".equalsIgnoreCase(env.getOrDefault("GITHUB_ACTIONS", ""));
    }

    @Override
    public List<String> lines(Event.TaskFailed failure, List<String> logTail) {
        List<String> lines = new ArrayList<>();
        if (failure.givingUp()) {
            lines.add(annotation(failure.task(), failure.error()));
        }
        if (!logTail.isEmpty()) {
            lines.add("::group::" + escapeData(failure.task() + " log"));
            lines.add("::stop-commands::" + stopToken);
            lines.addAll(logTail);
            lines.add("::" + stopToken + "::");
            lines.add("::endgroup::");
        }
        return lines;
    }

    /** A task's output folded in a {@code ::group::} named after it, never read as workflow commands. */
    @Override
    public List<String> output(String task, List<String> output) {
        List<String> lines = new ArrayList<>();
        if (!output.isEmpty()) {
            lines.add("::group::" + escapeData(task + " output"));
            lines.add("::stop-commands::" + stopToken);
            lines.addAll(output);
            lines.add("::" + stopToken + "::");
            lines.add("::endgroup::");
        }
        return lines;
    }

    /** {@code ::error file=<task file>,line=<task line>,title=<id> failed::<reason>}. */
    public String annotation(String taskId, String reason) {
        StringBuilder line = new StringBuilder("::error ");
        if (plan.taskFile() != null) {
            line.append("file=").append(escapeProperty(annotationPath(plan.taskFile()))).append(',');
            PlannedTask task = plan.tasks().get(taskId);
            if (task != null) {
                line.append("line=").append(task.task().line()).append(',');
            }
        }
        line.append("title=").append(escapeProperty(taskId + " failed"));
        line.append("::").append(escapeData(reason));
        return line.toString();
    }

    /** Appends the table to {@code $GITHUB_STEP_SUMMARY}; does nothing when it is not set. */
    public void appendStepSummary(RunResult result) {
        appendStepSummary(result, Held.NONE);
    }

    /**
     * Appends the table to {@code $GITHUB_STEP_SUMMARY}; does nothing when it is not set.
     *
     * @param held the tasks resumed from an earlier session or not selected, which the table calls so
     */
    public void appendStepSummary(RunResult result, Held held) {
        String target = env.get("GITHUB_STEP_SUMMARY");
        if (target == null || target.isBlank()) {
            return;
        }
        Path file = Path.of(target);
        try {
            Files.writeString(file, stepSummary(result, held), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The markdown appended to the step summary: a heading, a table of the tasks, the figures. */
    public String stepSummary(RunResult result) {
        return stepSummary(result, Held.NONE);
    }

    /** The markdown appended to the step summary, resumed and not-selected tasks called so. */
    public String stepSummary(RunResult result, Held held) {
        long toRun = result.tasks().size() - result.count(TaskStatus.ALREADY_DONE);
        StringBuilder md = new StringBuilder();
        md.append("### orchestrate: ").append(result.count(TaskStatus.COMPLETED)).append(" of ")
                .append(HumanTime.plural(toRun, "task")).append(" completed\n\n");
        result.criticalFailure().ifPresent(reason -> md.append("**Stopped:** ").append(cell(reason)).append("\n\n"));
        md.append("| Task | Title | Status | Attempts | Time | Details |\n");
        md.append("|---|---|---|---:|---:|---|\n");
        boolean all = result.tasks().size() <= MAX_TABLE_ROWS;
        long hidden = 0;
        for (TaskResult r : result.tasks().values()) {
            if (!all && (r.status() == TaskStatus.COMPLETED || r.status() == TaskStatus.ALREADY_DONE)) {
                hidden++;
                continue;
            }
            PlannedTask planned = plan.tasks().get(r.id());
            md.append("| ").append(cell(r.id()))
                    .append(" | ").append(cell(planned == null ? "" : planned.task().title()))
                    .append(" | ").append(r.status() == TaskStatus.ALREADY_DONE && held.kind(r.id()).isPresent()
                            ? status(held.kind(r.id()).get()) : status(r.status()))
                    .append(" | ").append(r.attempts().size())
                    .append(" | ").append(r.attempts().isEmpty() ? "" : HumanTime.compact(busy(r)))
                    .append(" | ").append(cell(details(r)))
                    .append(" |\n");
        }
        if (hidden > 0) {
            md.append("\n").append(HumanTime.plural(hidden, "completed task")).append(" not listed.\n");
        }
        md.append('\n').append(String.format(Locale.ROOT,
                "Duration: %s · Workers used: %d · Parallelism achieved: %.1fx speedup%n%n",
                HumanTime.words(result.duration()), result.workersUsed(), result.speedup()));
        return md.toString();
    }

    private static String status(Held.Kind kind) {
        return kind == Held.Kind.RESUMED ? "↩️ resumed" : "⏸️ not selected";
    }

    private static String status(TaskStatus status) {
        switch (status) {
            case COMPLETED: return "✅ completed";
            case FAILED: return "❌ failed";
            case SKIPPED: return "⏭️ skipped";
            case ALREADY_DONE: return "☑️ already done";
            default: return "⏸️ not run";
        }
    }

    private static String details(TaskResult r) {
        if (r.status() == TaskStatus.SKIPPED && !r.blockedBy().isEmpty()) {
            return "blocked by " + String.join(", ", r.blockedBy());
        }
        Optional<String> reason = r.status() == TaskStatus.COMPLETED ? Optional.empty() : r.reason();
        return reason.orElse("");
    }

    private static Duration busy(TaskResult r) {
        return r.attempts().stream().map(Attempt::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** A markdown table cell: one line, no column break, no HTML. */
    static String cell(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ')
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("|", "\\|");
    }

    /** The task file as GitHub names it: relative to the workspace when inside it, with forward slashes. */
    private String annotationPath(Path taskFile) {
        Path absolute = taskFile.toAbsolutePath().normalize();
        String workspace = env.get("GITHUB_WORKSPACE");
        if (workspace != null && !workspace.isBlank()) {
            Path root = Path.of(workspace).toAbsolutePath().normalize();
            if (absolute.startsWith(root)) {
                return root.relativize(absolute).toString().replace('\\', '/');
            }
        }
        return taskFile.toString().replace('\\', '/');
    }

    /** Workflow-command message data: {@code %}, CR and LF percent-encoded. */
    static String escapeData(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Workflow-command property value: as data, and also {@code :} and {@code ,}. */
    static String escapeProperty(String text) {
        return escapeData(text).replace(":", "%3A").replace(",", "%2C");
    }
}
