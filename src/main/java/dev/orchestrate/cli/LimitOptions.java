package dev.orchestrate.cli;

import dev.orchestrate.RunRequest;
import dev.orchestrate.run.Schedule;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How hard a run works: {@code --workers}, {@code --timeout}, {@code --max-attempts}, {@code --schedule}. */
final class LimitOptions {

    @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "5",
            description = "Worker count, 1 to 5 (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--timeout", paramLabel = "DUR", converter = DurationConverter.class,
            description = "Per-attempt time limit (30s, 5m, 1h); a task's own Timeout: wins. Default: 30s for shell tasks, 30m for agent tasks.")
    Duration timeout;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "3",
            description = "Attempts per task before it is given up (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--schedule", paramLabel = "dag|groups", defaultValue = "dag",
            description = "dag: a task starts as soon as it may; groups: group-by-group barriers (default: ${DEFAULT-VALUE}).")
    Schedule schedule;

    /** @throws IllegalArgumentException with the message of a usage error */
    RunRequest.Limits limits() {
        return new RunRequest.Limits(workers, maxAttempts, Optional.ofNullable(timeout));
    }
}
