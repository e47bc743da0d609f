package dev.orchestrate.merge;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.Attempt;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskResult;
import dev.orchestrate.run.TaskStatus;
import dev.orchestrate.task.Priority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The session folders of several jobs (a CI run that gave each task its own job) read as one run:
 * one plan, and for each task the result of the job that ran it. A task no job ran is worked out
 * as a local run would have ended it: skipped, blocked by the given-up tasks it waits for; not run
 * once every P0 task was given up (SPEC §5.6) or when no job reported it; already done when the file
 * says so. Attempts keep their times; their worker becomes the job, so the timeline has a row per job.
 *
 * @param plan    every task any of the sessions planned, in the order of the largest plan
 * @param result  the merged result, in plan order
 * @param sources  for each task with a result of its own, the session it came from (for its log)
 * @param sessions how many session folders were read
 * @param changes  the {@value #CHANGES} files of the sessions, in the plan order of the tasks they ran
 */
public record SessionMerge(ExecutionPlan plan, RunResult result, Map<String, SavedSession> sources, int sessions,
                           List<Path> changes) {

    /** What a CI job's task changed in the project, as a binary git diff; the jobs after it apply it first. */
    public static final String CHANGES = "changes.patch";

    /** How deep below a folder given on the command line session folders are looked for. */
    static final int SEARCH_DEPTH = 4;

    public SessionMerge {
        sources = Map.copyOf(sources);
        changes = List.copyOf(changes);
    }

    /**
     * Reads the session folders in {@code inputs}: each a session folder itself, or a folder holding
     * session folders (as a CI artifact download leaves them).
     *
     * @throws IllegalArgumentException naming the folder when an input does not exist or a session file cannot be read
     */
    public static SessionMerge of(List<Path> inputs) {
        List<SavedSession> sessions = new ArrayList<>();
        for (Path dir : find(inputs)) {
            sessions.add(SavedSession.read(dir));
        }
        return ofSessions(sessions);
    }

    /** The session folders in {@code inputs}, in a stable order (by path). */
    static List<Path> find(List<Path> inputs) {
        Set<Path> found = new LinkedHashSet<>();
        for (Path input : inputs) {
            Path dir = input.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(input + ": no such folder");
            }
            if (SavedSession.isSession(dir)) {
                found.add(dir);
                continue;
            }
            List<Path> below = new ArrayList<>();
            search(dir, SEARCH_DEPTH, below);
            below.sort(Comparator.naturalOrder());
            found.addAll(below);
        }
        return List.copyOf(found);
    }

    private static void search(Path dir, int depth, List<Path> found) {
        if (depth == 0) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                if (SavedSession.isSession(child)) {
                    found.add(child);
                } else {
                    search(child, depth - 1, found);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    static SessionMerge ofSessions(List<SavedSession> sessions) {
        ExecutionPlan plan = mergedPlan(sessions);
        Map<String, SavedSession> sources = new HashMap<>();
        Map<String, TaskResult> chosen = new HashMap<>();
        Map<Path, String> jobNames = jobNames(sessions);
        for (SavedSession session : sessions) {
            for (TaskResult r : session.results().values()) {
                TaskResult current = chosen.get(r.id());
                if (current == null || better(r, current)) {
                    chosen.put(r.id(), asJob(r, session, jobNames.get(session.dir())));
                    sources.put(r.id(), session);
                }
            }
        }
        chosen.values().removeIf(r -> r.status() == TaskStatus.NOT_RUN || r.status() == TaskStatus.ALREADY_DONE);
        sources.keySet().retainAll(chosen.keySet());

        Optional<String> critical = everyP0GivenUp(plan, chosen);
        Map<String, TaskResult> results = new LinkedHashMap<>();
        for (PlannedTask task : plan.tasks().values()) {
            results.put(task.id(), resultOf(task, plan, chosen, results, critical));
        }
        Instant start = sessions.stream().flatMap(s -> s.startedAt().stream()).min(Comparator.naturalOrder())
                .orElseGet(() -> attemptTimes(results).min(Comparator.naturalOrder()).orElse(Instant.EPOCH));
        Instant end = Stream.concat(sessions.stream().flatMap(s -> s.endedAt().stream()), attemptTimes(results))
                .max(Comparator.naturalOrder()).orElse(start);
        Set<String> jobs = new HashSet<>();
        results.values().forEach(r -> r.attempts().forEach(a -> jobs.add(a.worker())));
        boolean interrupted = sessions.stream().anyMatch(SavedSession::interrupted);
        RunResult result = new RunResult(start, end.isBefore(start) ? start : end, results, jobs.size(), critical, interrupted);
        return new SessionMerge(plan, result, sources, sessions.size(), changes(plan, sessions));
    }

    /** Each session's changes file, ordered by the earliest group (then file position) of the tasks it ran. */
    private static List<Path> changes(ExecutionPlan plan, List<SavedSession> sessions) {
        Map<String, Integer> groupIndex = new HashMap<>();
        for (int i = 0; i < plan.groups().size(); i++) {
            for (String id : plan.groups().get(i).tasks()) {
                groupIndex.put(id, i);
            }
        }
        List<String> order = new ArrayList<>(plan.tasks().keySet());
        record Keyed(Path file, int group, int position) {
        }
        List<Keyed> keyed = new ArrayList<>();
        for (SavedSession s : sessions) {
            Path file = s.dir().resolve(CHANGES);
            if (!Files.isRegularFile(file) || size(file) == 0) {
                continue; // a task that changed nothing leaves an empty diff, which git apply refuses
            }
            List<String> ran = s.results().values().stream().filter(r -> !r.attempts().isEmpty()).map(TaskResult::id).toList();
            int group = ran.stream().mapToInt(id -> groupIndex.getOrDefault(id, Integer.MAX_VALUE)).min().orElse(Integer.MAX_VALUE);
            int position = ran.stream().mapToInt(order::indexOf).filter(i -> i >= 0).min().orElse(Integer.MAX_VALUE);
            keyed.add(new Keyed(file, group, position));
        }
        keyed.sort(Comparator.comparingInt(Keyed::group).thenComparingInt(Keyed::position).thenComparing(Keyed::file));
        return keyed.stream().map(Keyed::file).toList();
    }

    /** Whether every dependency of {@code taskId} completed (or was done before), so it may run now; else why not. */
    public Optional<String> blocked(String taskId) {
        PlannedTask task = plan.tasks().get(taskId);
        if (task == null) {
            return sessions == 0 ? Optional.of("no earlier job left a session folder") : Optional.empty();
        }
        if (result.criticalFailure().isPresent()) {
            return Optional.of("the run stopped: " + result.criticalFailure().get());
        }
        List<String> waiting = new ArrayList<>();
        for (String dependency : task.allDependencies()) {
            TaskResult r = result.tasks().get(dependency);
            if (r != null && r.status() != TaskStatus.COMPLETED && r.status() != TaskStatus.ALREADY_DONE) {
                waiting.add(dependency + " (" + r.status().jsonName().replace('_', ' ') + ")");
            }
        }
        return waiting.isEmpty() ? Optional.empty() : Optional.of("waits for " + String.join(", ", waiting));
    }

    /** The log of a task in the session its result came from. */
    public Optional<Path> log(String taskId) {
        SavedSession source = sources.get(taskId);
        return source == null ? Optional.empty() : Optional.of(source.log(taskId)).filter(Files::isRegularFile);
    }

    /** The plan of the sessions: the largest one, with tasks only smaller ones know added in line order. */
    private static ExecutionPlan mergedPlan(List<SavedSession> sessions) {
        List<ExecutionPlan> plans = sessions.stream().flatMap(s -> s.plan().stream()).toList();
        if (plans.isEmpty()) {
            return new ExecutionPlan(Instant.EPOCH, null, List.of(), Map.of(), Map.of(), List.of(), 1, 1);
        }
        ExecutionPlan base = plans.stream().max(Comparator.comparingInt(p -> p.tasks().size())).orElseThrow();
        Map<String, PlannedTask> tasks = new LinkedHashMap<>(base.tasks());
        plans.forEach(p -> p.tasks().forEach(tasks::putIfAbsent));
        return new ExecutionPlan(base.generatedAt(), base.taskFile(), base.groups(), tasks, base.conflictMap(),
                base.criticalPath(), base.parallelismScore(), base.workers());
    }

    /** Ran (completed or failed) beats skipped beats anything else; between two runs, the later one. */
    private static boolean better(TaskResult candidate, TaskResult current) {
        int a = rank(candidate.status());
        int b = rank(current.status());
        if (a != b) {
            return a > b;
        }
        return lastEnd(candidate).isAfter(lastEnd(current));
    }

    private static int rank(TaskStatus status) {
        return switch (status) {
            case COMPLETED, FAILED, STOPPED -> 3;
            case SKIPPED -> 2;
            case ALREADY_DONE -> 1;
            case NOT_RUN -> 0;
        };
    }

    private static Instant lastEnd(TaskResult r) {
        return r.attempts().stream().map(Attempt::endedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    }

    /** The job's name on each attempt: the one task it ran, else its folder's name (with the worker when it had several). */
    private static Map<Path, String> jobNames(List<SavedSession> sessions) {
        Map<Path, String> names = new HashMap<>();
        for (SavedSession s : sessions) {
            List<String> ran = s.results().values().stream().filter(r -> !r.attempts().isEmpty()).map(TaskResult::id).toList();
            names.put(s.dir(), ran.size() == 1 ? ran.get(0) : String.valueOf(s.dir().getFileName()));
        }
        return names;
    }

    private static TaskResult asJob(TaskResult r, SavedSession session, String job) {
        long workers = session.results().values().stream().flatMap(t -> t.attempts().stream()).map(Attempt::worker).distinct().count();
        List<Attempt> attempts = new ArrayList<>();
        for (Attempt a : r.attempts()) {
            String row = workers > 1 ? job + "/" + a.worker() : job;
            attempts.add(new Attempt(a.number(), row, a.startedAt(), a.endedAt(), a.exitCode(), a.error(), a.agent()));
        }
        return new TaskResult(r.id(), r.status(), attempts, r.reason(), r.blockedBy());
    }

    /** SPEC §5.6 over the merged results: every P0 task given up (failed or skipped) stops the run. */
    private static Optional<String> everyP0GivenUp(ExecutionPlan plan, Map<String, TaskResult> chosen) {
        List<PlannedTask> p0 = plan.tasks().values().stream().filter(t -> !t.alreadyDone() && t.priority() == Priority.P0).toList();
        if (p0.isEmpty()) {
            return Optional.empty();
        }
        List<String> failed = new ArrayList<>();
        for (PlannedTask t : p0) {
            TaskResult r = chosen.get(t.id());
            if (r == null || r.status() != TaskStatus.FAILED && r.status() != TaskStatus.SKIPPED) {
                if (r != null || !dependsOnFailure(t, plan, chosen, new HashSet<>())) {
                    return Optional.empty();
                }
            } else if (r.status() == TaskStatus.FAILED) {
                failed.add(t.id());
            }
        }
        return Optional.of("every P0 task was given up: " + String.join(", ", failed));
    }

    private static boolean dependsOnFailure(PlannedTask t, ExecutionPlan plan, Map<String, TaskResult> chosen, Set<String> seen) {
        for (String d : t.allDependencies()) {
            if (!seen.add(d)) {
                continue;
            }
            TaskResult r = chosen.get(d);
            if (r != null && r.status() == TaskStatus.FAILED) {
                return true;
            }
            PlannedTask dep = plan.tasks().get(d);
            if (r == null && dep != null && dependsOnFailure(dep, plan, chosen, seen)) {
                return true;
            }
        }
        return false;
    }

    /** A task's own result, else what a local run would have made of it. */
    private static TaskResult resultOf(PlannedTask task, ExecutionPlan plan, Map<String, TaskResult> chosen,
                                       Map<String, TaskResult> done, Optional<String> critical) {
        TaskResult own = chosen.get(task.id());
        if (own != null) {
            return own;
        }
        if (task.alreadyDone()) {
            return new TaskResult(task.id(), TaskStatus.ALREADY_DONE, List.of(), Optional.empty(), List.of());
        }
        List<String> blockedBy = givenUpAncestors(task, plan, chosen);
        if (!blockedBy.isEmpty()) {
            return new TaskResult(task.id(), TaskStatus.SKIPPED, List.of(),
                    Optional.of("blocked by " + String.join(", ", blockedBy)), blockedBy);
        }
        String reason = critical.map(c -> "stopped: " + c).orElse("no job reported a result for it");
        return new TaskResult(task.id(), TaskStatus.NOT_RUN, List.of(), Optional.of(reason), List.of());
    }

    /**
     * The failed tasks it waits for, through tasks that did not fail themselves, in plan order,
     * as the scheduler names them: when the first of them failed, the task was skipped, blocked by
     * those failed by then (a later failure no longer reaches it).
     */
    private static List<String> givenUpAncestors(PlannedTask task, ExecutionPlan plan, Map<String, TaskResult> chosen) {
        Set<String> seen = new HashSet<>();
        Map<String, Instant> found = new HashMap<>();
        List<PlannedTask> pending = new ArrayList<>(List.of(task));
        while (!pending.isEmpty()) {
            PlannedTask t = pending.remove(pending.size() - 1);
            for (String d : t.allDependencies()) {
                if (!seen.add(d)) {
                    continue;
                }
                TaskResult r = chosen.get(d);
                if (r != null && r.status() == TaskStatus.FAILED) {
                    found.put(d, r.attempts().isEmpty() ? Instant.MIN : r.attempts().get(r.attempts().size() - 1).endedAt());
                } else if (plan.tasks().containsKey(d)) {
                    pending.add(plan.tasks().get(d));
                }
            }
        }
        Instant skippedAt = found.values().stream().min(Comparator.naturalOrder()).orElse(Instant.MAX);
        List<String> order = new ArrayList<>(plan.tasks().keySet());
        return found.keySet().stream().filter(id -> !found.get(id).isAfter(skippedAt))
                .sorted(Comparator.comparingInt(order::indexOf)).toList();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Stream<Instant> attemptTimes(Map<String, TaskResult> results) {
        return results.values().stream().flatMap(r -> r.attempts().stream()).flatMap(a -> Stream.of(a.startedAt(), a.endedAt()));
    }
}
