package dev.orchestrate.run.agent;

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
 */
public record AgentAttempt(Optional<FailureClass> failure, AgentUsage usage, List<String> changedOutside, int promptBytes) {

    public AgentAttempt {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(usage, "usage");
        changedOutside = List.copyOf(changedOutside);
    }

    public boolean rateLimited() {
        return failure.filter(f -> f == FailureClass.RATE_LIMIT).isPresent();
    }
}
