package dev.orchestrate.plan;

import dev.orchestrate.task.Priority;

/**
 * Where each task that runs stands: its effective priority (SPEC §5.3) and its topological level
 * inside that priority, with the dependency that put it there.
 */
final class PriorityLevels {

    /** The most urgent priority of the task and of everything that (transitively) needs it. */
    final Priority[] effective;
    /** The topological level inside the task's priority level; earlier priority levels are a barrier already. */
    final int[] level;
    /** The dependency that set the task's level, or -1 on level 0. */
    final int[] waitsFor;

    private PriorityLevels(int n) {
        effective = new Priority[n];
        level = new int[n];
        waitsFor = new int[n];
    }

    static PriorityLevels of(ResolvedTasks tasks, DependencyGraph graph) {
        PriorityLevels levels = new PriorityLevels(tasks.size);
        levels.liftPriorities(tasks, graph);
        levels.levelTasks(tasks, graph);
        return levels;
    }

    /** SPEC §5.3: a task runs at the most urgent level of itself and everything that (transitively) needs it. */
    private void liftPriorities(ResolvedTasks tasks, DependencyGraph graph) {
        boolean[] active = tasks.active;
        int[] order = graph.order();
        for (int i = 0; i < tasks.size; i++) {
            effective[i] = tasks.tasks.get(i).priority();
        }
        for (int k = order.length - 1; k >= 0; k--) {
            int t = order[k];
            if (!active[t]) {
                continue;
            }
            for (int d : graph.dependencies(t)) {
                if (active[d]) {
                    effective[d] = effective[d].mostUrgent(effective[t]);
                }
            }
        }
    }

    private void levelTasks(ResolvedTasks tasks, DependencyGraph graph) {
        boolean[] active = tasks.active;
        for (int t : graph.order()) {
            waitsFor[t] = -1;
            if (!active[t]) {
                continue;
            }
            int lvl = 0;
            for (int d : graph.dependencies(t)) {
                if (active[d] && effective[d] == effective[t] && level[d] + 1 > lvl) {
                    lvl = level[d] + 1;
                    waitsFor[t] = d;
                }
            }
            level[t] = lvl;
        }
    }
}
