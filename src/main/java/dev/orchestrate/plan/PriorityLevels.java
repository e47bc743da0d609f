package dev.orchestrate.plan;

import dev.orchestrate.task.Priority;
import java.util.Arrays;

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

    /** {@code runs}: the dependency graph among the tasks that run. */
    static PriorityLevels of(ResolvedTasks tasks, DependencyGraph runs) {
        PriorityLevels levels = new PriorityLevels(tasks.size);
        levels.liftPriorities(tasks, runs);
        levels.levelTasks(runs);
        return levels;
    }

    /** SPEC §5.3: a task runs at the most urgent level of itself and everything that (transitively) needs it. */
    private void liftPriorities(ResolvedTasks tasks, DependencyGraph runs) {
        int[] order = runs.order();
        for (int i = 0; i < tasks.size; i++) {
            effective[i] = tasks.tasks.get(i).priority();
        }
        for (int k = order.length - 1; k >= 0; k--) {
            int t = order[k];
            for (int d : runs.dependencies(t)) {
                effective[d] = effective[d].mostUrgent(effective[t]);
            }
        }
    }

    private void levelTasks(DependencyGraph runs) {
        Arrays.fill(waitsFor, -1);
        for (int t : runs.order()) {
            int lvl = 0;
            for (int d : runs.dependencies(t)) {
                if (effective[d] == effective[t] && level[d] + 1 > lvl) {
                    lvl = level[d] + 1;
                    waitsFor[t] = d;
                }
            }
            level[t] = lvl;
        }
    }
}
