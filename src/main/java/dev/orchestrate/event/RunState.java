package dev.orchestrate.event;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Group;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.Event;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the events of a run have said so far, task by task: the model behind the status board.
 * Not thread-safe; each listener owns its own and guards it.
 */
final class RunState {

    /** Where a task stands on the board. */
    enum Phase {
        PENDING, RUNNING, RETRY, DEFERRED, COMPLETED, ALREADY_DONE, RESUMED, NOT_SELECTED, FAILED, SKIPPED, NOT_RUN, STOPPED;

        boolean ended() {
            return this == COMPLETED || held() || this == FAILED || this == SKIPPED || this == NOT_RUN || this == STOPPED;
        }

        boolean succeeded() {
            return this == COMPLETED || held();
        }

        /** Not run here and never to be: done in the file, resumed from an earlier session, or not selected. */
        boolean held() {
            return this == ALREADY_DONE || this == RESUMED || this == NOT_SELECTED;
        }

        /** Of a task held back from the run: why. */
        static Phase of(Held.Kind kind) {
            return kind == Held.Kind.RESUMED ? RESUMED : NOT_SELECTED;
        }

        /** {@code already done}, {@code not selected}: as a line says it. */
        String words() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }

        /** Waiting for its turn, whatever the reason. */
        boolean waiting() {
            return this == PENDING || this == RETRY || this == DEFERRED;
        }
    }

    /** One task's row. */
    static final class Row {
        final String id;
        final String title;
        final String group;
        final List<String> dependsOn;
        /** The plan's weight of the task ({@code Estimate:}, 1 when the file gives none): the ETA's unit. */
        final double estimate;
        Phase phase;
        /** The task's log, from its last failure. */
        java.nio.file.Path log;
        /** How long its completed attempt took. */
        java.time.Duration took = java.time.Duration.ZERO;
        String worker = "";
        int attempt;
        int maxAttempts;
        String error = "";
        String lockedBy = "";
        List<String> blockedBy = List.of();

        Row(String id, String title, String group, List<String> dependsOn, Phase phase) {
            this(id, title, group, dependsOn, 1, phase);
        }

        Row(String id, String title, String group, List<String> dependsOn, double estimate, Phase phase) {
            this.estimate = estimate;
            this.id = id;
            this.title = title;
            this.group = group;
            this.dependsOn = dependsOn;
            this.phase = phase;
        }

        /** An attempt's event: the task is now in {@code phase}, on that worker, at that attempt. */
        Row attempt(Phase phase, String worker, int attempt) {
            this.phase = phase;
            this.worker = worker;
            this.attempt = attempt;
            return this;
        }
    }

    private final ExecutionPlan plan;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Set<String> completedGroups = new HashSet<>();
    private Instant startedAt;
    private Instant finishedAt;
    private int workers;
    private RunResult result;
    private Held held = Held.NONE;

    RunState(ExecutionPlan plan) {
        this.plan = plan;
        this.workers = plan.workers();
        for (PlannedTask task : plan.tasks().values()) {
            rows.put(task.id(), new Row(task.id(), task.task().title(), task.group(), task.allDependencies(),
                    task.task().estimate(), task.alreadyDone() ? Phase.ALREADY_DONE : Phase.PENDING));
        }
    }

    /** Tells the tasks the plan calls done but the file does not apart: resumed, or not selected. */
    void hold(Held tasks) {
        held = java.util.Objects.requireNonNull(tasks, "tasks");
        for (Row row : rows.values()) {
            if (row.phase.held()) {
                row.phase = held.kind(row.id).map(Phase::of).orElse(Phase.ALREADY_DONE);
            }
        }
    }

    Held held() {
        return held;
    }

    void apply(Event event) {
        if (event instanceof Event.RunStarted e) {
            startedAt = e.ts();
            workers = e.workers();
        } else if (event instanceof Event.TaskStarted e) {
            Row row = row(e.task()).attempt(Phase.RUNNING, e.worker(), e.attempt());
            row.maxAttempts = e.maxAttempts();
        } else if (event instanceof Event.TaskCompleted e) {
            Row row = row(e.task()).attempt(Phase.COMPLETED, e.worker(), e.attempt());
            row.took = e.duration();
        } else if (event instanceof Event.TaskFailed e) {
            Row row = row(e.task()).attempt(e.givingUp() ? Phase.FAILED : Phase.RETRY, e.worker(), e.attempt());
            row.maxAttempts = e.maxAttempts();
            row.error = e.error();
            row.log = e.log();
        } else if (event instanceof Event.TaskDeferred e) {
            Row row = row(e.task());
            row.phase = Phase.DEFERRED;
            row.lockedBy = e.lockedBy();
        } else if (event instanceof Event.TaskSkipped e) {
            Row row = row(e.task());
            row.phase = Phase.SKIPPED;
            row.blockedBy = e.blockedBy();
        } else if (event instanceof Event.WorkerReplaced e) {
            e.task().map(this::row).filter(r -> r.phase == Phase.RUNNING).ifPresent(r -> {
                r.phase = Phase.RETRY;
                r.error = e.reason();
            });
        } else if (event instanceof Event.GroupCompleted e) {
            completedGroups.add(e.group());
        } else if (event instanceof Event.RunFinished e) {
            finish(e.ts(), e.result());
        }
    }

    /** The result is the last word: every row takes the status the run reports. */
    private void finish(Instant ts, RunResult runResult) {
        finishedAt = ts;
        result = runResult;
        if (startedAt == null) {
            startedAt = runResult.startedAt();
        }
        for (TaskResult task : runResult.tasks().values()) {
            Row row = row(task.id());
            switch (task.status()) {
                case COMPLETED: row.phase = Phase.COMPLETED; break;
                case ALREADY_DONE: row.phase = held.kind(task.id()).map(Phase::of).orElse(Phase.ALREADY_DONE); break;
                case FAILED: row.phase = Phase.FAILED; break;
                case SKIPPED: row.phase = Phase.SKIPPED; break;
                case STOPPED: row.phase = Phase.STOPPED; break;
                default: row.phase = Phase.NOT_RUN;
            }
            task.reason().ifPresent(r -> row.error = r);
            if (!task.blockedBy().isEmpty()) {
                row.blockedBy = task.blockedBy();
            }
        }
    }

    /** The row of a task; one the plan does not know (which should not happen) gets a row of its own. */
    Row row(String id) {
        return rows.computeIfAbsent(id, k -> new Row(k, "", "", List.of(), Phase.PENDING));
    }

    List<Row> rows() {
        return List.copyOf(rows.values());
    }

    /** How many tasks there are. */
    int size() {
        return rows.size();
    }

    List<Group> groups() {
        return plan.groups();
    }

    boolean groupCompleted(String group) {
        return completedGroups.contains(group);
    }

    List<Row> rowsOf(Group group) {
        List<Row> list = new ArrayList<>();
        for (String id : group.tasks()) {
            list.add(row(id));
        }
        return list;
    }

    /** The dependencies of a row that have not succeeded yet. */
    List<String> unfinishedDependencies(Row row) {
        List<String> open = new ArrayList<>();
        for (String dep : row.dependsOn) {
            Row other = rows.get(dep);
            if (other != null && !other.phase.succeeded()) {
                open.add(dep);
            }
        }
        return open;
    }

    int workers() {
        return workers;
    }

    long activeWorkers() {
        return rows.values().stream().filter(r -> r.phase == Phase.RUNNING).map(r -> r.worker).distinct().count();
    }

    Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    Optional<RunResult> result() {
        return Optional.ofNullable(result);
    }

    /** How many tasks stand in each phase now. */
    java.util.Map<Phase, Integer> counts() {
        java.util.Map<Phase, Integer> counts = new java.util.EnumMap<>(Phase.class);
        for (Row row : rows.values()) {
            counts.merge(row.phase, 1, Integer::sum);
        }
        return counts;
    }

    String title(String id) {
        Row row = rows.get(id);
        return row == null ? "" : row.title;
    }

    ExecutionPlan plan() {
        return plan;
    }
}
