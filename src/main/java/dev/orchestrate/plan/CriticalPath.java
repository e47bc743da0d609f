package dev.orchestrate.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The longest chain of tasks that run, weighted by estimate, and the parallelism it allows: total
 * work over that chain, capped at the workers (1.0 when nothing runs).
 */
record CriticalPath(List<String> tasks, double score) {

    CriticalPath {
        tasks = List.copyOf(tasks);
    }

    /** {@code runs}: the dependency graph among the tasks that run. */
    static CriticalPath of(ResolvedTasks resolved, DependencyGraph runs, int workers) {
        double[] weight = new double[resolved.size];
        int[] previous = new int[resolved.size];
        Arrays.fill(previous, -1);
        double total = 0;
        int end = -1;
        for (int t : runs.order()) {
            double before = 0;
            for (int d : runs.dependencies(t)) {
                if (weight[d] > before || weight[d] == before && previous[t] >= 0 && d < previous[t]) {
                    before = weight[d];
                    previous[t] = d;
                }
            }
            double estimate = resolved.tasks.get(t).estimate();
            weight[t] = before + estimate;
            total += estimate;
            if (end < 0 || weight[t] > weight[end] || weight[t] == weight[end] && t < end) {
                end = t;
            }
        }
        if (end < 0) {
            return new CriticalPath(List.of(), 1.0);
        }
        List<String> chain = new ArrayList<>();
        for (int t = end; t >= 0; t = previous[t]) {
            chain.add(resolved.id(t));
        }
        Collections.reverse(chain);
        return new CriticalPath(chain, Math.min(total / weight[end], workers));
    }
}
