package dev.orchestrate.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.Attempt;
import dev.orchestrate.run.ExitCode;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskResult;
import dev.orchestrate.run.TaskStatus;
import dev.orchestrate.run.agent.AgentAttempt;
import dev.orchestrate.run.agent.AgentUsage;
import dev.orchestrate.run.agent.FailureClass;
import dev.orchestrate.session.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * summary.json (SPEC §8): how the run ended, task by task. Written on every exit path that can write:
 * {@link #of} after execution, {@link #beforeExecution} when the run stopped after planning but before
 * any task ran, {@link #withoutPlan} when there is not even a plan.
 *
 * @param criticalFailure why the run stopped early (SPEC §5.6), or why it never ran
 */
@JsonPropertyOrder({"task_file", "session_dir", "started_at", "ended_at", "duration_ms", "exit_code", "workers_used",
        "speedup", "total_tasks", "completed", "failed", "flaky", "skipped", "stopped", "already_done", "not_run", "critical_failure",
        "interrupted", "agent_usage", "agent_budget", "tasks"})
public record SummaryReport(
        Path taskFile,
        Path sessionDir,
        Instant startedAt,
        Instant endedAt,
        long durationMs,
        int exitCode,
        int workersUsed,
        double speedup,
        int totalTasks,
        List<String> completed,
        List<Failure> failed,
        List<Flaky> flaky,
        List<Skip> skipped,
        List<String> stopped,
        List<String> alreadyDone,
        List<String> notRun,
        Optional<String> criticalFailure,
        boolean interrupted,
        Optional<AgentUsage> agentUsage,
        List<TaskEntry> tasks,
        Optional<AgentBudgetEntry> agentBudget) {

    public SummaryReport {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(criticalFailure, "criticalFailure");
        Objects.requireNonNull(agentUsage, "agentUsage");
        Objects.requireNonNull(agentBudget, "agentBudget");
        completed = List.copyOf(completed);
        failed = List.copyOf(failed);
        flaky = List.copyOf(flaky);
        skipped = List.copyOf(skipped);
        stopped = List.copyOf(stopped);
        alreadyDone = List.copyOf(alreadyDone);
        notRun = List.copyOf(notRun);
        tasks = List.copyOf(tasks);
    }

    /** The run's agent budget ({@code --max-budget-usd}) and what the agents reported spending against it. */
    @JsonPropertyOrder({"max_usd", "spent_usd", "reached"})
    public record AgentBudgetEntry(BigDecimal maxUsd, double spentUsd, boolean reached) {
        static Optional<AgentBudgetEntry> of(RunResult result) {
            return result.agentBudgetUsd().map(max -> {
                double spent = result.agentUsage().flatMap(AgentUsage::costUsd).orElse(0.0);
                return new AgentBudgetEntry(max, spent, BigDecimal.valueOf(spent).compareTo(max) >= 0);
            });
        }
    }

    /** A task given up, with the last attempt's error. */
    public record Failure(String id, String reason) {
    }

    /**
     * A task that completed after failed attempts: {@code passed_on_attempt} 2 of {@code max_attempts} 3,
     * and why the attempts before failed.
     */
    @JsonPropertyOrder({"id", "passed_on_attempt", "failures"})
    public record Flaky(String id, int passedOnAttempt, List<String> failures) {
        public Flaky {
            failures = List.copyOf(failures);
        }
    }

    /** A task skipped because tasks it depends on were given up. */
    public record Skip(String id, List<String> blockedBy) {
        public Skip {
            blockedBy = List.copyOf(blockedBy);
        }
    }

    @JsonPropertyOrder({"id", "title", "status", "priority", "group", "line", "reason", "blocked_by", "attempts"})
    public record TaskEntry(String id, String title, String status, String priority, String group, int line,
                            Optional<String> reason, List<String> blockedBy, List<AttemptEntry> attempts) {
        public TaskEntry {
            blockedBy = List.copyOf(blockedBy);
            attempts = List.copyOf(attempts);
        }
    }

    @JsonPropertyOrder({"attempt", "worker", "started_at", "ended_at", "duration_ms", "exit_code", "error", "agent"})
    public record AttemptEntry(int attempt, String worker, Instant startedAt, Instant endedAt, long durationMs,
                               OptionalInt exitCode, Optional<String> error, Optional<AgentEntry> agent) {
        static AttemptEntry of(Attempt attempt) {
            return new AttemptEntry(attempt.number(), attempt.worker(), attempt.startedAt(), attempt.endedAt(),
                    attempt.duration().toMillis(), attempt.exitCode(), attempt.error(), attempt.agent().map(AgentEntry::of));
        }
    }

    /**
     * What an agent attempt reported (SPEC §6); null for other attempts.
     *
     * @param failure             {@code timeout}, {@code rate_limit}, {@code max_turns}, {@code auth}, {@code no_result}
     *                            or {@code error}; null on success
     * @param filesChangedOutside files it changed that no task running beside it declared
     */
    @JsonPropertyOrder({"failure", "usage", "files_changed_outside", "prompt_bytes"})
    public record AgentEntry(Optional<String> failure, AgentUsage usage, List<String> filesChangedOutside, int promptBytes) {
        static AgentEntry of(AgentAttempt agent) {
            return new AgentEntry(agent.failure().map(FailureClass::jsonName), agent.usage(), agent.changedOutside(),
                    agent.promptBytes());
        }
    }

    /**
     * The summary of an execution: every task of the plan, with the status the run gives it (a task the
     * result leaves out is {@code already_done} if the file marks it done, else {@code not_run}).
     */
    public static SummaryReport of(ExecutionPlan plan, RunResult result, Path sessionDir) {
        Builder builder = new Builder();
        for (PlannedTask task : plan.tasks().values()) {
            TaskResult taskResult = result.tasks().get(task.id());
            builder.add(task, taskResult != null ? taskResult : unrun(task, result.criticalFailure()));
        }
        // a result for a task the plan does not know still belongs in the record
        result.tasks().values().stream()
                .filter(r -> !plan.tasks().containsKey(r.id()))
                .forEach(r -> builder.add(null, r));
        return builder.build(plan.taskFile(), sessionDir, result.startedAt(), result.endedAt(), result.exitCode(),
                result.workersUsed(), round(result.speedup()), result.criticalFailure(), result.interrupted(),
                result.agentUsage(), AgentBudgetEntry.of(result));
    }

    /**
     * The summary of a run that stopped after planning and before any task ran (a critical failure,
     * an interruption, agent tasks without {@code --agent}): every task {@code not_run}, except those
     * the file marks done.
     *
     * @param exitCode the exit code the run ends with
     * @param reason   why nothing ran, the one line the user saw
     */
    public static SummaryReport beforeExecution(ExecutionPlan plan, Path sessionDir, Instant startedAt, Instant endedAt,
                                                int exitCode, String reason) {
        Builder builder = new Builder();
        for (PlannedTask task : plan.tasks().values()) {
            builder.add(task, unrun(task, Optional.of(reason)));
        }
        return builder.build(plan.taskFile(), sessionDir, startedAt, endedAt, exitCode, 0, 0,
                Optional.of(reason), exitCode == ExitCode.INTERRUPTED.code(), Optional.empty());
    }

    /** The summary of a run that stopped before it had a plan: no tasks, only why. */
    public static SummaryReport withoutPlan(Path taskFile, Path sessionDir, Instant startedAt, Instant endedAt,
                                            int exitCode, String reason) {
        return new Builder().build(taskFile, sessionDir, startedAt, endedAt, exitCode, 0, 0, Optional.of(reason),
                exitCode == ExitCode.INTERRUPTED.code(), Optional.empty());
    }

    /** Writes it as summary.json, atomically. */
    public void write(Path file) {
        Json.write(file, this);
    }

    private static TaskResult unrun(PlannedTask task, Optional<String> reason) {
        if (task.alreadyDone()) {
            return new TaskResult(task.id(), TaskStatus.ALREADY_DONE, List.of(), Optional.empty(), List.of());
        }
        return new TaskResult(task.id(), TaskStatus.NOT_RUN, List.of(), reason, List.of());
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Collects the per-status lists and the task entries in one pass. */
    private static final class Builder {
        final List<String> completed = new ArrayList<>();
        final List<Failure> failed = new ArrayList<>();
        final List<Flaky> flaky = new ArrayList<>();
        final List<Skip> skipped = new ArrayList<>();
        final List<String> stopped = new ArrayList<>();
        final List<String> alreadyDone = new ArrayList<>();
        final List<String> notRun = new ArrayList<>();
        final List<TaskEntry> tasks = new ArrayList<>();

        void add(PlannedTask planned, TaskResult result) {
            switch (result.status()) {
                case COMPLETED:
                    completed.add(result.id());
                    if (result.attempts().size() > 1) {
                        List<String> failures = new ArrayList<>();
                        result.attempts().forEach(a -> a.error().ifPresent(failures::add));
                        flaky.add(new Flaky(result.id(), result.attempts().size(), failures));
                    }
                    break;
                case STOPPED: stopped.add(result.id()); break;
                case FAILED: failed.add(new Failure(result.id(), result.reason().orElse("failed"))); break;
                case SKIPPED: skipped.add(new Skip(result.id(), result.blockedBy())); break;
                case ALREADY_DONE: alreadyDone.add(result.id()); break;
                default: notRun.add(result.id());
            }
            List<AttemptEntry> attempts = new ArrayList<>();
            result.attempts().forEach(a -> attempts.add(AttemptEntry.of(a)));
            tasks.add(new TaskEntry(result.id(),
                    planned == null ? "" : planned.task().title(),
                    result.status().jsonName(),
                    planned == null ? "" : planned.priority().name(),
                    planned == null ? "" : planned.group(),
                    planned == null ? 0 : planned.task().line(),
                    result.reason(), result.blockedBy(), attempts));
        }

        SummaryReport build(Path taskFile, Path sessionDir, Instant startedAt, Instant endedAt, int exitCode,
                            int workersUsed, double speedup, Optional<String> criticalFailure, boolean interrupted,
                            Optional<AgentUsage> agentUsage) {
            return build(taskFile, sessionDir, startedAt, endedAt, exitCode, workersUsed, speedup, criticalFailure, interrupted,
                    agentUsage, Optional.empty());
        }

        SummaryReport build(Path taskFile, Path sessionDir, Instant startedAt, Instant endedAt, int exitCode,
                            int workersUsed, double speedup, Optional<String> criticalFailure, boolean interrupted,
                            Optional<AgentUsage> agentUsage, Optional<AgentBudgetEntry> agentBudget) {
            return new SummaryReport(taskFile, sessionDir, startedAt, endedAt,
                    Duration.between(startedAt, endedAt).toMillis(), exitCode, workersUsed, speedup, tasks.size(),
                    completed, failed, flaky, skipped, stopped, alreadyDone, notRun, criticalFailure, interrupted, agentUsage, tasks,
                    agentBudget);
        }
    }
}
