package dev.orchestrate.run.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the next agent attempt of a run may start: not while a rate-limit pause lasts or
 * {@code --agent-workers} attempts run (it waits), never again once the run's budget is spent or
 * the agent failed in a way no retry can mend (auth, config, quota: the remaining agent tasks are
 * not run, and the run ends with exit 3). The coordinator asks it before it hands out an agent task
 * and tells it how each agent attempt ended.
 *
 * <p>Scheduling state: owned by the coordinator thread, not thread-safe.
 */
public final class AgentGate {

    /** The answer to "may an agent attempt start now?". */
    public sealed interface Admission permits Open, Wait, Refused {
    }

    /** It may start. */
    public record Open() implements Admission {
    }

    /** Not now: a rate-limit pause, or every agent slot busy; ask again when an attempt ends or {@link #recheckAfter} passes. */
    public record Wait() implements Admission {
    }

    /** Not in this run: the task ends {@code not_run} with {@code reason}. */
    public record Refused(String reason) implements Admission {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static final Duration NOW = Duration.ofNanos(1);

    private final RateLimitBackoff backoff;
    private final AgentLimits limits;
    private Optional<String> stoppedBy = Optional.empty();

    public AgentGate(RateLimitBackoff backoff, AgentLimits limits) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** @param runningAgentAttempts how many agent attempts run now */
    public Admission admit(int runningAgentAttempts) {
        if (stoppedBy.isPresent()) {
            return new Refused(stoppedBy.get());
        }
        if (limits.budget().filter(AgentBudget::reached).isPresent()) {
            return new Refused("the agent budget is spent: " + limits.budget().get().describe() + " (--max-budget-usd)");
        }
        if (!backoff.mayStart() || runningAgentAttempts >= maxConcurrent()) {
            return new Wait();
        }
        return new Open();
    }

    /**
     * When to ask {@link #admit} again without news from the workers: after the pause in force;
     * empty when only an ending attempt can change the answer (every agent slot is busy).
     */
    public Optional<Duration> recheckAfter(int runningAgentAttempts) {
        Duration pause = backoff.remaining();
        if (!pause.isZero()) {
            return Optional.of(pause);
        }
        return runningAgentAttempts >= maxConcurrent() && stoppedBy.isEmpty() ? Optional.empty() : Optional.of(NOW);
    }

    /**
     * Records how an agent attempt that started at {@code startedAt} ended. Returns the rate-limit
     * pause it started, when it started a new one.
     */
    public Optional<Duration> ended(Instant startedAt, AgentAttempt attempt) {
        if (attempt.finalForRun() && stoppedBy.isEmpty()) {
            stoppedBy = Optional.of(stopLine(attempt));
        }
        if (attempt.rateLimited()) {
            Optional<Instant> before = backoff.pausedUntil();
            Duration pause = backoff.recordRateLimit(startedAt, attempt.retryAt());
            return !pause.isZero() && !backoff.pausedUntil().equals(before) ? Optional.of(pause) : Optional.empty();
        }
        if (attempt.failure().isEmpty()) {
            backoff.recordSuccess(startedAt);
        }
        return Optional.empty();
    }

    /** Why no agent attempt may start any more in this run, in one line, if one may not: the run's exit 3. */
    public Optional<String> stoppedBy() {
        return stoppedBy;
    }

    private int maxConcurrent() {
        return limits.workers().orElse(Integer.MAX_VALUE);
    }

    private String stopLine(AgentAttempt attempt) {
        String name = limits.command().map(AgentPreCheck::program).orElse("the agent");
        FailureClass failure = attempt.failure().orElseThrow();
        String detail = attempt.detail().map(d -> failure.jsonName() + ": " + d).orElse(failure.jsonName());
        String remedy = limits.command().map(c -> AgentPreCheck.remedy(c, failure)).orElse("");
        return name + " cannot run (" + detail + ")" + (remedy.isEmpty() ? "" : "; " + remedy);
    }
}
