package dev.orchestrate;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the user asked of the agent attempts beyond {@code --agent} (issue 12).
 *
 * @param agentWorkers  {@code --agent-workers}: at most this many agent attempts at once; empty: {@code --workers}
 * @param maxBudgetUsd  {@code --max-budget-usd}: one budget for every agent attempt of the run
 */
public record AgentRequest(OptionalInt agentWorkers, Optional<BigDecimal> maxBudgetUsd) {

    public static final AgentRequest NONE = new AgentRequest(OptionalInt.empty(), Optional.empty());

    public AgentRequest {
        Objects.requireNonNull(agentWorkers, "agentWorkers");
        Objects.requireNonNull(maxBudgetUsd, "maxBudgetUsd");
        if (agentWorkers.isPresent() && agentWorkers.getAsInt() < 1) {
            throw new IllegalArgumentException("agent workers must be 1 or more: " + agentWorkers.getAsInt());
        }
        if (maxBudgetUsd.isPresent() && maxBudgetUsd.get().signum() <= 0) {
            throw new IllegalArgumentException("the budget must be more than 0: " + maxBudgetUsd.get());
        }
    }
}
