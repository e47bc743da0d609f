package dev.orchestrate.cli;

import dev.orchestrate.AgentRequest;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/** The agent a run hands its agent tasks to, and what bounds its attempts (issue 12): how many at once, and one budget for all. */
final class AgentOptions {

    @Option(names = "--agent", paramLabel = "CMD",
            description = "Coding-agent command for tasks with no shell command: claude, codex, aider, gemini, or a command line.")
    String agent;

    @Option(names = "--agent-workers", paramLabel = "N",
            description = "At most N agent attempts at once (1 to --workers; default: --workers); shell tasks use the other workers.")
    Integer agentWorkers;

    @Option(names = "--max-budget-usd", paramLabel = "USD",
            description = "One budget for every agent attempt of the run: no agent attempt starts once the cost the agents report "
                    + "reaches it, and claude is given what is left as its own --max-budget-usd.")
    BigDecimal maxBudgetUsd;

    /** @throws IllegalArgumentException with the message of a usage error */
    AgentRequest request() {
        return new AgentRequest(Optional.ofNullable(agent),
                agentWorkers == null ? OptionalInt.empty() : OptionalInt.of(agentWorkers), Optional.ofNullable(maxBudgetUsd));
    }
}
