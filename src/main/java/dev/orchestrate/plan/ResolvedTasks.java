package dev.orchestrate.plan;

import dev.orchestrate.scout.Context;
import dev.orchestrate.task.Dependency;
import dev.orchestrate.task.FileOperation;
import dev.orchestrate.task.FileRef;
import dev.orchestrate.task.Task;
import dev.orchestrate.task.TaskFile;
import dev.orchestrate.task.TaskFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tasks of a file by position, each with its files resolved (SPEC §5.2) and the implicit
 * dependencies those files and the file's order give it. The later planning steps read it by position.
 */
final class ResolvedTasks {

    final List<Task> tasks;
    final int size;
    /** Task id → position in the file. */
    final Map<String, Integer> index;
    /** Whether the task runs: not done, or done tasks included. */
    final boolean[] active;
    /** Per task, the dependencies not stated in the file, with the reason for each. */
    final List<List<ImplicitDependency>> implicit = new ArrayList<>();
    /** Per task, its files, normalised, each with its resolved operation. */
    final List<List<PlannedFile>> files = new ArrayList<>();
    /** Per task, the ids it states it depends on. */
    final List<Set<String>> explicit = new ArrayList<>();

    private ResolvedTasks(List<Task> tasks) {
        this.tasks = tasks;
        this.size = tasks.size();
        this.index = new HashMap<>(size * 2);
        this.active = new boolean[size];
    }

    /** @throws TaskFileException on a task id used twice */
    static ResolvedTasks resolve(TaskFile file, Context context, boolean includeDone) {
        ResolvedTasks resolved = new ResolvedTasks(file.tasks());
        resolved.indexTasks(file, includeDone);
        resolved.resolveFilesAndImplicitDependencies(context);
        return resolved;
    }

    String id(int t) {
        return tasks.get(t).id();
    }

    private void indexTasks(TaskFile file, boolean includeDone) {
        for (int i = 0; i < size; i++) {
            Task task = tasks.get(i);
            Integer first = index.putIfAbsent(task.id(), i);
            if (first != null) {
                throw new TaskFileException(file.path(), task.line(),
                        "task id " + task.id() + " is used twice (first at line " + tasks.get(first).line() + ")");
            }
            active[i] = !task.done() || includeDone;
        }
    }

    /**
     * SPEC §5.2: an unspecified operation is a modification of a file the project had before the run
     * (git tracks it; outside git, it is on the disk), else the creation
     * by the first task naming it; a creator comes before every later task that modifies, deletes or
     * reads the file. Globs and placeholders are recorded, never locked, never ordered.
     */
    private void resolveFilesAndImplicitDependencies(Context context) {
        Map<String, Integer> creator = new HashMap<>();
        Set<String> named = new HashSet<>();
        for (int i = 0; i < size; i++) {
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
        ArrayDeque<Integer> todo = new ArrayDeque<>();
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

    /** Why task {@code t} waits for {@code d}: {@code explicit}, or the implicit dependency's reason. */
    String why(int t, int d) {
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

    /** Files changed (and so locked) by more than one task that runs, with those tasks in file order. */
    Map<String, List<String>> sharedChangedFiles() {
        Map<String, List<String>> changers = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
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
