package dev.orchestrate.run.agent;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What bounds the agent attempts of a run, beyond the workers: how many may run at once
 * ({@code --agent-workers}), one budget for all of them ({@code --max-budget-usd}), and the agent
 * they run, to say in one line why the run stopped starting them.
 *
 * @param workers at most this many agent attempts at once; empty: as many as there are workers
 * @param budget  the run's budget, shared with the executor that passes what is left to the CLI
 * @param command the agent's command, when the run has one
 */
public record AgentLimits(OptionalInt workers, Optional<AgentBudget> budget, Optional<AgentCommand> command) {

    public static final AgentLimits NONE = new AgentLimits(OptionalInt.empty(), Optional.empty(), Optional.empty());

    public AgentLimits {
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(command, "command");
        if (workers.isPresent() && workers.getAsInt() < 1) {
            throw new IllegalArgumentException("agent workers must be 1 or more: " + workers.getAsInt());
        }
    }
}
