package dev.orchestrate.run;

import dev.orchestrate.run.agent.AgentAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One attempt at a task on one worker.
 *
 * @param number   1-based attempt number
 * @param worker   {@code worker-N}
 * @param exitCode the process's exit code; empty when it never started or was stopped
 * @param error    why the attempt failed ({@code exit 1}, {@code timeout after 30s}); empty on success
 * @param agent    what an agent attempt reported (failure class, cost, files changed outside its own); empty for others
 */
public record Attempt(
        int number,
        String worker,
        Instant startedAt,
        Instant endedAt,
        OptionalInt exitCode,
        Optional<String> error,
        Optional<AgentAttempt> agent) {

    public Attempt {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(agent, "agent");
    }

    /** An attempt that was not an agent's. */
    public Attempt(int number, String worker, Instant startedAt, Instant endedAt, OptionalInt exitCode, Optional<String> error) {
        this(number, worker, startedAt, endedAt, exitCode, error, Optional.empty());
    }

    public boolean succeeded() {
        return error.isEmpty();
    }

    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }
}
