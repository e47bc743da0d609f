package dev.orchestrate.run;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Something that happened during a run (SPEC §7, §8 {@code --json}). Emitted by the coordinator
 * thread, in order; listeners turn them into lines, JSON, files.
 */
public sealed interface Event {

    /** When it happened. */
    Instant ts();

    /** The §8 {@code type} name. */
    String type();

    record RunStarted(Instant ts, int totalTasks, int toRun, int workers) implements Event {
        public String type() { return "run_started"; }
    }

    record TaskStarted(Instant ts, String task, String worker, int attempt, int maxAttempts) implements Event {
        public String type() { return "task_started"; }
    }

    /**
     * What the engine itself spent on one attempt, and what it handed over, for {@code --verbose}.
     *
     * @param toStart     from the task being handed to a free worker to its process having started
     * @param toReport    from its process's exit being seen to this event
     * @param promptBytes the size of an agent's prompt
     */
    record Overhead(Duration toStart, Duration toReport, OptionalInt promptBytes) {
    }

    /** @param overhead what the scheduler spent on it; empty when its process never started */
    record TaskCompleted(Instant ts, String task, String worker, int attempt, Duration duration,
                         Optional<Overhead> overhead) implements Event {
        public TaskCompleted(Instant ts, String task, String worker, int attempt, Duration duration) {
            this(ts, task, worker, attempt, duration, Optional.empty());
        }
        public String type() { return "task_completed"; }
    }

    /**
     * @param givingUp whether this was the last attempt
     * @param log      the task's log file, whose tail is shown under the failure
     * @param overhead what the scheduler spent on it; empty when its process never started
     */
    record TaskFailed(Instant ts, String task, String worker, int attempt, int maxAttempts, String error,
                      OptionalInt exitCode, boolean givingUp, Path log, Optional<Overhead> overhead) implements Event {
        public TaskFailed(Instant ts, String task, String worker, int attempt, int maxAttempts, String error,
                          OptionalInt exitCode, boolean givingUp, Path log) {
            this(ts, task, worker, attempt, maxAttempts, error, exitCode, givingUp, log, Optional.empty());
        }
        public String type() { return "task_failed"; }
    }

    /** A task could not start because another worker holds the lock of {@code path}. */
    record TaskDeferred(Instant ts, String task, String worker, String lockedBy, String path) implements Event {
        public String type() { return "task_deferred"; }
    }

    record TaskSkipped(Instant ts, String task, List<String> blockedBy) implements Event {
        public TaskSkipped {
            blockedBy = List.copyOf(blockedBy);
        }
        public String type() { return "task_skipped"; }
    }

    /** A worker was replaced after a time-out or a crash; {@code task} goes back to the queue. */
    record WorkerReplaced(Instant ts, String worker, Optional<String> task, String reason) implements Event {
        public String type() { return "worker_replaced"; }
    }

    /**
     * An agent attempt changed files that neither its task nor a task that may run beside it
     * declared (SPEC §6: a warning; the run goes on).
     */
    record FilesChangedOutside(Instant ts, String task, String worker, int attempt, List<String> files) implements Event {
        public FilesChangedOutside {
            files = List.copyOf(files);
        }
        public String type() { return "files_changed_outside"; }
    }

    /** An agent hit a rate limit: no new agent attempt starts for {@code pause}. */
    record AgentsPaused(Instant ts, String task, Duration pause) implements Event {
        public String type() { return "agents_paused"; }
    }

    record GroupCompleted(Instant ts, String group, int tasks, Duration duration) implements Event {
        public String type() { return "group_completed"; }
    }

    record RunFinished(Instant ts, RunResult result) implements Event {
        public String type() { return "run_finished"; }
    }
}
