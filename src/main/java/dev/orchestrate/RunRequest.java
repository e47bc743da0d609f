package dev.orchestrate;

import dev.orchestrate.event.Terminal;
import dev.orchestrate.run.Schedule;
import dev.orchestrate.select.SelectionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the user asked for on the command line, validated.
 *
 * @param taskFile     the task file given, else found (SPEC §2)
 * @param timeout      the per-attempt time limit given with {@code --timeout}, else the executor's default
 * @param root         the project root given with {@code --root}, else derived from the task file
 * @param sessionDir   the session folder given with {@code --session-dir}, else derived (SPEC §3)
 * @param junit        where to write the JUnit XML report, if asked
 * @param output       what the console shows of the tasks' own output ({@code --output})
 * @param selection    which tasks to run and whether to resume an earlier session ({@code --only}, {@code --from}, {@code --list}, {@code --resume})
 * @param agents       {@code --agent-workers} and {@code --max-budget-usd} (issue 12)
 * @param isolation    {@code --isolation worktree} and the checks (issue 14)
 */
public record RunRequest(
        Optional<Path> taskFile,
        int workers,
        Optional<String> agent,
        Optional<Duration> timeout,
        int maxAttempts,
        Schedule schedule,
        Optional<Path> root,
        boolean markDone,
        boolean dryRun,
        Optional<Path> sessionDir,
        boolean includeDone,
        Optional<Path> junit,
        Terminal.Verbosity verbosity,
        OutputRequest output,
        SelectionRequest selection,
        AgentRequest agents,
        IsolationRequest isolation) {

    public static final int MAX_WORKERS = 5;
    public static final Duration SHELL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration AGENT_TIMEOUT = Duration.ofMinutes(30);

    public RunRequest {
        Objects.requireNonNull(taskFile, "taskFile");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(sessionDir, "sessionDir");
        Objects.requireNonNull(junit, "junit");
        Objects.requireNonNull(verbosity, "verbosity");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(isolation, "isolation");
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be 1 to " + MAX_WORKERS + ": " + workers);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be 1 or more: " + maxAttempts);
        }
    }


    public Duration shellTimeout() {
        return timeout.orElse(SHELL_TIMEOUT);
    }

    public Duration agentTimeout() {
        return timeout.orElse(AGENT_TIMEOUT);
    }
}
