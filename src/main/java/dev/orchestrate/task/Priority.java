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

    /** Reads {@code P0}…{@code P3}, {@code Critical}, {@code High}, {@code Medium}, {@code Low} and friends, also in Japanese, Chinese, Korean and Spanish ({@code 高}, {@code 높음}, {@code Alta}). */
    public static Optional<Priority> parse(String text) {
        String word = text.strip().toLowerCase(Locale.ROOT);
        switch (word) {
            case "p0": case "critical": case "blocker": case "urgent":
            case "最高": case "緊急": case "紧急": case "关键": case "關鍵": case "긴급": case "최고": case "crítica": case "critica": case "urgente":
                return Optional.of(P0);
            case "p1": case "high": case "高": case "높음": case "높은": case "alta": case "alto":
                return Optional.of(P1);
            case "p2": case "medium": case "normal": case "moderate": case "中": case "普通": case "보통": case "중간": case "중": case "media": case "medio":
                return Optional.of(P2);
            case "p3": case "low": case "nice-to-have": case "nice to have": case "minor": case "低": case "낮음": case "낮은": case "baja": case "bajo":
                return Optional.of(P3);
            default: return Optional.empty();
        }
    }
}
