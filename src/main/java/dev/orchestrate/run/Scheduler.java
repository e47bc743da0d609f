package dev.orchestrate.run;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Group;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.task.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The scheduling state of a run (SPEC §5.2–§5.3): which tasks wait for dependencies, which stage
 * (priority level, or group under {@link Schedule#GROUPS}) is open, which tasks are ready and in
 * what order a free worker takes them. Pure bookkeeping, no processes and no clock of its own:
 * owned by the coordinator thread alone.
 */
final class Scheduler {

    /**
     * WAITING for dependencies; PARKED until its stage opens; READY on the queue; TAKEN off the queue by
     * the coordinator, which starts it, defers it or puts it back; DEFERRED until a lock is released;
     * NOT_RUN when it will not be started in this run (its agent cannot run, the agent budget is spent).
     */
    enum State { WAITING, PARKED, READY, TAKEN, DEFERRED, RUNNING, COMPLETED, FAILED, SKIPPED, ALREADY_DONE, NOT_RUN }

    /** A task skipped because tasks it waited for were given up. */
    record Skip(String task, List<String> blockedBy) {
    }

    /** Every task of a group has ended. */
    record GroupDone(String group, int tasks, Duration duration) {
    }

    private final TaskGraph graph;
    private final List<PlannedTask> tasks;
    private final int[] stage;
    private final State[] state;
    private final int[] unmetDependencies;
    private final int[] unendedInStage;
    private final List<List<Integer>> parkedInStage = new ArrayList<>();
    private int currentStage;
    private final PriorityQueue<Integer> ready;
    private final List<String> groupIds = new ArrayList<>();
    private final int[] groupOf;
    private final int[] groupSize;
    private final int[] unendedInGroup;
    private final Instant[] groupStart;
    private final List<GroupDone> groupsDone = new ArrayList<>();

    Scheduler(ExecutionPlan plan, Schedule schedule) {
        graph = new TaskGraph(plan.tasks().values());
        tasks = graph.tasks();
        int n = tasks.size();
        int[] topological = graph.topologicalOrder();

        groupOf = new int[n];
        Map<String, Integer> groupIndex = new HashMap<>();
        for (Group group : plan.groups()) {
            groupIndex.putIfAbsent(group.id(), groupIds.size());
            if (groupIds.size() == groupIndex.get(group.id())) {
                groupIds.add(group.id());
            }
        }
        for (int i = 0; i < n; i++) {
            String group = tasks.get(i).group();
            Integer g = groupIndex.get(group);
            if (g == null) {
                g = groupIds.size();
                groupIndex.put(group, g);
                groupIds.add(group);
            }
            groupOf[i] = g;
        }

        stage = new int[n];
        for (int i = 0; i < n; i++) {
            stage[i] = schedule == Schedule.GROUPS ? groupOf[i] : graph.level(i).ordinal();
        }
        if (schedule == Schedule.GROUPS) { // a group never waits for a later one
            for (int i : topological) {
                for (int d : graph.dependencies(i)) {
                    stage[i] = Math.max(stage[i], stage[d]);
                }
            }
        }
        int stages = Arrays.stream(stage).max().orElse(0) + 1;
        unendedInStage = new int[stages];
        for (int s = 0; s < stages; s++) {
            parkedInStage.add(new ArrayList<>());
        }

        groupSize = new int[groupIds.size()];
        unendedInGroup = new int[groupIds.size()];
        groupStart = new Instant[groupIds.size()];
        state = new State[n];
        unmetDependencies = new int[n];
        ready = new PriorityQueue<>(Math.max(1, n), (a, b) -> {
            int byPath = Double.compare(graph.remaining(b), graph.remaining(a));
            return byPath != 0 ? byPath : Integer.compare(a, b);
        });
        for (int i = 0; i < n; i++) {
            if (tasks.get(i).alreadyDone()) {
                state[i] = State.ALREADY_DONE;
            } else {
                state[i] = State.WAITING;
                unendedInStage[stage[i]]++;
                groupSize[groupOf[i]]++;
                unendedInGroup[groupOf[i]]++;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int d : graph.dependencies(i)) {
                if (state[d] != State.ALREADY_DONE) {
                    unmetDependencies[i]++;
                }
            }
        }
        currentStage = 0;
        while (currentStage < stages && unendedInStage[currentStage] == 0) {
            currentStage++;
        }
        for (int i = 0; i < n; i++) {
            if (state[i] == State.WAITING && unmetDependencies[i] == 0) {
                eligible(i);
            }
        }
    }

    PlannedTask task(String id) {
        return tasks.get(indexOf(id));
    }

    List<PlannedTask> tasks() {
        return tasks;
    }

    State state(String id) {
        return state[indexOf(id)];
    }

    /** The effective priority level of a task. */
    Priority level(String id) {
        return graph.level(indexOf(id));
    }

    /** The weight of the heaviest chain of dependents starting at this task, itself included. */
    double remainingCriticalPath(String id) {
        return graph.remaining(indexOf(id));
    }

    boolean hasReady() {
        return !ready.isEmpty();
    }

    /** The ready task a free worker should take next: longest remaining critical path, then file order. */
    Optional<String> nextReady() {
        Integer i = ready.poll();
        if (i == null) {
            return Optional.empty();
        }
        state[i] = State.TAKEN;
        return Optional.of(tasks.get(i).id());
    }

    /** The ready tasks in the order workers would take them (a copy; for tests and status boards). */
    List<String> readyInOrder() {
        List<Integer> copy = new ArrayList<>(ready);
        copy.sort(ready.comparator());
        return copy.stream().map(i -> tasks.get(i).id()).toList();
    }

    void started(String id, Instant at) {
        int i = indexOf(id);
        state[i] = State.RUNNING;
        if (groupStart[groupOf[i]] == null) {
            groupStart[groupOf[i]] = at;
        }
    }

    /** The task waits for a lock; {@link #ready(String)} puts it back. */
    void deferred(String id) {
        state[indexOf(id)] = State.DEFERRED;
    }

    /** Back on the ready queue: after a deferral, a failed attempt to retry, or an attempt that never ran. */
    void ready(String id) {
        int i = indexOf(id);
        if (state[i] == State.TAKEN || state[i] == State.DEFERRED || state[i] == State.RUNNING) {
            state[i] = State.READY;
            ready.add(i);
        }
    }

    void completed(String id, Instant at) {
        int i = indexOf(id);
        end(i, State.COMPLETED, at);
        for (int d : graph.dependents(i)) {
            if (state[d] == State.WAITING && --unmetDependencies[d] == 0) {
                eligible(d);
            }
        }
        openStages();
    }

    /** Gives the task up and skips every task that depends on it, directly or not. */
    List<Skip> givenUp(String id, Instant at) {
        return endAndSkipDependents(id, State.FAILED, at);
    }

    /** The task will not run in this run: it ends, and every task that depends on it is skipped. */
    List<Skip> notRun(String id, Instant at) {
        return endAndSkipDependents(id, State.NOT_RUN, at);
    }

    private List<Skip> endAndSkipDependents(String id, State how, Instant at) {
        int i = indexOf(id);
        end(i, how, at);
        List<Skip> skipped = new ArrayList<>();
        Deque<Integer> pending = new ArrayDeque<>();
        for (int d : graph.dependents(i)) {
            pending.add(d);
        }
        while (!pending.isEmpty()) {
            int d = pending.poll();
            if (state[d] != State.WAITING && state[d] != State.PARKED) {
                continue;
            }
            end(d, State.SKIPPED, at);
            skipped.add(new Skip(tasks.get(d).id(), givenUpAncestors(d)));
            for (int next : graph.dependents(d)) {
                pending.add(next);
            }
        }
        openStages();
        return skipped;
    }

    /** Groups whose last task ended since the last call. */
    List<GroupDone> drainGroupsDone() {
        List<GroupDone> done = List.copyOf(groupsDone);
        groupsDone.clear();
        return done;
    }

    /**
     * The P0 tasks given up, once every task of effective level P0 that was to run has been given
     * up or skipped; empty before, and in a plan with no such task.
     */
    Optional<List<String>> everyP0GivenUp() {
        List<String> failed = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < tasks.size(); i++) {
            if (graph.level(i) != Priority.P0 || tasks.get(i).alreadyDone()) {
                continue;
            }
            any = true;
            if (state[i] != State.FAILED && state[i] != State.SKIPPED) {
                return Optional.empty();
            }
            if (state[i] == State.FAILED) {
                failed.add(tasks.get(i).id());
            }
        }
        return any ? Optional.of(failed) : Optional.empty();
    }

    /** Whether every task has ended (completed, given up, skipped or done before the run). */
    boolean allEnded() {
        return currentStage >= unendedInStage.length;
    }

    /** The tasks that have not ended, in plan order. */
    List<String> unended() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            if (!ended(state[i])) {
                ids.add(tasks.get(i).id());
            }
        }
        return ids;
    }

    static boolean ended(State state) {
        return state == State.COMPLETED || state == State.FAILED || state == State.SKIPPED || state == State.ALREADY_DONE
                || state == State.NOT_RUN;
    }

    private void eligible(int i) {
        if (stage[i] == currentStage) {
            state[i] = State.READY;
            ready.add(i);
        } else {
            state[i] = State.PARKED;
            parkedInStage.get(stage[i]).add(i);
        }
    }

    private void end(int i, State how, Instant at) {
        state[i] = how;
        unendedInStage[stage[i]]--;
        int g = groupOf[i];
        if (--unendedInGroup[g] == 0) {
            Instant start = groupStart[g] == null ? at : groupStart[g];
            groupsDone.add(new GroupDone(groupIds.get(g), groupSize[g], Duration.between(start, at)));
        }
    }

    private void openStages() {
        while (currentStage < unendedInStage.length && unendedInStage[currentStage] == 0) {
            currentStage++;
            if (currentStage < unendedInStage.length) {
                List<Integer> parked = parkedInStage.get(currentStage);
                for (int i : parked) {
                    if (state[i] == State.PARKED) {
                        state[i] = State.READY;
                        ready.add(i);
                    }
                }
                parked.clear();
            }
        }
    }

    private List<String> givenUpAncestors(int task) {
        List<String> found = new ArrayList<>();
        boolean[] seen = new boolean[tasks.size()];
        Deque<Integer> pending = new ArrayDeque<>();
        pending.add(task);
        while (!pending.isEmpty()) {
            for (int d : graph.dependencies(pending.poll())) {
                if (!seen[d]) {
                    seen[d] = true;
                    if (state[d] == State.FAILED || state[d] == State.NOT_RUN) {
                        found.add(tasks.get(d).id());
                    } else {
                        pending.add(d);
                    }
                }
            }
        }
        found.sort((a, b) -> Integer.compare(indexOf(a), indexOf(b)));
        return found;
    }

    private int indexOf(String id) {
        return graph.indexOf(id);
    }
}
