package dev.orchestrate.run;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What an executor needs to start one attempt of a task.
 *
 * @param worker      the worker running it ({@code worker-2})
 * @param attempt     1-based attempt number
 * @param maxAttempts attempts allowed in all
 * @param root        the working directory
 * @param sessionDir  the session folder
 * @param log         the task's log file: stdout and stderr are appended to it
 * @param environment variables to set over the inherited environment (the {@code ORCHESTRATE_*} ones included)
 */
public record AttemptContext(String worker, int attempt, int maxAttempts, Path root, Path sessionDir, Path log,
                             Map<String, String> environment) {

    public AttemptContext {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(sessionDir, "sessionDir");
        Objects.requireNonNull(log, "log");
        environment = Map.copyOf(environment);
    }
}
