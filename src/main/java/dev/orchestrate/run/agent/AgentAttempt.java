package dev.orchestrate.run.agent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one agent attempt told us beyond its exit: why it failed, what it cost, and which files it
 * changed outside the ones its task declared.
 *
 * @param failure        the class of the failure; empty when the attempt succeeded
 * @param usage          cost, turns, tokens and session id, as far as the agent reported them
 * @param changedOutside project-relative paths changed during the attempt that no declared file covers
 * @param promptBytes    the size of the prompt it was given (UTF-8)
 * @param detail         the one line of the failure, without its class ({@code exit 1: Not logged in · Please run /login});
 *                       empty on success
 * @param retryAt        for a rate limit, when the provider said it will serve again, if it said
 */
public record AgentAttempt(Optional<FailureClass> failure, AgentUsage usage, List<String> changedOutside, int promptBytes,
                           Optional<String> detail, Optional<Instant> retryAt) {

    public AgentAttempt {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(retryAt, "retryAt");
        changedOutside = List.copyOf(changedOutside);
    }

    public AgentAttempt(Optional<FailureClass> failure, AgentUsage usage, List<String> changedOutside, int promptBytes) {
        this(failure, usage, changedOutside, promptBytes, Optional.empty(), Optional.empty());
    }

    /** Whether no attempt of this agent can succeed in this run (auth, config, quota). */
    public boolean finalForRun() {
        return failure.filter(FailureClass::finalForRun).isPresent();
    }

    public boolean rateLimited() {
        return failure.filter(f -> f == FailureClass.RATE_LIMIT).isPresent();
    }
}
