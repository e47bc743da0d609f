package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ordering list order implies (SPEC §5.2). Phases are barriers: every task of a phase waits for
 * every task of the phases before it. Inside a phase an unmarked task waits for every task before
 * it, and a {@code [P]} task only for the unmarked tasks before it.
 *
 * <p>The edges written are the fewest with the same transitive meaning, so a 10,000-task file makes
 * about as many edges as tasks: an unmarked task waits for the last unmarked task before it and the
 * {@code [P]} tasks since; a {@code [P]} task waits for the last unmarked task; the first tasks of a
 * phase (its leading {@code [P]} tasks, else its first task) wait for the last tasks of the previous
 * phase (its last unmarked task and the {@code [P]} tasks after it). Only when a phase that ends with many {@code [P]}
 * tasks is followed by one that starts with many would that be a product; then one of the last
 * tasks stands for the others, and a warning says so.
 */
final class Phases {

    /** Above this many edges across one phase boundary, one task carries the barrier (see class comment). */
    static final int MAX_BARRIER_EDGES = 1024;

    private Phases() {
    }

    /**
     * Gives each task the phase of the heading section it is in. Phases are the {@code Phase …}
     * headings when there are any, else the shallowest heading level that splits the tasks into
     * two or more sections; deeper headings ({@code ### Tests for User Story 1}) stay inside.
     *
     * @param maxLevel the deepest heading level that may be a phase (above the task headings)
     */
    static void byHeadings(Document doc, List<RawTask> tasks, int maxLevel) {
        if (tasks.isEmpty() || maxLevel < 1) {
            return;
        }
        int level = 0;
        Map<Integer, Boolean> phaseHeading = new java.util.HashMap<>();
        Set<Integer> walked = new HashSet<>();
        for (RawTask task : tasks) {
            for (int h = enclosing(doc, task); h >= 0 && walked.add(h); h = doc.parentHeading(h)) {
                int l = doc.headingLevel(h);
                if (l <= maxLevel && phaseHeading.computeIfAbsent(h, k -> HeadingText.isPhase(doc.headingText(k)))) {
                    level = level == 0 ? l : Math.min(level, l);
                }
            }
        }
        if (level == 0) {
            for (int l = 1; l <= maxLevel && level == 0; l++) {
                Set<Integer> seen = new HashSet<>();
                for (RawTask task : tasks) {
                    int h = doc.enclosingHeading(enclosing(doc, task) < 0 ? task.startLine : enclosing(doc, task), l);
                    if (h >= 0) {
                        seen.add(h);
                    }
                }
                if (seen.size() >= 2) {
                    level = l;
                }
            }
        }
        if (level == 0) {
            return;
        }
        Map<Integer, String> labels = new java.util.HashMap<>();
        Map<Integer, List<String>> declared = new java.util.HashMap<>();
        for (RawTask task : tasks) {
            int from = enclosing(doc, task);
            int h = from < 0 ? -1 : doc.enclosingHeading(from, level);
            task.phaseKey = h;
            task.phaseLabel = h < 0 ? "the tasks before the first phase"
                    : labels.computeIfAbsent(h, k -> HeadingText.phaseLabel(doc.headingText(k)));
            if (h >= 0) {
                if (!declared.containsKey(h)) {
                    declared.put(h, declaredPhases(doc, h, task.startLine));
                }
                task.phaseAfter = declared.get(h);
            }
        }
    }

    private static final java.util.regex.Pattern DEPENDENCIES_LINE = java.util.regex.Pattern.compile(
            "(?i)^[\\s>*_-]*(?:dependencies|depends on|depends|prerequisites|requires)[*_]*\\s*:[*_]*\\s*(?<value>.+)$");
    private static final java.util.regex.Pattern PHASE_NUMBERS = java.util.regex.Pattern.compile(
            "(?i)\\bphases?\\s+(?<numbers>\\d+(?:\\.\\d+)?(?:\\s*(?:,|&|/|and)\\s*(?:phase\\s+)?\\d+(?:\\.\\d+)?)*)");
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("\\d+(?:\\.\\d+)?");

    /**
     * The phases a phase says it depends on, on a {@code **Dependencies**: Phases 41, 42 complete} line
     * between its heading and its first task; null when it names none (then it follows the phase before it).
     */
    private static List<String> declaredPhases(Document doc, int heading, int firstTask) {
        for (int line = heading + 1; line < firstTask && line < doc.size(); line++) {
            if (doc.headingLevel(line) > 0) {
                return null;
            }
            java.util.regex.Matcher m = DEPENDENCIES_LINE.matcher(doc.text(line));
            if (!m.find()) {
                continue;
            }
            List<String> numbers = new ArrayList<>();
            java.util.regex.Matcher phases = PHASE_NUMBERS.matcher(m.group("value"));
            while (phases.find()) {
                java.util.regex.Matcher n = NUMBER.matcher(phases.group("numbers"));
                while (n.find()) {
                    numbers.add(n.group());
                }
            }
            return numbers.isEmpty() ? null : List.copyOf(numbers);
        }
        return null;
    }

