package dev.orchestrate.export;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the exported pipeline's commands carry, besides the plan.
 *
 * @param taskFile     the task file as the pipeline names it: relative to the project root, with {@code /}
 * @param orchestrate  the command that runs orchestrate on the CI machine (a shell word list, e.g. {@code bin/orchestrate})
 * @param maxAttempts  {@code --max-attempts} given to export: attempts per task
 * @param timeout      {@code --timeout} given to export, passed on; a task's own {@code Timeout:} still wins
 * @param agent        {@code --agent} given to export: what runs the agent tasks
 * @param reusable     GitHub Actions: a reusable {@code workflow_call} workflow instead of a complete one
 */
public record ExportSettings(
        String taskFile,
        String orchestrate,
        int maxAttempts,
        Optional<Duration> timeout,
        Optional<String> agent,
        boolean reusable) {

    public ExportSettings {
        Objects.requireNonNull(taskFile, "taskFile");
        Objects.requireNonNull(orchestrate, "orchestrate");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(agent, "agent");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be 1 or more: " + maxAttempts);
        }
    }
}
