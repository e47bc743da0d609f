package dev.orchestrate.export;

import dev.orchestrate.plan.Group;
import dev.orchestrate.plan.PlannedTask;
import java.util.List;
import java.util.Objects;

/**
 * One CI job of a plan group: the whole group, or one part of it when the group holds more tasks
 * than the engine's matrix allows.
 *
 * @param key      the job's name in the pipeline: {@code group-3}, or {@code group-3-2} for the second part
 * @param groupKey the name of the whole group: {@code group-3}
 * @param part  1-based part number; {@code parts} is how many the group was split into
 */
record CiStage(String key, String groupKey, Group group, List<PlannedTask> tasks, int part, int parts) {

    CiStage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(group, "group");
        tasks = List.copyOf(tasks);
    }

    List<String> ids() {
        return tasks.stream().map(PlannedTask::id).toList();
    }

    /** {@code G3}, or {@code G3 part 2/3}. */
    String title() {
        return group.id() + (parts > 1 ? " part " + part + "/" + parts : "");
    }
}
