package dev.orchestrate.run;

import dev.orchestrate.plan.PlannedTask;
import java.io.IOException;
import java.util.Optional;

/**
 * Starts one attempt of a task as a process (a shell command, a coding agent). The worker waits
 * for it, enforces the time limit and stops its process tree; the executor only starts it and
 * judges how it ended.
 */
public interface TaskExecutor {

    /**
     * Starts the attempt: working directory {@code context.root()}, environment inherited plus
     * {@code context.environment()}, stdout and stderr appended to {@code context.log()}.
     *
     * @throws IOException when it cannot start; the attempt fails with {@code cannot start: <message>}
     */
    Process start(PlannedTask task, AttemptContext context) throws IOException;

    /** Why the attempt failed, given how its process exited; empty when it succeeded. */
    default Optional<String> failure(PlannedTask task, AttemptContext context, int exitCode) {
        return exitCode == 0 ? Optional.empty() : Optional.of("exit " + exitCode);
    }
}
