package dev.orchestrate.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code messages/worker-N-outbox.json}: every attempt one worker finished, cumulative over the run
 * (SPEC §5.4). A worker replaced under the same id goes on with the same outbox.
 */
public record WorkerOutbox(String workerId, List<WorkerOutbox.Entry> tasksCompleted, List<WorkerOutbox.Entry> tasksFailed) {

    public WorkerOutbox {
        Objects.requireNonNull(workerId, "workerId");
        tasksCompleted = List.copyOf(tasksCompleted);
        tasksFailed = List.copyOf(tasksFailed);
    }

    /**
     * One finished attempt.
     *
     * @param exitCode the process's exit code; empty when it never started or was stopped
     * @param error    why it failed ({@code exit 1}, {@code timeout after 30s}); empty when it completed
     */
    public record Entry(
            String id,
            int attempt,
            Instant startedAt,
            Instant endedAt,
            long durationMs,
            OptionalInt exitCode,
            Optional<String> error) {

        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(endedAt, "endedAt");
            Objects.requireNonNull(exitCode, "exitCode");
            Objects.requireNonNull(error, "error");
        }
    }
}
