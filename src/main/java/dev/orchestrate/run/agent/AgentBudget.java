package dev.orchestrate.run.agent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One budget for every agent attempt of a run ({@code --max-budget-usd}): the cost the agents
 * report is added up as their attempts end; once it reaches the budget no agent attempt starts,
 * and an agent that takes a cap of its own (claude {@code --max-budget-usd}) is given what is left.
 *
 * <p>Shared by the worker threads (which add what their attempts cost, read what is left) and the
 * coordinator (which asks whether it is spent): every method is synchronized, none blocks.
 */
public final class AgentBudget {

    private final BigDecimal max;
    private BigDecimal spent = BigDecimal.ZERO;

    public AgentBudget(BigDecimal max) {
        Objects.requireNonNull(max, "max");
        if (max.signum() <= 0) {
            throw new IllegalArgumentException("a budget must be more than 0: " + max);
        }
        this.max = max;
    }

    public BigDecimal max() {
        return max;
    }

    /** Adds what an attempt reported it cost; nothing when it reported no cost. */
    public synchronized void spend(Optional<Double> costUsd) {
        costUsd.filter(cost -> cost > 0 && Double.isFinite(cost)).ifPresent(cost -> spent = spent.add(BigDecimal.valueOf(cost)));
    }

    public synchronized BigDecimal spent() {
        return spent;
    }

    /** What may still be spent, never below zero. */
    public synchronized BigDecimal left() {
        BigDecimal left = max.subtract(spent);
        return left.signum() < 0 ? BigDecimal.ZERO : left;
    }

    /** Whether the reported cost has reached the budget. */
    public synchronized boolean reached() {
        return spent.compareTo(max) >= 0;
    }

    /** What is left as a CLI argument: dollars, rounded down to the cent-hundredth ({@code 0.4173}). */
    public String leftArgument() {
        return left().setScale(4, RoundingMode.DOWN).stripTrailingZeros().toPlainString();
    }

    /** {@code $0.42 of $1.00}. */
    public String describe() {
        return dollars(spent()) + " of " + dollars(max);
    }

    public static String dollars(BigDecimal amount) {
        return "$" + String.format(Locale.ROOT, "%.2f", amount);
    }
}
