package dev.orchestrate.scout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How many files fall under each name (a language, a folder), counted in one pass. */
final class Tally {

    private final Map<String, Count> counts = new HashMap<>();

    /** A mutable counter, so that counting a file is one lookup and no boxing. */
    private static final class Count {
        int value;
    }

    void add(String name) {
        counts.computeIfAbsent(name, k -> new Count()).value++;
    }

    /** The count of {@code name}; 0 if nothing was counted under it. */
    int count(String name) {
        Count count = counts.get(name);
        return count == null ? 0 : count.value;
    }

    boolean contains(String name) {
        return counts.containsKey(name);
    }

    Set<String> names() {
        return counts.keySet();
    }

    /** The name with the highest count (the first met among equals), if any. */
    Optional<String> largest() {
        return counts.entrySet().stream()
                .max(Comparator.comparingInt((Map.Entry<String, Count> e) -> e.getValue().value))
                .map(Map.Entry::getKey);
    }

    /** Every name with its count, highest first, equal counts by name. */
    Map<String, Integer> sorted() {
        List<String> names = new ArrayList<>(counts.keySet());
        names.sort(largestFirst());
        Map<String, Integer> sorted = new LinkedHashMap<>();
        names.forEach(name -> sorted.put(name, counts.get(name).value));
        return sorted;
    }

    /** Orders names by count, highest first, equal counts by name. */
    Comparator<String> largestFirst() {
        return Comparator.comparingInt((String name) -> -count(name)).thenComparing(Comparator.naturalOrder());
    }
}
