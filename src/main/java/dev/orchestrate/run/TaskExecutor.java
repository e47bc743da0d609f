package dev.orchestrate.run;

import dev.orchestrate.plan.Executor;
import dev.orchestrate.plan.PlannedTask;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Starts one attempt of a task as a process (a shell command, a coding agent). The worker waits
 * for it, enforces the time limits and stops its process tree; the executor starts it and, through
 * the {@link Execution} it returns, judges how it ended.
 */
public interface TaskExecutor {

    /**
     * Starts the attempt: working directory {@code context.root()}, environment inherited plus
     * {@code context.environment()}, stdout and stderr appended to {@code context.log()}.
     *
     * @throws IOException when it cannot start; the attempt fails with {@code cannot start: <message>}
     */
    Execution start(PlannedTask task, AttemptContext context) throws IOException;

    /**
     * Hands each task to the executor of its kind ({@link PlannedTask#executor()}); a task of a kind
     * with none cannot start.
     */
    static TaskExecutor byKind(Map<Executor, ? extends TaskExecutor> executors) {
        Map<Executor, TaskExecutor> copy = new EnumMap<>(Executor.class);
        copy.putAll(executors);
        return (task, context) -> {
            TaskExecutor executor = copy.get(task.executor());
            if (executor == null) {
                throw new IOException("no executor for " + task.executor().name().toLowerCase(Locale.ROOT) + " tasks");
            }
            return executor.start(task, context);
        };
    }
}
