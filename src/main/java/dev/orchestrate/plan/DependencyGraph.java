package dev.orchestrate.plan;

import dev.orchestrate.task.TaskFile;
import dev.orchestrate.task.TaskFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Every task's dependencies by position (explicit then implicit) and a topological order over all of them. */
final class DependencyGraph {

    private static final int[] NONE = new int[0];

    /** {@code dependencies[t]}: the positions of the tasks {@code t} depends on, no duplicates. */
    private final int[][] dependencies;
    /** Every task, each after all it depends on. */
    private final int[] order;

    private DependencyGraph(int[][] dependencies, int[] order) {
        this.dependencies = dependencies;
        this.order = order;
    }

    /** @throws TaskFileException on a dependency cycle */
    static DependencyGraph of(TaskFile file, ResolvedTasks tasks) {
        int[][] dependencies = link(tasks);
        return new DependencyGraph(dependencies, topologicalOrder(file, tasks, dependencies));
    }

    int[] dependencies(int t) {
        return dependencies[t];
    }

    int[] order() {
        return order;
    }

    /** The same graph among the tasks {@code keep} marks, in the same order: the others and the edges to them left out. */
    DependencyGraph among(boolean[] keep) {
        int[][] kept = new int[dependencies.length][];
        for (int t = 0; t < dependencies.length; t++) {
            kept[t] = keep[t] ? kept(dependencies[t], keep) : NONE;
        }
        return new DependencyGraph(kept, kept(order, keep));
    }

    /** The positions {@code keep} marks, in their order; {@code positions} itself when it keeps them all. */
    private static int[] kept(int[] positions, boolean[] keep) {
        int count = 0;
        for (int p : positions) {
            if (keep[p]) {
                count++;
            }
        }
        if (count == positions.length) {
            return positions;
        }
        int[] kept = new int[count];
        int k = 0;
        for (int p : positions) {
            if (keep[p]) {
                kept[k++] = p;
            }
        }
        return kept;
    }

    /** Every dependency by position: explicit first (unknown ids left out), then implicit, no duplicates. */
    private static int[][] link(ResolvedTasks tasks) {
        int[][] deps = new int[tasks.size][];
        for (int i = 0; i < tasks.size; i++) {
            LinkedHashSet<Integer> all = new LinkedHashSet<>();
            for (String id : tasks.tasks.get(i).dependsOn()) {
                Integer d = tasks.index.get(id);
                if (d != null) {
                    all.add(d);
                }
            }
            for (ImplicitDependency dependency : tasks.implicit.get(i)) {
                all.add(tasks.index.get(dependency.taskId()));
            }
            int[] array = new int[all.size()];
            int k = 0;
            for (int d : all) {
                array[k++] = d;
            }
            deps[i] = array;
        }
        return deps;
    }

    /** Kahn's algorithm over every task, done ones included; a cycle is a {@link TaskFileException}. */
    private static int[] topologicalOrder(TaskFile file, ResolvedTasks tasks, int[][] deps) {
        int n = tasks.size;
        int[] remaining = new int[n];
        int[] dependentCount = new int[n];
        for (int i = 0; i < n; i++) {
            remaining[i] = deps[i].length;
            for (int d : deps[i]) {
                dependentCount[d]++;
            }
        }
        int[][] dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = new int[dependentCount[i]];
        }
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            for (int d : deps[i]) {
                dependents[d][fill[d]++] = i;
            }
        }
        int[] order = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (remaining[i] == 0) {
                order[tail++] = i;
            }
        }
        while (head < tail) {
            int t = order[head++];
            for (int next : dependents[t]) {
                if (--remaining[next] == 0) {
                    order[tail++] = next;
                }
            }
        }
        if (tail < n) {
            throw cycle(file, tasks, deps, remaining);
        }
        return order;
    }

    /** Names one cycle among the tasks Kahn's algorithm could not order, in run-before order, from its first task in the file. */
    private static TaskFileException cycle(TaskFile file, ResolvedTasks tasks, int[][] deps, int[] remaining) {
        int start = 0;
        while (remaining[start] == 0) {
            start++;
        }
        Map<Integer, Integer> position = new HashMap<>();
        List<Integer> walk = new ArrayList<>();
        int current = start;
        while (!position.containsKey(current)) {
            position.put(current, walk.size());
            walk.add(current);
            int next = -1;
            for (int d : deps[current]) {
                if (remaining[d] > 0) {
                    next = d;
                    break;
                }
            }
            current = next;
        }
        List<Integer> loop = new ArrayList<>(walk.subList(position.get(current), walk.size()));
        Collections.reverse(loop);
        int first = 0;
        for (int k = 1; k < loop.size(); k++) {
            if (loop.get(k) < loop.get(first)) {
                first = k;
            }
        }
        Collections.rotate(loop, -first);
        StringBuilder names = new StringBuilder();
        for (int t : loop) {
            names.append(tasks.id(t)).append(" → ");
        }
        names.append(tasks.id(loop.get(0)));
        return new TaskFileException(file.path(), tasks.tasks.get(loop.get(0)).line(), "dependency cycle: " + names);
    }
}
