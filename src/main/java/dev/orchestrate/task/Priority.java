package dev.orchestrate.task;

import java.util.Locale;
import java.util.Optional;

/** How urgent a task is; levels run in this order (SPEC §5.3). */
public enum Priority {
    P0("critical"),
    P1("high"),
    P2("medium"),
    P3("nice-to-have");

    private final String label;

    Priority(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Priority defaultPriority() {
        return P2;
    }

    /** The more urgent of the two. */
    public Priority mostUrgent(Priority other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** Reads {@code P0}…{@code P3}, {@code Critical}, {@code High}, {@code Medium}, {@code Low} and friends. */
    public static Optional<Priority> parse(String text) {
        String word = text.strip().toLowerCase(Locale.ROOT);
        switch (word) {
            case "p0": case "critical": case "blocker": case "urgent": return Optional.of(P0);
            case "p1": case "high": return Optional.of(P1);
            case "p2": case "medium": case "normal": case "moderate": return Optional.of(P2);
            case "p3": case "low": case "nice-to-have": case "nice to have": case "minor": return Optional.of(P3);
            default: return Optional.empty();
        }
    }
}
