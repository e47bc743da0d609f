package dev.orchestrate;

import dev.orchestrate.plan.PlanSettings;
import dev.orchestrate.run.Schedule;
import dev.orchestrate.select.SelectionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the user asked for on the command line, validated, in three parts: what to run, how to
 * run it, and what to show and leave behind. Each check lives in the part that holds its values, and
 * its message names the option, so the command line can pass it on as a usage error.
 *
 * @param tasks     what to run: the task file, the project, which tasks
 * @param execution how to run them: limits, schedule, agent, isolation
 * @param results   what the run shows and leaves behind
 * @param dryRun    {@code --dry-run}: scout and plan only
 */
public record RunRequest(Tasks tasks, Execution execution, Results results, boolean dryRun) {

    public static final int MAX_WORKERS = 5;
    public static final Duration SHELL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration AGENT_TIMEOUT = Duration.ofMinutes(30);

    public RunRequest {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(results, "results");
    }

    /**
     * What to run.
     *
     * @param file        the task file given, else found (SPEC §2)
     * @param root        the project root given with {@code --root}, else derived from the task file
     * @param includeDone {@code --include-done}: also the tasks the file marks done
     * @param selection   {@code --only}, {@code --from}, {@code --list}, {@code --resume}
     */
    public record Tasks(Optional<Path> file, Optional<Path> root, boolean includeDone, SelectionRequest selection) {
        public Tasks {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(selection, "selection");
        }
    }

    /**
     * How to run the tasks.
     *
     * @param limits    workers, attempts, time limit
     * @param schedule  {@code --schedule}: how tasks are released to the workers
     * @param agents    {@code --agent}, {@code --agent-workers}, {@code --max-budget-usd} (issue 12)
     * @param isolation {@code --isolation worktree} and the checks (issue 14)
     */
    public record Execution(Limits limits, Schedule schedule, AgentRequest agents, IsolationRequest isolation) {
        public Execution {
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(agents, "agents");
            Objects.requireNonNull(isolation, "isolation");
            int agentWorkers = agents.agentWorkers().orElse(limits.workers());
            if (agentWorkers < 1 || agentWorkers > limits.workers()) {
                throw new IllegalArgumentException("--agent-workers must be 1 to --workers (" + limits.workers() + "), got "
                        + agentWorkers);
            }
        }
    }

    /**
     * The bounds of a run, checked here for a run and for {@code export} alike.
     *
     * @param workers     {@code --workers}, 1 to {@link #MAX_WORKERS}
     * @param maxAttempts {@code --max-attempts}, 1 or more
     * @param timeout     {@code --timeout}: the per-attempt time limit, else the executor's default
     */
    public record Limits(int workers, int maxAttempts, Optional<Duration> timeout) {
        public Limits {
            Objects.requireNonNull(timeout, "timeout");
            if (workers < 1 || workers > MAX_WORKERS) {
                throw new IllegalArgumentException("--workers must be 1 to " + MAX_WORKERS + ", got " + workers);
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("--max-attempts must be 1 or more, got " + maxAttempts);
            }
        }

        public Duration shellTimeout() {
            return timeout.orElse(SHELL_TIMEOUT);
        }

        public Duration agentTimeout() {
            return timeout.orElse(AGENT_TIMEOUT);
        }

        /** What the planner needs of these limits. */
        public PlanSettings planSettings(boolean includeDone) {
            return new PlanSettings(workers, shellTimeout(), agentTimeout(), includeDone);
        }
    }

    /**
     * What the run shows and leaves behind.
     *
     * @param output     verbosity and {@code --output}
     * @param sessionDir the session folder given with {@code --session-dir}, else derived (SPEC §3)
     * @param junit      {@code --junit}: where to write the JUnit XML report, if asked
     * @param markDone   {@code --mark-done}: tick the completed tasks in the task file
     */
    public record Results(OutputRequest output, Optional<Path> sessionDir, Optional<Path> junit, boolean markDone) {
        public Results {
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(sessionDir, "sessionDir");
            Objects.requireNonNull(junit, "junit");
        }
    }
}
