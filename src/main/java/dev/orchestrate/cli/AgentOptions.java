package dev.orchestrate.cli;

import dev.orchestrate.AgentRequest;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/** The options that bound a run's agent attempts (issue 12): how many at once, and one budget for all. */
public final class AgentOptions {

    @Option(names = "--agent-workers", paramLabel = "N",
            description = "At most N agent attempts at once (1 to --workers; default: --workers); shell tasks use the other workers.")
    Integer agentWorkers;

    @Option(names = "--max-budget-usd", paramLabel = "USD",
            description = "One budget for every agent attempt of the run: no agent attempt starts once the cost the agents report "
                    + "reaches it, and claude is given what is left as its own --max-budget-usd.")
    BigDecimal maxBudgetUsd;

    /**
     * The request, checked against {@code workers}.
     *
     * @throws IllegalArgumentException with the message of a usage error
     */
    AgentRequest request(int workers) {
        if (agentWorkers != null && (agentWorkers < 1 || agentWorkers > workers)) {
            throw new IllegalArgumentException("--agent-workers must be 1 to --workers (" + workers + "), got " + agentWorkers);
        }
        if (maxBudgetUsd != null && maxBudgetUsd.signum() <= 0) {
            throw new IllegalArgumentException("--max-budget-usd must be more than 0, got " + maxBudgetUsd.toPlainString());
        }
        return new AgentRequest(agentWorkers == null ? OptionalInt.empty() : OptionalInt.of(agentWorkers),
                Optional.ofNullable(maxBudgetUsd));
    }
}
