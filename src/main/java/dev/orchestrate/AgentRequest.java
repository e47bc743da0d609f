package dev.orchestrate;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the user asked of the agent attempts (issue 12).
 *
 * @param command       {@code --agent}: the coding-agent command for tasks with no shell command
 * @param agentWorkers  {@code --agent-workers}: at most this many agent attempts at once; empty: {@code --workers}
 *                      (its range depends on the workers: {@link RunRequest.Execution} checks it)
 * @param maxBudgetUsd  {@code --max-budget-usd}: one budget for every agent attempt of the run
 */
public record AgentRequest(Optional<String> command, OptionalInt agentWorkers, Optional<BigDecimal> maxBudgetUsd) {

    public AgentRequest {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(agentWorkers, "agentWorkers");
        Objects.requireNonNull(maxBudgetUsd, "maxBudgetUsd");
        if (command.isPresent() && command.get().isBlank()) {
            throw new IllegalArgumentException("--agent needs a command or a profile name (claude, codex, aider, gemini)");
        }
        if (maxBudgetUsd.isPresent() && maxBudgetUsd.get().signum() <= 0) {
            throw new IllegalArgumentException("--max-budget-usd must be more than 0, got " + maxBudgetUsd.get().toPlainString());
        }
    }

    /** Only {@code --agent}, as {@code export} passes it on. */
    public static AgentRequest command(Optional<String> command) {
        return new AgentRequest(command, OptionalInt.empty(), Optional.empty());
    }
}
