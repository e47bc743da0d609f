package dev.orchestrate.run;

import dev.orchestrate.plan.Executor;
import dev.orchestrate.plan.PlannedTask;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
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

    /**
     * Hands each task to the executor of its kind ({@link PlannedTask#executor()}); a task of a kind
     * with none cannot start.
     */
    static TaskExecutor byKind(Map<Executor, ? extends TaskExecutor> executors) {
        Map<Executor, TaskExecutor> copy = new EnumMap<>(Executor.class);
        copy.putAll(executors);
        return new TaskExecutor() {
            @Override
            public Process start(PlannedTask task, AttemptContext context) throws IOException {
                TaskExecutor executor = copy.get(task.executor());
                if (executor == null) {
                    throw new IOException("no executor for " + task.executor().name().toLowerCase(Locale.ROOT) + " tasks");
                }
                return executor.start(task, context);
            }

            @Override
            public Optional<String> failure(PlannedTask task, AttemptContext context, int exitCode) {
                TaskExecutor executor = copy.get(task.executor());
                return executor == null ? TaskExecutor.super.failure(task, context, exitCode)
                        : executor.failure(task, context, exitCode);
            }
        };
    }
}
