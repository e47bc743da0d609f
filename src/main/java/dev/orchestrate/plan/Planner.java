package dev.orchestrate.plan;

import dev.orchestrate.scout.Context;
import dev.orchestrate.task.Dependency;
import dev.orchestrate.task.FileOperation;
import dev.orchestrate.task.FileRef;
import dev.orchestrate.task.Priority;
import dev.orchestrate.task.Task;
import dev.orchestrate.task.TaskFile;
import dev.orchestrate.task.TaskFileException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The task-manager (SPEC §4.2, §5.2, §5.3): resolves file operations, finds the implicit
 * dependencies, checks for cycles, lifts priorities, and cuts the tasks into groups.
 * Linear in tasks + dependencies + files: 10,000 tasks plan in milliseconds.
 */
public final class Planner {

    private static final int RATIONALE_EXAMPLES = 2;

    private final TaskFile file;
    private final Context context;
    private final PlanSettings settings;
    private final List<Task> tasks;
    private final int n;
    private final Map<String, Integer> index;

    // per task, by position in the file
    private final List<List<ImplicitDependency>> implicit = new ArrayList<>();
    private final List<List<PlannedFile>> files = new ArrayList<>();
    private final List<Set<String>> explicit = new ArrayList<>();
    private int[][] deps;
    private final boolean[] active;
    private final Priority[] effective;
    private final int[] level;
    private final int[] waitsFor;
    private final String[] apart;
    private final String[] group;

    private Planner(TaskFile file, Context context, PlanSettings settings) {
        this.file = Objects.requireNonNull(file, "file");
        this.context = Objects.requireNonNull(context, "context");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tasks = file.tasks();
        this.n = tasks.size();
        this.index = new HashMap<>(n * 2);
        this.active = new boolean[n];
        this.effective = new Priority[n];
        this.level = new int[n];
        this.waitsFor = new int[n];
        this.apart = new String[n];
        this.group = new String[n];
    }

    /**
     * Plans the tasks of {@code file}.
     *
     * @throws TaskFileException on a dependency cycle or a task id used twice
     */
    public static ExecutionPlan plan(TaskFile file, Context context, PlanSettings settings) throws TaskFileException {
        return plan(file, context, settings, Clock.systemUTC());
    }

    public static ExecutionPlan plan(TaskFile file, Context context, PlanSettings settings, Clock clock) throws TaskFileException {
        return new Planner(file, context, settings).build(clock);
    }

