package dev.orchestrate.plan;

import dev.orchestrate.task.Priority;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Cuts the tasks that run into groups: priority levels in order, topological levels in order, each
 * split so that no two tasks change one file; every group says why it is where it is.
 */
final class GroupCutter {

    private static final int RATIONALE_EXAMPLES = 2;

    private final ResolvedTasks tasks;
    private final PriorityLevels levels;
    private final int workers;
    /** Per task, why it was kept apart from a task of its level, or null. */
    private final String[] apart;
    /** Per task that runs, the id of its group. */
    private final String[] groupOf;
    private final List<Group> groups = new ArrayList<>();

    private GroupCutter(ResolvedTasks tasks, PriorityLevels levels, int workers) {
        this.tasks = tasks;
        this.levels = levels;
        this.workers = workers;
        this.apart = new String[tasks.size];
        this.groupOf = new String[tasks.size];
    }

    static GroupCutter cut(ResolvedTasks tasks, PriorityLevels levels, int workers) {
        GroupCutter cutter = new GroupCutter(tasks, levels, workers);
        cutter.cutAll();
        return cutter;
    }

    List<Group> groups() {
        return groups;
    }

    /** The id of the group task {@code t} runs in. */
    String groupOf(int t) {
        return groupOf[t];
    }

    private void cutAll() {
        List<Map<Integer, List<Integer>>> buckets = new ArrayList<>();
        for (int p = 0; p < Priority.values().length; p++) {
            buckets.add(new HashMap<>());
        }
        int[] depth = new int[Priority.values().length];
        for (int i = 0; i < tasks.size; i++) {
            if (tasks.active[i]) {
                int p = levels.effective[i].ordinal();
                buckets.get(p).computeIfAbsent(levels.level[i], k -> new ArrayList<>()).add(i);
                depth[p] = Math.max(depth[p], levels.level[i] + 1);
            }
        }
        Priority previous = null;
        for (Priority priority : Priority.values()) {
            Map<Integer, List<Integer>> byLevel = buckets.get(priority.ordinal());
            for (int lvl = 0; lvl < depth[priority.ordinal()]; lvl++) {
                List<Integer> members = byLevel.get(lvl);
                if (members == null) {
                    continue;
                }
                for (List<Integer> part : splitByChangedFiles(members)) {
                    groups.add(group(groups.size() + 1, priority, lvl, part, previous));
                }
            }
            if (!byLevel.isEmpty()) {
                previous = priority;
            }
        }
    }

    /** Each task goes to the first part after every part that already changes one of its files: linear, never two changers together. */
    private List<List<Integer>> splitByChangedFiles(List<Integer> members) {
        Map<String, Integer> lastPart = new HashMap<>();
        Map<String, Integer> lastTask = new HashMap<>();
        List<List<Integer>> parts = new ArrayList<>();
        for (int t : members) {
            int part = 0;
            String because = null;
            for (PlannedFile f : tasks.files.get(t)) {
                if (f.locked()) {
                    Integer used = lastPart.get(f.path());
                    if (used != null && used + 1 > part) {
                        part = used + 1;
                        because = f.path();
                    }
                }
            }
            if (because != null) {
                apart[t] = tasks.id(t) + " and " + tasks.id(lastTask.get(because)) + " both change " + because;
            }
            for (PlannedFile f : tasks.files.get(t)) {
                if (f.locked()) {
                    Integer used = lastPart.get(f.path());
                    if (used == null || used < part) {
                        lastPart.put(f.path(), part);
                        lastTask.put(f.path(), t);
                    }
                }
            }
            while (parts.size() <= part) {
                parts.add(new ArrayList<>());
            }
            parts.get(part).add(t);
        }
        return parts;
    }

    private Group group(int number, Priority priority, int lvl, List<Integer> members, Priority previous) {
        String id = "G" + number;
        List<String> ids = new ArrayList<>(members.size());
        LinkedHashSet<String> changed = new LinkedHashSet<>();
        for (int t : members) {
            ids.add(tasks.id(t));
            groupOf[t] = id;
            for (PlannedFile f : tasks.files.get(t)) {
                if (f.locked()) {
                    changed.add(f.path());
                }
            }
        }
        return new Group(id, priority, members.size() > 1, ids, Math.min(members.size(), workers),
                List.copyOf(changed), rationale(priority, lvl, members, previous));
    }

    private String rationale(Priority priority, int lvl, List<Integer> members, Priority previous) {
        List<String> parts = new ArrayList<>();
        parts.add(members.size() == 1 ? "1 " + priority + " task" : members.size() + " independent " + priority + " tasks");
        if (lvl == 0 && previous != null) {
            parts.add("after every " + previous + " task");
        }
        List<String> waits = new ArrayList<>();
        int moreWaits = 0;
        String split = null;
        for (int t : members) {
            int waitsFor = levels.waitsFor[t];
            if (waitsFor >= 0) {
                if (waits.size() < RATIONALE_EXAMPLES) {
                    waits.add(tasks.id(t) + " waits for " + tasks.id(waitsFor) + " (" + tasks.why(t, waitsFor) + ")");
                } else {
                    moreWaits++;
                }
            }
            if (split == null && apart[t] != null) {
                split = "kept apart: " + apart[t];
            }
        }
        parts.addAll(waits);
        if (moreWaits > 0) {
            parts.add(moreWaits + " more wait for earlier tasks");
        }
        if (split != null) {
            parts.add(split);
        }
        return String.join("; ", parts);
    }
}
