package dev.orchestrate.plan;

import dev.orchestrate.task.Dependency;
import dev.orchestrate.task.FileOperation;
import dev.orchestrate.task.FileRef;
import dev.orchestrate.task.Priority;
import dev.orchestrate.task.Task;
import dev.orchestrate.task.TaskFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A big acyclic task file: each task depends on up to three earlier ones, sometimes follows the
 * one before it, names up to two files from a shared pool, and is sometimes done already.
 */
final class RandomTasks {

    private static final FileOperation[] OPERATIONS = {
        FileOperation.UNSPECIFIED, FileOperation.UNSPECIFIED, FileOperation.UNSPECIFIED,
        FileOperation.CREATE, FileOperation.MODIFY, FileOperation.READ, FileOperation.DELETE};

    private RandomTasks() {
    }

    static TaskFile file(int count, long seed) {
        Random random = new Random(seed);
        int pool = Math.max(1, count / 5);
        List<Task> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = id(i);
            Set<String> dependsOn = new LinkedHashSet<>();
            int explicit = i == 0 ? 0 : random.nextInt(4);
            for (int k = 0; k < explicit; k++) {
                dependsOn.add(id(random.nextInt(i)));
            }
            List<Dependency> orderedAfter = i > 0 && random.nextInt(10) == 0
                    ? List.of(new Dependency(id(i - 1), "list order")) : List.of();
            Set<String> paths = new LinkedHashSet<>();
            int named = random.nextInt(3);
            for (int k = 0; k < named; k++) {
                paths.add("src/module" + random.nextInt(pool) + (random.nextInt(50) == 0 ? "/*.ts" : ".ts"));
            }
            List<FileRef> files = new ArrayList<>();
            for (String path : paths) {
                files.add(new FileRef(path, OPERATIONS[random.nextInt(OPERATIONS.length)], i + 1));
            }
            Priority priority = Priority.values()[random.nextInt(Priority.values().length)];
            Optional<String> command = random.nextBoolean() ? Optional.of("echo " + id) : Optional.empty();
            Optional<Duration> timeout = random.nextInt(20) == 0 ? Optional.of(Duration.ofSeconds(90)) : Optional.empty();
            tasks.add(new Task(id, "task " + id, "", i + 1, random.nextInt(20) == 0, priority, List.copyOf(dependsOn),
                    orderedAfter, files, command, timeout, 1 + random.nextInt(5)));
        }
        return new TaskFile(Path.of("random-tasks.md"), "seed", tasks, List.of());
    }

    private static String id(int i) {
        return String.format("T%05d", i + 1);
    }
}
