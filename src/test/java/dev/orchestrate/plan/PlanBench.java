package dev.orchestrate.plan;

import dev.orchestrate.scout.Context;
import dev.orchestrate.scout.Scout;
import dev.orchestrate.task.FileRef;
import dev.orchestrate.task.Task;
import dev.orchestrate.task.TaskFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times {@link Planner#plan} on a random acyclic task file: the first call in a fresh JVM, then the
 * best and median of warm calls. Used by bench/plan.sh.
 */
public final class PlanBench {

    private PlanBench() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        TaskFile file = RandomTasks.file(count, 42L);
        List<String> mentioned = new ArrayList<>();
        long dependencies = 0;
        for (Task task : file.tasks()) {
            task.files().stream().map(FileRef::path).forEach(mentioned::add);
            dependencies += task.dependsOn().size() + task.orderedAfter().size();
        }
        Path empty = Files.createTempDirectory("plan-bench");
        Context context = Scout.discover(empty, mentioned);
        PlanSettings settings = new PlanSettings(5, Duration.ofSeconds(30), Duration.ofMinutes(30), false);

        long start = System.nanoTime();
        ExecutionPlan plan = Planner.plan(file, context, settings);
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        long docStart = System.nanoTime();
        PlanDocument.of(plan);
        long docMs = (System.nanoTime() - docStart) / 1_000_000;

        long[] times = new long[warm];
        for (int i = 0; i < warm; i++) {
            long t = System.nanoTime();
            Planner.plan(file, context, settings);
            times[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(times);
        long implicit = plan.tasks().values().stream().mapToLong(t -> t.implicitDependsOn().size()).sum();
        System.out.printf("plan %d tasks (%d stated dependencies, %d implicit after file rules): first call %d ms,"
                        + " warm best %d ms, median %d ms; execution-plan document %d ms"
                        + " | %d groups, critical path %d tasks, parallelism score %.2f, %d shared files%n",
                count, dependencies, implicit, firstMs, warm == 0 ? firstMs : times[0], warm == 0 ? firstMs : times[warm / 2],
                docMs, plan.groups().size(), plan.criticalPath().size(), plan.parallelismScore(), plan.conflictMap().size());
        Files.deleteIfExists(empty);
    }
}
