package dev.orchestrate.event;

import dev.orchestrate.run.agent.AgentUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The summary's "Agent cost" line: what the agents reported, added up. */
final class AgentCost {

    private AgentCost() {
    }

    /** {@code $0.42 of $1.00 spent}: the reported cost against {@code --max-budget-usd}. */
    static String spentOf(java.util.Optional<AgentUsage> usage, java.math.BigDecimal budget) {
        double spent = usage.flatMap(AgentUsage::costUsd).orElse(0.0);
        return String.format(Locale.ROOT, "$%.2f of $%.2f spent", spent, budget);
    }

    /** {@code $0.42, 37 turns, 120,431 tokens in, 8,210 out}, or {@code not reported by the agent}. */
    static String describe(AgentUsage usage) {
        List<String> parts = new ArrayList<>();
        usage.costUsd().ifPresent(cost -> parts.add(String.format(Locale.ROOT, "$%.2f", cost)));
        usage.turns().ifPresent(turns -> parts.add(HumanTime.plural(turns, "turn")));
        long in = usage.inputTokens().orElse(0L) + usage.cacheReadTokens().orElse(0L) + usage.cacheCreationTokens().orElse(0L);
        if (usage.inputTokens().isPresent() || usage.cacheReadTokens().isPresent() || usage.cacheCreationTokens().isPresent()) {
            parts.add(String.format(Locale.ROOT, "%,d tokens in", in));
        }
        usage.outputTokens().ifPresent(out -> parts.add(String.format(Locale.ROOT, "%,d out", out)));
        return parts.isEmpty() ? "not reported by the agent" : String.join(", ", parts);
    }
}