    /** {@code 41} of the label {@code phase 41}, or null. */
    private static String phaseNumber(String label) {
        return label != null && label.startsWith("phase ") && !label.startsWith("phase \"") ? label.substring(6) : null;
    }

    /** The heading whose section holds the task (for a heading task, the heading above its own). */
    private static int enclosing(Document doc, RawTask task) {
        return task.heading ? doc.parentHeading(task.startLine) : doc.sectionHeading(task.startLine);
    }

    /** Each step after the previous one. */
    static List<List<Dependency>> sequence(List<String> ids) {
        List<List<Dependency>> after = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            after.add(i == 0 ? new ArrayList<>() : new ArrayList<>(List.of(new Dependency(ids.get(i - 1), "list order"))));
        }
        return after;
    }

    /**
     * The phase and list-order edges of every task.
     *
     * @param warnings receives a line (1-based) and message when a barrier is carried by one task
     */
    static List<List<Dependency>> order(List<RawTask> tasks, List<String> ids, Warnings warnings) {
        return order(tasks, ids, warnings, true);
    }

    /**
     * @param listOrder whether list order inside a phase is a dependency; without it every task of a
     *                  phase stands side by side, as if marked {@code [P]}, and phases stay barriers
     */
    static List<List<Dependency>> order(List<RawTask> tasks, List<String> ids, Warnings warnings, boolean listOrder) {
        List<List<Dependency>> after = new ArrayList<>(tasks.size());
        Map<Object, List<Integer>> phases = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            after.add(new ArrayList<>(2));
            Object key = tasks.get(i).phaseKey == null ? "" : tasks.get(i).phaseKey;
            phases.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        List<Integer> previousSinks = List.of();
        String previousLabel = null;
        Map<String, List<Integer>> sinksOfPhase = new java.util.HashMap<>();
        for (List<Integer> phase : phases.values()) {
            String label = tasks.get(phase.get(0)).phaseLabel;
            String within = label == null ? "list order" : "list order in " + label;
            String barrier = label + " follows " + previousLabel;
            List<String> declared = tasks.get(phase.get(0)).phaseAfter;
            if (declared != null && !previousSinks.isEmpty() && declared.stream().allMatch(sinksOfPhase::containsKey)) {
                List<Integer> named = new ArrayList<>();
                declared.forEach(number -> named.addAll(sinksOfPhase.get(number)));
                previousSinks = named;
                previousLabel = "phase " + String.join(", ", declared);
                barrier = label + " depends on " + previousLabel;
            }
            List<Integer> roots = new ArrayList<>();
            int lastUnmarked = -1;
            List<Integer> markedSince = new ArrayList<>();
            for (int t : phase) {
                boolean marked = tasks.get(t).parallel || !listOrder;
                if (lastUnmarked < 0 && (marked || roots.isEmpty())) {
                    roots.add(t);
                }
                if (marked) {
                    if (lastUnmarked >= 0) {
                        after.get(t).add(new Dependency(ids.get(lastUnmarked), within));
                    }
                    markedSince.add(t);
                } else {
                    if (lastUnmarked >= 0) {
                        after.get(t).add(new Dependency(ids.get(lastUnmarked), within));
                    }
                    for (int m : markedSince) {
                        after.get(t).add(new Dependency(ids.get(m), within));
                    }
                    lastUnmarked = t;
                    markedSince = new ArrayList<>();
                }
            }
            if (!previousSinks.isEmpty()) {
                if ((long) roots.size() * previousSinks.size() > MAX_BARRIER_EDGES) {
                    int hub = previousSinks.get(previousSinks.size() - 1);
                    for (int s : previousSinks) {
                        if (s != hub) {
                            after.get(hub).add(new Dependency(ids.get(s), previousLabelOf(tasks, hub) + " ends before " + label));
                        }
                    }
                    for (int r : roots) {
                        after.get(r).add(0, new Dependency(ids.get(hub), barrier));
                    }
                    warnings.add(tasks.get(roots.get(0)).startLine + 1, String.format(
                            "%s starts with %d tasks marked [P] after %d at the end of %s: they wait for %s, which waits for the other %d (keeps the plan small)",
                            label, roots.size(), previousSinks.size(), previousLabel, ids.get(hub), previousSinks.size() - 1));
                } else {
                    for (int r : roots) {
                        List<Dependency> barrierEdges = new ArrayList<>(previousSinks.size());
                        for (int s : previousSinks) {
                            barrierEdges.add(new Dependency(ids.get(s), barrier));
                        }
                        after.get(r).addAll(0, barrierEdges);
                    }
                }
            }
            List<Integer> sinks = new ArrayList<>(markedSince.size() + 1);
            if (lastUnmarked >= 0) {
                sinks.add(lastUnmarked);
            }
            sinks.addAll(markedSince);
            previousSinks = sinks;
            previousLabel = label;
            String number = phaseNumber(label);
            if (number != null) {
                sinksOfPhase.putIfAbsent(number, sinks);
            }
        }
        return after;
    }

    private static String previousLabelOf(List<RawTask> tasks, int task) {
        String label = tasks.get(task).phaseLabel;
        return label == null ? "its phase" : label;
    }
}
