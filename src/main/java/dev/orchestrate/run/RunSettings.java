package dev.orchestrate.run;

import dev.orchestrate.run.agent.AgentLimits;
import dev.orchestrate.run.agent.RateLimitBackoff;
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
 * @param rateLimitPause how long new agent attempts wait after the first rate limit; it doubles at each
 *                       further one, up to 5 minutes
 * @param agents      what bounds the agent attempts: {@code --agent-workers}, {@code --max-budget-usd}
 */
public record RunSettings(int workers, int maxAttempts, Schedule schedule, Path root, Duration killGrace,
                          Map<String, String> environment, Duration rateLimitPause, AgentLimits agents) {

    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

    public RunSettings {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(killGrace, "killGrace");
        Objects.requireNonNull(rateLimitPause, "rateLimitPause");
        Objects.requireNonNull(agents, "agents");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be 1 or more: " + workers);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more: " + maxAttempts);
        }
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("killGrace must not be negative: " + killGrace);
        }
        if (rateLimitPause.isNegative() || rateLimitPause.isZero()) {
            throw new IllegalArgumentException("rateLimitPause must be positive: " + rateLimitPause);
        }
        root = root.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
    }

    public RunSettings(int workers, int maxAttempts, Schedule schedule, Path root, Duration killGrace,
                       Map<String, String> environment, Duration rateLimitPause) {
        this(workers, maxAttempts, schedule, root, killGrace, environment, rateLimitPause, AgentLimits.NONE);
    }

    public RunSettings(int workers, int maxAttempts, Schedule schedule, Path root, Duration killGrace,
                       Map<String, String> environment) {
        this(workers, maxAttempts, schedule, root, killGrace, environment, RateLimitBackoff.DEFAULT_FIRST_PAUSE);
    }

    public RunSettings(int workers, int maxAttempts, Schedule schedule, Path root, Duration killGrace) {
        this(workers, maxAttempts, schedule, root, killGrace, Map.of());
    }

    /** These settings with another first rate-limit pause. */
    public RunSettings withRateLimitPause(Duration pause) {
        return new RunSettings(workers, maxAttempts, schedule, root, killGrace, environment, pause, agents);
    }

    /** These settings with other variables for every task's environment. */
    public RunSettings withEnvironment(Map<String, String> variables) {
        return new RunSettings(workers, maxAttempts, schedule, root, killGrace, variables, rateLimitPause, agents);
    }

    /** These settings with other bounds on the agent attempts. */
    public RunSettings withAgentLimits(AgentLimits limits) {
        return new RunSettings(workers, maxAttempts, schedule, root, killGrace, environment, rateLimitPause, limits);
    }

    /** The defaults of SPEC §1: 5 workers, 3 attempts, DAG, a 2 s kill grace. */
    public static RunSettings defaults(Path root) {
        return new RunSettings(5, 3, Schedule.DAG, root, DEFAULT_KILL_GRACE);
    }
}
