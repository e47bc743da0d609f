package dev.orchestrate.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the execution phase runs.
 *
 * @param workers     the most workers busy at once, 1 or more
 * @param maxAttempts attempts per task before it is given up, 1 or more
 * @param schedule    how tasks are released to workers
 * @param root        the project root: commands run there and task paths are relative to it
 * @param killGrace   how long a stopped process tree has between TERM and KILL
 * @param environment variables added to every task's environment, over the inherited ones
 */
public record RunSettings(int workers, int maxAttempts, Schedule schedule, Path root, Duration killGrace,
                          Map<String, String> environment) {

    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

    public RunSettings {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(killGrace, "killGrace");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be 1 or more: " + workers);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more: " + maxAttempts);
        }
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("killGrace must not be negative: " + killGrace);
        }
        root = root.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
    }

    public RunSettings(int workers, int maxAttempts, Schedule schedule, Path root, Duration killGrace) {
        this(workers, maxAttempts, schedule, root, killGrace, Map.of());
    }

    /** The defaults of SPEC §1: 5 workers, 3 attempts, DAG, a 2 s kill grace. */
    public static RunSettings defaults(Path root) {
        return new RunSettings(5, 3, Schedule.DAG, root, DEFAULT_KILL_GRACE);
    }
}
