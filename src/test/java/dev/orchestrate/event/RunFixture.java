package dev.orchestrate.event;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Executor;
import dev.orchestrate.plan.Group;
import dev.orchestrate.plan.ImplicitDependency;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.Attempt;
import dev.orchestrate.run.Event;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskResult;
import dev.orchestrate.run.TaskStatus;
import dev.orchestrate.task.Priority;
import dev.orchestrate.task.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Plans, results and events built by hand, since the planner and the engine are written elsewhere. */
public final class RunFixture {

    public static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final Path taskFile;
    private final Map<String, PlannedTask> tasks = new LinkedHashMap<>();
    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    private int workers = 3;

    private RunFixture(Path taskFile) {
        this.taskFile = taskFile;
    }

    public static RunFixture plan(Path taskFile) {
        return new RunFixture(taskFile);
    }

    public RunFixture workers(int count) {
        this.workers = count;
        return this;
    }

    public RunFixture task(String id, String title, String group, int line, String... dependsOn) {
        return add(id, title, group, line, false, dependsOn);
    }

    public RunFixture doneTask(String id, String title, String group, int line) {
        return add(id, title, group, line, true);
    }

    private RunFixture add(String id, String title, String group, int line, boolean done, String... dependsOn) {
        Task task = new Task(id, title, "", line, done, Priority.P1, Arrays.asList(dependsOn), List.of(), List.of(),
                Optional.of("true"), Optional.empty(), 1);
        tasks.put(id, new PlannedTask(task, Priority.P1, List.<ImplicitDependency>of(), List.of(), Executor.SHELL,
                Duration.ofSeconds(30), group, done));
        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(id);
        return this;
    }

    public ExecutionPlan build() {
        List<Group> list = new ArrayList<>();
        groups.forEach((id, ids) -> list.add(new Group(id, Priority.P1, ids.size() > 1, ids, Math.min(ids.size(), workers),
                List.of(), "test group")));
        return new ExecutionPlan(T0, taskFile, list, tasks, Map.of(), List.of(), 1.0, workers);
    }

    /** The sample plan most tests share: seven tasks in three groups, one of them already done. */
    public static ExecutionPlan sample(Path taskFile) {
        return plan(taskFile)
                .doneTask("T000", "Bootstrap the repository", "G1", 3)
                .task("T001", "Create the user model", "G1", 5)
                .task("T002", "Add the login form", "G1", 7)
                .task("T003", "Write the session store", "G1", 9)
                .task("T004", "Hash passwords", "G2", 11, "T001")
                .task("T007", "Run the integration suite", "G2", 13)
                .task("T008", "Publish the release notes", "G3", 15, "T007")
                .build();
    }

    // ---- results

    public static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    public static Attempt ok(int number, String worker, double from, double to) {
        return new Attempt(number, worker, at(from), at(to), OptionalInt.of(0), Optional.empty());
    }

    public static Attempt exit(int number, String worker, double from, double to, int code) {
        return new Attempt(number, worker, at(from), at(to), OptionalInt.of(code), Optional.of("exit " + code));
    }

    public static Attempt timeout(int number, String worker, double from, double to) {
        return new Attempt(number, worker, at(from), at(to), OptionalInt.empty(),
                Optional.of("timeout after " + Math.round(to - from) + "s"));
    }

    public static TaskResult completed(String id, Attempt... attempts) {
        return new TaskResult(id, TaskStatus.COMPLETED, List.of(attempts), Optional.empty(), List.of());
    }

    public static TaskResult failed(String id, Attempt... attempts) {
        return new TaskResult(id, TaskStatus.FAILED, List.of(attempts), attempts[attempts.length - 1].error(), List.of());
    }

    public static TaskResult skipped(String id, String... blockedBy) {
        return new TaskResult(id, TaskStatus.SKIPPED, List.of(), Optional.of("blocked by " + String.join(", ", blockedBy)),
                List.of(blockedBy));
    }

    public static TaskResult alreadyDone(String id) {
        return new TaskResult(id, TaskStatus.ALREADY_DONE, List.of(), Optional.empty(), List.of());
    }

    public static RunResult result(double seconds, int workersUsed, TaskResult... tasks) {
        Map<String, TaskResult> map = new LinkedHashMap<>();
        for (TaskResult t : tasks) {
            map.put(t.id(), t);
        }
        return new RunResult(T0, at(seconds), map, workersUsed, Optional.empty(), false);
    }

    /** The result of the sample plan: T003 needed two attempts, T007 timed out three times, T008 was skipped. */
    public static RunResult sampleResult() {
        return result(20.0, 3,
                alreadyDone("T000"),
                completed("T001", ok(1, "worker-1", 0.0, 1.4)),
                completed("T002", ok(1, "worker-2", 0.0, 2.1)),
                completed("T003", exit(1, "worker-3", 0.0, 0.8, 1), ok(2, "worker-1", 1.5, 3.0)),
                completed("T004", ok(1, "worker-2", 2.2, 5.0)),
                failed("T007", timeout(1, "worker-3", 1.0, 6.0), timeout(2, "worker-1", 6.1, 11.1),
                        timeout(3, "worker-2", 11.2, 16.2)),
                skipped("T008", "T007"));
    }

    /** The events of the sample run, in the order the coordinator would emit them. */
    public static List<Event> sampleEvents(Path logs) {
        Path log3 = logs.resolve("T003.log");
        Path log7 = logs.resolve("T007.log");
        return List.of(
                new Event.RunStarted(at(0), 7, 6, 3),
                new Event.TaskStarted(at(0), "T001", "worker-1", 1, 3),
                new Event.TaskStarted(at(0), "T002", "worker-2", 1, 3),
                new Event.TaskStarted(at(0), "T003", "worker-3", 1, 3),
                new Event.TaskFailed(at(0.8), "T003", "worker-3", 1, 3, "exit 1", OptionalInt.of(1), false, log3),
                new Event.TaskStarted(at(1.0), "T007", "worker-3", 1, 3),
                new Event.TaskCompleted(at(1.4), "T001", "worker-1", 1, Duration.ofMillis(1400)),
                new Event.TaskStarted(at(1.5), "T003", "worker-1", 2, 3),
                new Event.TaskCompleted(at(2.1), "T002", "worker-2", 1, Duration.ofMillis(2100)),
                new Event.TaskStarted(at(2.2), "T004", "worker-2", 1, 3),
                new Event.TaskCompleted(at(3.0), "T003", "worker-1", 2, Duration.ofMillis(1500)),
                new Event.GroupCompleted(at(3.0), "G1", 4, Duration.ofMillis(3000)),
                new Event.TaskCompleted(at(5.0), "T004", "worker-2", 1, Duration.ofMillis(2800)),
                new Event.TaskFailed(at(6.0), "T007", "worker-3", 1, 3, "timeout after 5s", OptionalInt.empty(), false, log7),
                new Event.WorkerReplaced(at(6.0), "worker-3", Optional.of("T007"), "timeout"),
                new Event.TaskStarted(at(6.1), "T007", "worker-1", 2, 3),
                new Event.TaskFailed(at(11.1), "T007", "worker-1", 2, 3, "timeout after 5s", OptionalInt.empty(), false, log7),
                new Event.TaskStarted(at(11.2), "T007", "worker-2", 3, 3),
                new Event.TaskFailed(at(16.2), "T007", "worker-2", 3, 3, "timeout after 5s", OptionalInt.empty(), true, log7),
                new Event.TaskSkipped(at(16.2), "T008", List.of("T007")),
                new Event.RunFinished(at(20.0), sampleResult()));
    }
}
