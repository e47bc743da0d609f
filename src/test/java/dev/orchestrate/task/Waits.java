package dev.orchestrate.task;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a task waits for, directly or through others, over explicit and ordering edges alike. */
final class Waits {

    private final Map<String, Task> byId;

    private Waits(TaskFile file) {
        this.byId = file.tasks().stream().collect(Collectors.toMap(Task::id, Function.identity()));
    }

    static Waits in(TaskFile file) {
        return new Waits(file);
    }

    /** Whether {@code task} cannot start before {@code other} has ended. */
    boolean waitsFor(String task, String other) {
        return closure(task).contains(other);
    }

    Set<String> closure(String task) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(direct(task));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(direct(next));
            }
        }
        return seen;
    }

    private List<String> direct(String task) {
        Task t = byId.get(task);
        if (t == null) {
            throw new AssertionError("no task " + task);
        }
        List<String> all = new java.util.ArrayList<>(t.dependsOn());
        t.orderedAfter().forEach(d -> all.add(d.taskId()));
        return all;
    }
}
