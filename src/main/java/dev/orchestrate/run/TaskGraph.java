package dev.orchestrate.run;

import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.task.Priority;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan's tasks by position (plan order), who depends on whom within the plan, and what follows
 * from it (SPEC §5.3): each task's effective priority level, the most urgent of its own and its
 * dependents', and its remaining critical path. Immutable: the {@link Scheduler}'s fixed input.
 */
final class TaskGraph {

    private final List<PlannedTask> tasks;
    private final Map<String, Integer> index = new HashMap<>();
    private final int[][] dependencies;
    private final int[][] dependents;
    private final int[] topological;
    private final Priority[] level;
    private final double[] remaining;

    TaskGraph(Collection<PlannedTask> planned) {
        this.tasks = List.copyOf(planned);
        int n = tasks.size();
        for (int i = 0; i < n; i++) {
            index.put(tasks.get(i).id(), i);
        }
        dependencies = new int[n][];
        List<List<Integer>> reverse = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            reverse.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            // dependencies outside the plan count as met, and a task never waits for itself
            Set<Integer> deps = new LinkedHashSet<>();
            for (String id : tasks.get(i).allDependencies()) {
                Integer d = index.get(id);
                if (d != null && d != i) {
                    deps.add(d);
                }
            }
            dependencies[i] = deps.stream().mapToInt(Integer::intValue).toArray();
            for (int d : dependencies[i]) {
                reverse.get(d).add(i);
            }
        }
        dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = reverse.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        topological = kahn();

        // effective level: the most urgent of itself and everything that depends on it (SPEC §5.3)
        // (a task in a dependency cycle keeps its own values: it will never be ready anyway)
        level = new Priority[n];
        remaining = new double[n];
        for (int i = 0; i < n; i++) {
            level[i] = tasks.get(i).priority();
            remaining[i] = tasks.get(i).alreadyDone() ? 0 : tasks.get(i).task().estimate();
        }
        for (int k = topological.length - 1; k >= 0; k--) {
            int i = topological[k];
            double heaviest = 0;
            for (int d : dependents[i]) {
                level[i] = level[i].mostUrgent(level[d]);
                heaviest = Math.max(heaviest, remaining[d]);
            }
            remaining[i] += heaviest;
        }
    }

    List<PlannedTask> tasks() {
        return tasks;
    }

    /** The position of the task {@code id}. */
    int indexOf(String id) {
        Integer i = index.get(id);
        if (i == null) {
            throw new IllegalArgumentException("no task " + id + " in the plan");
        }
        return i;
    }

    /** The positions of the tasks that task {@code i} waits for. */
    int[] dependencies(int i) {
        return dependencies[i];
    }

    /** The positions of the tasks that wait for task {@code i}. */
    int[] dependents(int i) {
        return dependents[i];
    }

    /** The positions in an order where every task comes after its dependencies; tasks in a cycle are left out. */
    int[] topologicalOrder() {
        return topological.clone();
    }

    /** The effective priority level of task {@code i}. */
    Priority level(int i) {
        return level[i];
    }

    /** The weight of the heaviest chain of dependents starting at task {@code i}, itself included. */
    double remaining(int i) {
        return remaining[i];
    }

    /** Kahn's order over the dependencies. */
    private int[] kahn() {
        int n = tasks.size();
        int[] indegree = new int[n];
        for (int i = 0; i < n; i++) {
            indegree[i] = dependencies[i].length;
        }
        int[] order = new int[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                order[size++] = i;
            }
        }
        for (int k = 0; k < size; k++) {
            for (int d : dependents[order[k]]) {
                if (--indegree[d] == 0) {
                    order[size++] = d;
                }
            }
        }
        return Arrays.copyOf(order, size);
    }
}
