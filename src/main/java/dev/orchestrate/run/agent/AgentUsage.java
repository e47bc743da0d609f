package dev.orchestrate.run.agent;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * What an agent attempt cost, as far as the agent said: every part is optional, and summary.json
 * adds them up across attempts and tasks with {@link #plus}.
 *
 * @param costUsd             Claude's {@code total_cost_usd}
 * @param turns               Claude's {@code num_turns}
 * @param inputTokens         tokens read, cache reads excluded
 * @param outputTokens        tokens written
 * @param cacheReadTokens     tokens read from the prompt cache
 * @param cacheCreationTokens tokens written to the prompt cache
 * @param sessionId           the agent's session id, to resume or look it up
 */
public record AgentUsage(
        Optional<Double> costUsd,
        Optional<Integer> turns,
        Optional<Long> inputTokens,
        Optional<Long> outputTokens,
        Optional<Long> cacheReadTokens,
        Optional<Long> cacheCreationTokens,
        Optional<String> sessionId) {

    public static final AgentUsage NONE = new AgentUsage(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public AgentUsage {
        Objects.requireNonNull(costUsd, "costUsd");
        Objects.requireNonNull(turns, "turns");
        Objects.requireNonNull(inputTokens, "inputTokens");
        Objects.requireNonNull(outputTokens, "outputTokens");
        Objects.requireNonNull(cacheReadTokens, "cacheReadTokens");
        Objects.requireNonNull(cacheCreationTokens, "cacheCreationTokens");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** Whether the agent reported nothing at all. */
    @JsonIgnore
    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * The sum of two usages: a figure is present when either has it; the session id is
     * {@code other}'s when it has one (the later attempt), else this one's.
     */
    public AgentUsage plus(AgentUsage other) {
        return new AgentUsage(
                sum(costUsd, other.costUsd, Double::sum),
                sum(turns, other.turns, Integer::sum),
                sum(inputTokens, other.inputTokens, Long::sum),
                sum(outputTokens, other.outputTokens, Long::sum),
                sum(cacheReadTokens, other.cacheReadTokens, Long::sum),
                sum(cacheCreationTokens, other.cacheCreationTokens, Long::sum),
                other.sessionId.isPresent() ? other.sessionId : sessionId);
    }

    /** The same figures without the session id (a total over several sessions has none). */
    public AgentUsage withoutSessionId() {
        return new AgentUsage(costUsd, turns, inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens, Optional.empty());
    }

    /** The same figures without the turns: an attempt the provider never answered took none, whatever the CLI counted. */
    public AgentUsage withoutTurns() {
        return new AgentUsage(costUsd, Optional.empty(), inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens, sessionId);
    }

    private static <T> Optional<T> sum(Optional<T> a, Optional<T> b, BinaryOperator<T> add) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(add.apply(a.get(), b.get()));
    }
}
