package dev.orchestrate.cli;

import dev.orchestrate.RunRequest;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The bounds of a run, alike for a run and for {@code export}: {@code --workers}, {@code --timeout},
 * {@code --max-attempts}. Export words their help for its jobs (ExportCommand.properties).
 */
final class LimitOptions {

    @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "5", descriptionKey = "workers",
            description = "Worker count, 1 to 5 (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--timeout", paramLabel = "DUR", converter = DurationConverter.class, descriptionKey = "timeout",
            description = "Per-attempt time limit (30s, 5m, 1h); a task's own Timeout: wins. Default: 30s for shell tasks, 30m for agent tasks.")
    Duration timeout;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "3", descriptionKey = "max-attempts",
            description = "Attempts per task before it is given up (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    /** @throws IllegalArgumentException with the message of a usage error */
    RunRequest.Limits limits() {
        return new RunRequest.Limits(workers, maxAttempts, Optional.ofNullable(timeout));
    }
}
