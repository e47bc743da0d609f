package dev.orchestrate.run.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When new agent attempts may start after a provider said "rate limit": each rate-limited attempt
 * pauses new starts, twice as long as the last pause (5 s, 10 s, 20 s … up to 5 min), and a
 * successful attempt resets the pause length. When the provider names the moment it serves again
 * ("resets 3pm", "retry after 23s") the pause lasts until then, bounded by the longest pause. An attempt that started before the latest rate limit
 * was recorded carries no news (it ran into the same limit, or succeeded before it hit), so it
 * changes nothing: five workers rate-limited at once give one 5 s pause, not 80 s.
 *
 * <p>Scheduling state: owned by the coordinator thread, not thread-safe.
 */
public final class RateLimitBackoff {

    public static final Duration DEFAULT_FIRST_PAUSE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LONGEST_PAUSE = Duration.ofMinutes(5);
    /** The shortest pause a reset time gives: one in the past or a moment away still waits this long. */
    static final Duration MIN_PAUSE = Duration.ofSeconds(1);

    private final Clock clock;
    private final Duration firstPause;
    private final Duration longestPause;

    private Duration nextPause;
    private int consecutive;
    private Instant pausedUntil;
    private Instant lastRecorded;

    public RateLimitBackoff(Clock clock) {
        this(clock, DEFAULT_FIRST_PAUSE, DEFAULT_LONGEST_PAUSE);
    }

    /** A backoff that starts at {@code firstPause} and doubles up to 5 minutes, or no further than the first pause if it is longer. */
    public static RateLimitBackoff startingAt(Clock clock, Duration firstPause) {
        return new RateLimitBackoff(clock, firstPause,
                DEFAULT_LONGEST_PAUSE.compareTo(firstPause) < 0 ? firstPause : DEFAULT_LONGEST_PAUSE);
    }

    public RateLimitBackoff(Clock clock, Duration firstPause, Duration longestPause) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.firstPause = Objects.requireNonNull(firstPause, "firstPause");
        this.longestPause = Objects.requireNonNull(longestPause, "longestPause");
        if (firstPause.isNegative() || firstPause.isZero() || longestPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("pauses must be positive and the longest at least the first: "
                    + firstPause + ", " + longestPause);
        }
        this.nextPause = firstPause;
    }

    /**
     * Records a rate-limited attempt that started at {@code attemptStarted}; returns how long new
     * agent starts are paused from now (zero when the pause has already passed).
     */
    public Duration recordRateLimit(Instant attemptStarted) {
        return recordRateLimit(attemptStarted, Optional.empty());
    }

    /**
     * Records a rate-limited attempt whose provider said when it will serve again ({@code retryAt}):
     * the pause lasts until then (at least a second), but never longer than the longest pause;
     * without it, the doubling pause. Returns how long new agent starts are paused from now.
     */
    public Duration recordRateLimit(Instant attemptStarted, Optional<Instant> retryAt) {
        Instant now = clock.instant();
        if (lastRecorded != null && attemptStarted.isBefore(lastRecorded)) {
            return remaining();
        }
        consecutive++;
        Duration pause = retryAt.map(at -> Duration.between(now, at))
                .map(until -> until.compareTo(MIN_PAUSE) < 0 ? MIN_PAUSE : until.compareTo(longestPause) > 0 ? longestPause : until)
                .orElse(nextPause);
        pausedUntil = now.plus(pause);
        lastRecorded = now;
        Duration doubled = nextPause.multipliedBy(2);
        nextPause = doubled.compareTo(longestPause) > 0 ? longestPause : doubled;
        return remaining();
    }

    /** Records a successful agent attempt that started at {@code attemptStarted}: the next pause is short again, and none is in force. */
    public void recordSuccess(Instant attemptStarted) {
        if (lastRecorded != null && attemptStarted.isBefore(lastRecorded)) {
            return;
        }
        consecutive = 0;
        nextPause = firstPause;
        pausedUntil = null;
    }

    /** Whether a new agent attempt may start now. */
    public boolean mayStart() {
        return remaining().isZero();
    }

    /** How long until a new agent attempt may start; zero when it may now. */
    public Duration remaining() {
        if (pausedUntil == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), pausedUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The end of the pause in force, if one is. */
    public Optional<Instant> pausedUntil() {
        return mayStart() ? Optional.empty() : Optional.of(pausedUntil);
    }

    /** Rate limits recorded since the last success. */
    public int consecutiveRateLimits() {
        return consecutive;
    }
}