    private ExecutionPlan build(Clock clock) {
        indexTasks();
        resolveFilesAndImplicitDependencies();
        linkDependencies();
        int[] order = topologicalOrder();
        liftPriorities(order);
        levelTasks(order);
        List<Group> groups = groups();
        List<String> criticalPath = new ArrayList<>();
        double score = criticalPath(order, criticalPath);

        Map<String, PlannedTask> planned = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Task task = tasks.get(i);
            Executor executor = task.command().isPresent() ? Executor.SHELL : Executor.AGENT;
            Duration timeout = task.timeout().orElse(executor == Executor.SHELL ? settings.shellTimeout() : settings.agentTimeout());
            planned.put(task.id(), new PlannedTask(task, active[i] ? effective[i] : task.priority(), implicit.get(i),
                    files.get(i), executor, timeout, active[i] ? group[i] : "", !active[i]));
        }
        return new ExecutionPlan(clock.instant(), file.path(), groups, planned, conflictMap(), criticalPath, score,
                settings.workers());
    }

    private void indexTasks() {
        for (int i = 0; i < n; i++) {
            Task task = tasks.get(i);
            Integer first = index.putIfAbsent(task.id(), i);
            if (first != null) {
                throw new TaskFileException(file.path(), task.line(),
                        "task id " + task.id() + " is used twice (first at line " + tasks.get(first).line() + ")");
            }
            active[i] = !task.done() || settings.includeDone();
        }
    }

    /**
     * SPEC §5.2: an unspecified operation is a modification of a file the project had before the run
     * (git tracks it; outside git, it is on the disk), else the creation
     * by the first task naming it; a creator comes before every later task that modifies, deletes or
     * reads the file. Globs and placeholders are recorded, never locked, never ordered.
     */
    private void resolveFilesAndImplicitDependencies() {
        Map<String, Integer> creator = new HashMap<>();
        Set<String> named = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Task task = tasks.get(i);
            Set<String> stated = new HashSet<>(task.dependsOn());
            Map<String, ImplicitDependency> found = new LinkedHashMap<>();
            for (Dependency dependency : task.orderedAfter()) {
                String id = dependency.taskId();
                if (index.containsKey(id) && !stated.contains(id) && !id.equals(task.id())) {
                    found.putIfAbsent(id, new ImplicitDependency(id, dependency.reason()));
                }
            }
            if (active[i]) {
                orderThroughDoneTasks(i, stated, found);
            }
            List<PlannedFile> resolved = new ArrayList<>(task.files().size());
            Set<String> seen = new HashSet<>();
            for (FileRef ref : task.files()) {
                String path = normalise(ref.path());
                if (!seen.add(path)) {
                    continue;
                }
                FileOperation operation = ref.operation();
                if (!ref.lockable()) {
                    resolved.add(new PlannedFile(path, operation == FileOperation.UNSPECIFIED ? FileOperation.MODIFY : operation, false));
                    continue;
                }
                if (operation == FileOperation.UNSPECIFIED) {
                    boolean exists = context.existedBefore(ref.path()) || !path.equals(ref.path()) && context.existedBefore(path);
                    operation = exists || named.contains(path) ? FileOperation.MODIFY : FileOperation.CREATE;
                }
                named.add(path);
                Integer made = creator.get(path);
                if (made == null && operation == FileOperation.CREATE) {
                    creator.put(path, i);
                } else if (made != null && made != i && operation != FileOperation.CREATE) {
                    String by = tasks.get(made).id();
                    if (!stated.contains(by)) {
                        found.putIfAbsent(by, new ImplicitDependency(by,
                                task.id() + " " + verb(operation) + " " + path + ", created by " + by));
                    }
                }
                resolved.add(new PlannedFile(path, operation, operation.changes()));
            }
            implicit.add(List.copyOf(found.values()));
            files.add(resolved);
            explicit.add(stated);
        }
    }

    /**
     * List order and phases order every task, done ones included: a done task is satisfied, but the
     * place it stands in still orders the others. So an ordering edge to a done task that is not run
     * continues to what that task was ordered after, through every done task, up to the first
     * pending ones ({@code T001 [ ]}, {@code T002 [x]}, {@code T003 [ ]}: T003 waits for T001).
     */
    private void orderThroughDoneTasks(int i, Set<String> stated, Map<String, ImplicitDependency> found) {
        Task task = tasks.get(i);
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        Set<Integer> seen = new HashSet<>();
        for (Dependency dependency : task.orderedAfter()) {
            Integer d = index.get(dependency.taskId());
            if (d != null && !active[d] && seen.add(d)) {
                todo.add(d);
            }
        }
        while (!todo.isEmpty()) {
            Task done = tasks.get(todo.poll());
            for (Dependency dependency : done.orderedAfter()) {
                Integer d = index.get(dependency.taskId());
                if (d == null || d == i || !seen.add(d)) {
                    continue;
                }
                String id = tasks.get(d).id();
                if (!stated.contains(id)) {
                    found.putIfAbsent(id, new ImplicitDependency(id, dependency.reason() + ", through done " + done.id()));
                }
                if (!active[d]) {
                    todo.add(d);
                }
            }
        }
    }

    private static String verb(FileOperation operation) {
        switch (operation) {
            case DELETE: return "deletes";
            case READ: return "reads";
            default: return "modifies";
        }
    }

    /** {@code ./src//a.ts} and {@code src\a.ts} name the same file as {@code src/a.ts}. */
    static String normalise(String path) {
        String p = path.strip().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.contains("//")) {
            p = p.replace("//", "/");
        }
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? path : p;
    }

    /** Every dependency by position: explicit first (unknown ids left out), then implicit, no duplicates. */
    private void linkDependencies() {
        deps = new int[n][];
        for (int i = 0; i < n; i++) {
            Task task = tasks.get(i);
            LinkedHashSet<Integer> all = new LinkedHashSet<>();
            for (String id : task.dependsOn()) {
                Integer d = index.get(id);
                if (d != null) {
                    all.add(d);
                }
            }
            for (ImplicitDependency dependency : implicit.get(i)) {
                all.add(index.get(dependency.taskId()));
            }
            int[] array = new int[all.size()];
            int k = 0;
            for (int d : all) {
                array[k++] = d;
            }
            deps[i] = array;
        }
    }

    /** Kahn's algorithm over every task, done ones included; a cycle is a {@link TaskFileException}. */
    private int[] topologicalOrder() {
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
            throw cycle(remaining);
        }
        return order;
    }

    /** Names one cycle among the tasks Kahn's algorithm could not order, in run-before order, from its first task in the file. */
    private TaskFileException cycle(int[] remaining) {
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
            names.append(tasks.get(t).id()).append(" → ");
        }
        names.append(tasks.get(loop.get(0)).id());
        return new TaskFileException(file.path(), tasks.get(loop.get(0)).line(), "dependency cycle: " + names);
    }

    /** SPEC §5.3: a task runs at the most urgent level of itself and everything that (transitively) needs it. */
    private void liftPriorities(int[] order) {
        for (int i = 0; i < n; i++) {
            effective[i] = tasks.get(i).priority();
        }
        for (int k = n - 1; k >= 0; k--) {
            int t = order[k];
            if (!active[t]) {
                continue;
            }
            for (int d : deps[t]) {
                if (active[d]) {
                    effective[d] = effective[d].mostUrgent(effective[t]);
                }
            }
        }
    }

    /** The topological level of each task inside its priority level; earlier levels are a barrier already. */
    private void levelTasks(int[] order) {
        for (int t : order) {
            waitsFor[t] = -1;
            if (!active[t]) {
                continue;
            }
            int lvl = 0;
            for (int d : deps[t]) {
                if (active[d] && effective[d] == effective[t] && level[d] + 1 > lvl) {
                    lvl = level[d] + 1;
                    waitsFor[t] = d;
                }
            }
            level[t] = lvl;
        }
    }

    /** Priority levels in order, topological levels in order, each split so that no two tasks change one file. */
    private List<Group> groups() {
        List<Map<Integer, List<Integer>>> buckets = new ArrayList<>();
        for (int p = 0; p < Priority.values().length; p++) {
            buckets.add(new HashMap<>());
        }
        int[] depth = new int[Priority.values().length];
        for (int i = 0; i < n; i++) {
            if (active[i]) {
                int p = effective[i].ordinal();
                buckets.get(p).computeIfAbsent(level[i], k -> new ArrayList<>()).add(i);
                depth[p] = Math.max(depth[p], level[i] + 1);
            }
        }
        List<Group> groups = new ArrayList<>();
        Priority previous = null;
        for (Priority priority : Priority.values()) {
            Map<Integer, List<Integer>> levels = buckets.get(priority.ordinal());
            for (int lvl = 0; lvl < depth[priority.ordinal()]; lvl++) {
                List<Integer> members = levels.get(lvl);
                if (members == null) {
                    continue;
                }
                for (List<Integer> part : splitByChangedFiles(members)) {
                    groups.add(group(groups.size() + 1, priority, lvl, part, previous));
                }
            }
            if (!levels.isEmpty()) {
                previous = priority;
            }
        }
        return groups;
    }

    /** Each task goes to the first part after every part that already changes one of its files: linear, never two changers together. */
    private List<List<Integer>> splitByChangedFiles(List<Integer> members) {
        Map<String, Integer> lastPart = new HashMap<>();
        Map<String, Integer> lastTask = new HashMap<>();
        List<List<Integer>> parts = new ArrayList<>();
        for (int t : members) {
            int part = 0;
            String because = null;
            for (PlannedFile f : files.get(t)) {
                if (f.locked()) {
                    Integer used = lastPart.get(f.path());
                    if (used != null && used + 1 > part) {
                        part = used + 1;
                        because = f.path();
                    }
                }
            }
            if (because != null) {
                apart[t] = tasks.get(t).id() + " and " + tasks.get(lastTask.get(because)).id() + " both change " + because;
            }
            for (PlannedFile f : files.get(t)) {
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
            ids.add(tasks.get(t).id());
            group[t] = id;
            for (PlannedFile f : files.get(t)) {
                if (f.locked()) {
                    changed.add(f.path());
                }
            }
        }
        return new Group(id, priority, members.size() > 1, ids, Math.min(members.size(), settings.workers()),
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
            if (waitsFor[t] >= 0) {
                if (waits.size() < RATIONALE_EXAMPLES) {
                    waits.add(tasks.get(t).id() + " waits for " + tasks.get(waitsFor[t]).id() + " (" + why(t, waitsFor[t]) + ")");
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

    /** Why task {@code t} waits for {@code d}: {@code explicit}, or the implicit dependency's reason. */
    private String why(int t, int d) {
        String id = tasks.get(d).id();
        if (explicit.get(t).contains(id)) {
            return "explicit";
        }
        for (ImplicitDependency dependency : implicit.get(t)) {
            if (dependency.taskId().equals(id)) {
                return dependency.reason();
            }
        }
        return "implicit";
    }

    /** Longest chain of active tasks weighted by estimate; returns total work / that chain, capped at the workers. */
    private double criticalPath(int[] order, List<String> path) {
        double[] weight = new double[n];
        int[] previous = new int[n];
        double total = 0;
        int end = -1;
        for (int t : order) {
            previous[t] = -1;
            if (!active[t]) {
                continue;
            }
            double before = 0;
            for (int d : deps[t]) {
                if (active[d] && (weight[d] > before || weight[d] == before && previous[t] >= 0 && d < previous[t])) {
                    before = weight[d];
                    previous[t] = d;
                }
            }
            weight[t] = before + tasks.get(t).estimate();
            total += tasks.get(t).estimate();
            if (end < 0 || weight[t] > weight[end] || weight[t] == weight[end] && t < end) {
                end = t;
            }
        }
        if (end < 0) {
            return 1.0;
        }
        List<String> reversed = new ArrayList<>();
        for (int t = end; t >= 0; t = previous[t]) {
            reversed.add(tasks.get(t).id());
        }
        Collections.reverse(reversed);
        path.addAll(reversed);
        return Math.min(total / weight[end], settings.workers());
    }

    /** Files changed (and so locked) by more than one task that runs, with those tasks in file order. */
    private Map<String, List<String>> conflictMap() {
        Map<String, List<String>> changers = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (!active[i]) {
                continue;
            }
            for (PlannedFile f : files.get(i)) {
                if (f.locked()) {
                    changers.computeIfAbsent(f.path(), k -> new ArrayList<>(2)).add(tasks.get(i).id());
                }
            }
        }
        changers.values().removeIf(ids -> ids.size() < 2);
        return changers;
    }
}
