package dev.orchestrate.task;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** How urgent a task is; levels run in this order (SPEC §5.3). */
public enum Priority {
    P0("critical", List.of("p0", "critical", "blocker", "urgent",
            "最高", "緊急", "紧急", "关键", "關鍵", "긴급", "최고", "crítica", "critica", "urgente")),
    P1("high", List.of("p1", "high", "高", "높음", "높은", "alta", "alto")),
    P2("medium", List.of("p2", "medium", "normal", "moderate", "中", "普通", "보통", "중간", "중", "media", "medio")),
    P3("nice-to-have", List.of("p3", "low", "nice-to-have", "nice to have", "minor", "低", "낮음", "낮은", "baja", "bajo"));

    private static final Map<String, Priority> BY_WORD = Arrays.stream(values())
            .flatMap(priority -> priority.words.stream().map(word -> Map.entry(word, priority)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private final String label;
    private final List<String> words;

    Priority(String label, List<String> words) {
        this.label = label;
        this.words = words;
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
        return Optional.ofNullable(BY_WORD.get(text.strip().toLowerCase(Locale.ROOT)));
    }

    /** {@code P0}…{@code P3}, levels beyond P3 read as P3; or a word such as {@code High}. */
    static Optional<Priority> ofWord(String word) {
        String w = word.strip();
        if (w.length() >= 2 && (w.charAt(0) == 'P' || w.charAt(0) == 'p') && allDigits(w, 1)) {
            return Optional.of(ofLevel(w.substring(1)));
        }
        return parse(w);
    }

    /** The priority of the digits after a {@code P}: {@code 0} is P0, {@code 007} P3, anything past 3 P3. */
    static Priority ofLevel(String digits) {
        if (digits.length() > 1) {
            int zeros = 0;
            while (zeros < digits.length() - 1 && digits.charAt(zeros) == '0') {
                zeros++;
            }
            String trimmed = digits.substring(zeros);
            return trimmed.length() > 1 ? P3 : ofLevel(trimmed);
        }
        switch (digits.charAt(0)) {
            case '0': return P0;
            case '1': return P1;
            case '2': return P2;
            default: return P3;
        }
    }

    private static boolean allDigits(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
