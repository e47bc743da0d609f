package dev.orchestrate.bench;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Executor;
import dev.orchestrate.plan.Group;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.Coordinator;
import dev.orchestrate.run.Event;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.RunSettings;
import dev.orchestrate.run.Schedule;
import dev.orchestrate.session.Session;
import dev.orchestrate.task.Priority;
import dev.orchestrate.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives the Coordinator the way the CLI will, for bench/run.sh until the CLI exists:
 * {@code CoordinatorBench COUNT WORKERS COMMAND SESSION_DIR} runs COUNT independent shell tasks.
 * Prints one line: wall time of the execution phase, and the result counts.
 */
public final class CoordinatorBench {

    private CoordinatorBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int workers = Integer.parseInt(args[1]);
        String command = args[2];
        Path sessionDir = Path.of(args[3]);
        Map<String, PlannedTask> tasks = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = String.format("T%04d", i);
            ids.add(id);
            Task task = new Task(id, "bench " + i, "", i, false, Priority.P2, List.of(), List.of(), List.of(),
                    Optional.of(command), Optional.empty(), 1);
            tasks.put(id, new PlannedTask(task, Priority.P2, List.of(), List.of(), Executor.SHELL, Duration.ofSeconds(30), "G1", false));
        }
        ExecutionPlan plan = new ExecutionPlan(Instant.now(), Path.of("tasks.md"),
                List.of(new Group("G1", Priority.P2, true, ids, Math.min(workers, count), List.of(), "bench")),
                tasks, Map.of(), List.of(), workers, workers);
        Path root = Files.createDirectories(sessionDir.getParent());
        try (Session session = Session.open(sessionDir, Clock.systemUTC())) {
            long[] events = new long[1];
            Coordinator coordinator = new Coordinator(plan, session,
                    new RunSettings(workers, 3, Schedule.DAG, root, RunSettings.DEFAULT_KILL_GRACE),
                    (Event event) -> events[0]++, Clock.systemUTC());
            RunResult result = coordinator.run();
            System.out.printf("%d ms, %d events, exit %d, speedup %.2f%n", result.duration().toMillis(), events[0],
                    result.exitCode(), result.speedup());
            System.exit(result.exitCode());
        }
    }
}
