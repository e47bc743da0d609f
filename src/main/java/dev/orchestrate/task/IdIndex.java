package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ids of one task file and how text refers to them: {@code T012}, {@code T12}, {@code T012a}, {@code TODO-035},
 * {@code 2.1}, ranges {@code T004-T006} / {@code T004–T008} / {@code 7.8..7.10}, and for dotted files a
 * parent number ({@code 2}) standing for every task under it. Ranges are answered from sorted maps,
 * so a reference costs what it returns, not the size of the file.
 */
final class IdIndex {

    /** One id-like token found in text. {@code targets} is empty when it names no task of the file. */
    record Reference(int start, int end, String written, List<Integer> targets) {

        boolean known() {
            return !targets.isEmpty();
        }
    }

    /** The parsed shape of an id: letters (with their hyphen) then dotted numbers. */
    private record Shape(String prefix, long[] parts, int end) {

        String key() {
            StringBuilder b = new StringBuilder(prefix).append('#');
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    b.append('.');
                }
                b.append(parts[i]);
            }
            return b.toString();
        }
    }

    private static final int MAX_DIGITS = 9;
    private static final int MAX_PREFIX = 12;

    private final List<String> ids;
    private final int[] lines;
    private final Map<String, List<Integer>> exact = new HashMap<>();
    private final Map<String, List<Integer>> byKey = new HashMap<>();
    private final Map<String, List<Integer>> leavesUnder = new HashMap<>();
    private final Map<String, NavigableMap<long[], List<Integer>>> sorted = new HashMap<>();
    private final Set<String> prefixes = new HashSet<>();
    private final Set<String> renamed = new HashSet<>();

    /**
     * @param ids     final ids, in file order
     * @param written the ids as the file wrote them (differs from {@code ids} for renamed duplicates)
     * @param lines   the 1-based line of each task
     */
    IdIndex(List<String> ids, List<String> written, int[] lines) {
        this.ids = ids;
        this.lines = lines;
        for (int i = 0; i < ids.size(); i++) {
            exact.computeIfAbsent(ids.get(i).toUpperCase(Locale.ROOT), k -> new ArrayList<>(1)).add(i);
            if (!ids.get(i).equals(written.get(i))) {
                renamed.add(ids.get(i).toUpperCase(Locale.ROOT));
            }
            Shape shape = shape(written.get(i), 0, true);
            if (shape == null || shape.end != written.get(i).length()) {
                continue;
            }
            prefixes.add(shape.prefix);
            byKey.computeIfAbsent(shape.key(), k -> new ArrayList<>(1)).add(i);
            sorted.computeIfAbsent(shape.prefix, p -> new TreeMap<>(Arrays::compare))
                    .computeIfAbsent(shape.parts, k -> new ArrayList<>(1)).add(i);
            for (int depth = 1; depth < shape.parts.length; depth++) {
                Shape parent = new Shape(shape.prefix, Arrays.copyOf(shape.parts, depth), 0);
                leavesUnder.computeIfAbsent(parent.key(), k -> new ArrayList<>()).add(i);
            }
        }
    }

    String id(int task) {
        return ids.get(task);
    }

    /** Whether the file's ids are bare dotted numbers ({@code 2.1}), where a lone number means little. */
    boolean numericIds() {
        return prefixes.contains("");
    }

    /**
     * Every id-like token of the file's kinds in {@code text}, resolved: exact ids, ids written
     * without their leading zeros, ranges, parents of dotted ids. {@code line} (1-based) picks the
     * nearest earlier task when a duplicated id is named.
     */
    List<Reference> scan(String text, int line) {
        List<Reference> found = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!isWordChar(c)) {
                i++;
                continue;
            }
            if (i > 0 && isWordChar(text.charAt(i - 1))) {
                i = skipWord(text, i);
                continue;
            }
            int renamedEnd = renamedIdEnd(text, i);
            if (renamedEnd > 0) {
                List<Integer> t = exact.get(text.substring(i, renamedEnd).toUpperCase(Locale.ROOT));
                found.add(new Reference(i, renamedEnd, text.substring(i, renamedEnd), List.copyOf(t)));
                i = renamedEnd;
                continue;
            }
            Shape first = shape(text, i, false);
            if (first != null && first.prefix.isEmpty() && i > 0 && "-._/#".indexOf(text.charAt(i - 1)) >= 0) {
                first = null;
            }
            if (first == null || !prefixes.contains(first.prefix)) {
                i = Math.max(i + 1, skipWord(text, i));
                continue;
            }
            int end = first.end;
            Shape last = null;
            int afterDash = rangeContinuation(text, end);
            if (afterDash > 0) {
                Shape second = shape(text, afterDash, false);
                if (second == null && !first.prefix.isEmpty()) {
                    Shape bare = shape(text, afterDash, false, "");
                    if (bare != null && bare.prefix.isEmpty() && bare.parts.length == first.parts.length) {
                        second = new Shape(first.prefix, bare.parts, bare.end);
                    }
                }
                if (second != null && second.prefix.equals(first.prefix)) {
                    last = second;
                    end = second.end;
                }
            }
            String written = text.substring(i, end);
            List<Integer> targets = last == null ? resolve(first, line) : range(first, last);
            found.add(new Reference(i, end, written, targets));
            i = end;
        }
        return found;
    }

    private List<Integer> resolve(Shape shape, int line) {
        List<Integer> hits = byKey.get(shape.key());
        if (hits != null) {
            return List.of(nearest(hits, line));
        }
        List<Integer> leaves = leavesUnder.get(shape.key());
        if (leaves != null) {
            return List.copyOf(leaves);
        }
        return List.of();
    }

    /** Of several tasks with one id, the last one starting at or before the line, else the first. */
    private int nearest(List<Integer> hits, int line) {
        int best = hits.get(0);
        for (int task : hits) {
            if (lines[task] <= line) {
                best = task;
            }
        }
        return best;
    }

    private List<Integer> range(Shape from, Shape to) {
        NavigableMap<long[], List<Integer>> all = sorted.get(from.prefix);
        if (all == null) {
            return List.of();
        }
        long[] lo = from.parts;
        long[] hi = to.parts;
        if (Arrays.compare(lo, hi) > 0) {
            long[] swap = lo;
            lo = hi;
            hi = swap;
        }
        if (leavesUnder.containsKey(new Shape(from.prefix, hi, 0).key())) {
            hi = Arrays.copyOf(hi, hi.length + 1);
            hi[hi.length - 1] = Long.MAX_VALUE;
        }
        List<Integer> out = new ArrayList<>();
        for (List<Integer> tasks : all.subMap(lo, true, hi, true).values()) {
            out.addAll(tasks);
        }
        return out;
    }

    /** Where the second id of a range starts ({@code -}, {@code –}, {@code —}, {@code ..}, {@code to}), or -1. */
    private static int rangeContinuation(String text, int end) {
        int i = end;
        int n = text.length();
        while (i < n && text.charAt(i) == ' ') {
            i++;
        }
        if (i >= n) {
            return -1;
        }
        char c = text.charAt(i);
        if (c == '-' || c == '–' || c == '—' || c == '~') {
            i++;
        } else if (c == '.' && i + 1 < n && text.charAt(i + 1) == '.') {
            i += 2;
            if (i < n && text.charAt(i) == '.') {
                i++;
            }
        } else if (text.startsWith("to ", i) || text.startsWith("through ", i) || text.startsWith("thru ", i)) {
            i = text.indexOf(' ', i) + 1;
        } else {
            return -1;
        }
        while (i < n && text.charAt(i) == ' ') {
            i++;
        }
        return i < n && isWordChar(text.charAt(i)) ? i : -1;
    }

    /** The end of a renamed duplicate's id ({@code T007-2}) starting at i, or -1. */
    private int renamedIdEnd(String text, int i) {
        int dash = i;
        while (dash < text.length() && isWordChar(text.charAt(dash))) {
            dash++;
        }
        if (dash >= text.length() || text.charAt(dash) != '-') {
            return -1;
        }
        int k = dash + 1;
        while (k < text.length() && text.charAt(k) >= '0' && text.charAt(k) <= '9') {
            k++;
        }
        if (k == dash + 1 || (k < text.length() && isWordChar(text.charAt(k)))) {
            return -1;
        }
        return renamed.contains(text.substring(i, k).toUpperCase(Locale.ROOT)) ? k : -1;
    }

    private static Shape shape(String text, int i, boolean whole) {
        return shape(text, i, whole, null);
    }

    /**
     * Reads {@code LETTERS[-]digits(.digits)*} at i; the letters may be absent. Null when the text
     * there is not id-shaped or the word goes on past it.
     */
    private static Shape shape(String text, int i, boolean whole, String forcePrefix) {
        int n = text.length();
        int k = i;
        while (k < n && isAsciiLetter(text.charAt(k)) && k - i <= MAX_PREFIX) {
            k++;
        }
        if (k - i > MAX_PREFIX) {
            return null;
        }
        String prefix = text.substring(i, k).toUpperCase(Locale.ROOT);
        if (forcePrefix != null && !prefix.isEmpty()) {
            return null;
        }
        if (k < n && (text.charAt(k) == '-' || text.charAt(k) == '_') && !prefix.isEmpty()
                && k + 1 < n && isDigit(text.charAt(k + 1))) {
            prefix = prefix + '-';
            k++;
        }
        List<Long> parts = new ArrayList<>(2);
        while (true) {
            int digits = k;
            while (k < n && isDigit(text.charAt(k))) {
                k++;
            }
            if (k == digits || k - digits > MAX_DIGITS) {
                return null;
            }
            parts.add(Long.parseLong(text.substring(digits, k)));
            if (k + 1 < n && text.charAt(k) == '.' && isDigit(text.charAt(k + 1))) {
                k++;
                continue;
            }
            break;
        }
        if (!prefix.isEmpty() && k < n && text.charAt(k) >= 'a' && text.charAt(k) <= 'z'
                && (k + 1 == n || !isWordChar(text.charAt(k + 1)))) {
            // T012a, inserted after T012: a negative last part sorts it after T012 and before T012.1 and T013
            parts.add((long) ('a' - text.charAt(k) - 1));
            k++;
        }
        if (k < n && isWordChar(text.charAt(k))) {
            return null;
        }
        if (whole && k != n) {
            return null;
        }
        long[] p = new long[parts.size()];
        for (int j = 0; j < p.length; j++) {
            p[j] = parts.get(j);
        }
        return new Shape(prefix, p, k);
    }

    private static int skipWord(String text, int i) {
        int k = i;
        while (k < text.length() && isWordChar(text.charAt(k))) {
            k++;
        }
        return k;
    }

    private static boolean isWordChar(char c) {
        return isAsciiLetter(c) || isDigit(c);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
