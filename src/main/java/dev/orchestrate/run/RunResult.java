package dev.orchestrate.run;

import dev.orchestrate.run.agent.AgentAttempt;
import dev.orchestrate.run.agent.AgentUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the execution phase did.
 *
 * @param tasks           every task of the plan, in plan order
 * @param workersUsed     how many distinct workers ran at least one attempt
 * @param criticalFailure why execution stopped early (SPEC §5.6), if it did
 * @param interrupted     whether SIGINT/SIGTERM stopped it (SPEC §5.7)
 * @param agentBudgetUsd  the run's agent budget ({@code --max-budget-usd}), if it had one
 */
public record RunResult(
        Instant startedAt,
        Instant endedAt,
        Map<String, TaskResult> tasks,
        int workersUsed,
        Optional<String> criticalFailure,
        boolean interrupted,
        Optional<BigDecimal> agentBudgetUsd) {

    public RunResult {
        tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        java.util.Objects.requireNonNull(agentBudgetUsd, "agentBudgetUsd");
    }

    /** A run without an agent budget. */
    public RunResult(Instant startedAt, Instant endedAt, Map<String, TaskResult> tasks, int workersUsed,
                     Optional<String> criticalFailure, boolean interrupted) {
        this(startedAt, endedAt, tasks, workersUsed, criticalFailure, interrupted, Optional.empty());
    }

    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }

    /**
     * The busy time of the attempts divided by the execution makespan (first attempt's start to the
     * last one's end): how many workers were busy on average while tasks ran. 0 when nothing ran.
     */
    public double speedup() {
        long makespan = makespan().toMillis();
        if (makespan <= 0) {
            return 0;
        }
        return (double) busy().toMillis() / makespan;
    }

    /** The sum of every attempt's duration. */
    public Duration busy() {
        return tasks.values().stream()
                .flatMap(t -> t.attempts().stream())
                .map(Attempt::duration)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** From the first attempt's start to the last attempt's end; zero when no attempt ran. */
    public Duration makespan() {
        Instant first = null;
        Instant last = null;
        for (TaskResult task : tasks.values()) {
            for (Attempt attempt : task.attempts()) {
                first = first == null || attempt.startedAt().isBefore(first) ? attempt.startedAt() : first;
                last = last == null || attempt.endedAt().isAfter(last) ? attempt.endedAt() : last;
            }
        }
        return first == null ? Duration.ZERO : Duration.between(first, last);
    }

    /** How many tasks ran at least one attempt: the speedup means something from two on. */
    public long tasksRun() {
        return tasks.values().stream().filter(t -> !t.attempts().isEmpty()).count();
    }

    /**
     * What every agent attempt of the run cost, added up (without a session id: each attempt has
     * its own); empty when no agent attempt ran.
     */
    public Optional<AgentUsage> agentUsage() {
        return tasks.values().stream()
                .flatMap(t -> t.attempts().stream())
                .flatMap(a -> a.agent().stream())
                .map(AgentAttempt::usage)
                .reduce(AgentUsage::plus)
                .map(AgentUsage::withoutSessionId);
    }

    public long count(TaskStatus status) {
        return tasks.values().stream().filter(t -> t.status() == status).count();
    }

    /** SPEC §1: 130 interrupted, 3 critical failure, 1 a task failed or was skipped, else 0. */
    public int exitCode() {
        if (interrupted) {
            return ExitCode.INTERRUPTED.code();
        }
        if (criticalFailure.isPresent()) {
            return ExitCode.CRITICAL.code();
        }
        boolean allGood = tasks.values().stream()
                .allMatch(t -> t.status() == TaskStatus.COMPLETED || t.status() == TaskStatus.ALREADY_DONE);
        return (allGood ? ExitCode.OK : ExitCode.TASK_FAILED).code();
    }
}
