package dev.orchestrate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What every plan must satisfy, whatever the tasks (SPEC §4.2, §5.2, §5.3). */
final class PlanInvariants {

    private PlanInvariants() {
    }

    static void check(ExecutionPlan plan) {
        Map<String, Integer> groupIndex = new HashMap<>();
        for (int g = 0; g < plan.groups().size(); g++) {
            Group group = plan.groups().get(g);
            assertThat(group.id()).isEqualTo("G" + (g + 1));
            assertThat(group.parallel()).isEqualTo(group.tasks().size() > 1);
            assertThat(group.workersNeeded()).isEqualTo(Math.min(group.tasks().size(), plan.workers()));
            Set<String> changed = new HashSet<>();
            for (String id : group.tasks()) {
                assertThat(groupIndex.put(id, g)).as("%s is in one group only", id).isNull();
                PlannedTask task = plan.task(id);
                assertThat(task.group()).isEqualTo(group.id());
                assertThat(task.priority()).isEqualTo(group.priority());
                for (String path : task.lockedPaths()) {
                    assertThat(changed.add(path)).as("%s changes %s, already changed in %s", id, path, group.id()).isTrue();
                }
            }
            if (g > 0) {
                assertThat(group.priority()).as("levels run in order").isGreaterThanOrEqualTo(plan.groups().get(g - 1).priority());
            }
        }
        for (PlannedTask task : plan.tasks().values()) {
            if (task.alreadyDone()) {
                assertThat(groupIndex).doesNotContainKey(task.id());
                assertThat(task.status()).isEqualTo("done");
                continue;
            }
            assertThat(groupIndex).containsKey(task.id());
            for (String dependency : task.allDependencies()) {
                PlannedTask before = plan.task(dependency);
                if (!before.alreadyDone()) {
                    assertThat(groupIndex.get(dependency)).as("%s runs before %s", dependency, task.id())
                            .isLessThan(groupIndex.get(task.id()));
                    assertThat(before.priority()).as("%s is at least as urgent as %s", dependency, task.id())
                            .isLessThanOrEqualTo(task.priority());
                }
            }
            assertThat(task.priority()).as("never less urgent than declared").isLessThanOrEqualTo(task.task().priority());
        }
        for (Map.Entry<String, List<String>> conflict : plan.conflictMap().entrySet()) {
            assertThat(conflict.getValue()).hasSizeGreaterThan(1);
            assertThat(conflict.getValue()).allSatisfy(id -> assertThat(plan.task(id).lockedPaths()).contains(conflict.getKey()));
        }
        List<String> path = plan.criticalPath();
        for (int k = 1; k < path.size(); k++) {
            assertThat(plan.task(path.get(k)).allDependencies()).contains(path.get(k - 1));
        }
        if (!groupIndex.isEmpty()) {
            assertThat(plan.parallelismScore()).isBetween(1.0, (double) plan.workers());
        }
    }
}
