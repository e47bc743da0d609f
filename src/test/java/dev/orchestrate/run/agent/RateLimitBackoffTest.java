package dev.orchestrate.run.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrate.run.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitBackoffTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final RateLimitBackoff backoff = new RateLimitBackoff(clock);

    @Test
    void nothingIsPausedBeforeAnyRateLimit() {
        assertThat(backoff.mayStart()).isTrue();
        assertThat(backoff.remaining()).isZero();
        assertThat(backoff.pausedUntil()).isEmpty();
    }

    @Test
    void eachRateLimitPausesTwiceAsLongAsTheLastUpToFiveMinutes() {
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Instant started = clock.instant();
            clock.advance(Duration.ofSeconds(1));
            pauses.add(backoff.recordRateLimit(started));
            clock.advance(backoff.remaining());
        }
        assertThat(pauses).extracting(Duration::getSeconds).containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L);
        assertThat(backoff.consecutiveRateLimits()).isEqualTo(9);
    }

    @Test
    void newStartsWaitUntilThePauseHasPassed() {
        Instant started = clock.instant();
        clock.advance(Duration.ofSeconds(2));
        backoff.recordRateLimit(started);

        assertThat(backoff.mayStart()).isFalse();
        assertThat(backoff.pausedUntil()).contains(Instant.parse("2026-11-25T10:00:07Z"));
        clock.advance(Duration.ofSeconds(4));
        assertThat(backoff.remaining()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(backoff.mayStart()).isTrue();
        assertThat(backoff.pausedUntil()).isEmpty();
    }

    @Test
    void aSuccessResetsThePauseLengthAndLiftsThePause() {
        for (int i = 0; i < 3; i++) {
            Instant started = clock.instant();
            clock.advance(Duration.ofSeconds(1));
            backoff.recordRateLimit(started);
        }
        Instant started = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        backoff.recordSuccess(started);

        assertThat(backoff.mayStart()).isTrue();
        assertThat(backoff.consecutiveRateLimits()).isZero();
        Instant next = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        assertThat(backoff.recordRateLimit(next)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void attemptsThatStartedBeforeTheLatestRateLimitDoNotEscalateIt() {
        Instant allStarted = clock.instant();
        clock.advance(Duration.ofSeconds(10));
        Duration first = backoff.recordRateLimit(allStarted);
        clock.advance(Duration.ofSeconds(1));
        Duration second = backoff.recordRateLimit(allStarted);
        Duration third = backoff.recordRateLimit(allStarted);

        assertThat(first).isEqualTo(Duration.ofSeconds(5));
        assertThat(second).isEqualTo(Duration.ofSeconds(4));
        assertThat(third).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.consecutiveRateLimits()).isEqualTo(1);
    }

    @Test
    void aSuccessOfAnAttemptThatStartedBeforeTheLatestRateLimitLiftsNothing() {
        Instant longRunning = clock.instant();
        clock.advance(Duration.ofSeconds(30));
        Instant other = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        backoff.recordRateLimit(other);

        backoff.recordSuccess(longRunning);

        assertThat(backoff.mayStart()).isFalse();
        assertThat(backoff.consecutiveRateLimits()).isEqualTo(1);
    }

    @Test
    void customPausesAreHonoured() {
        RateLimitBackoff quick = new RateLimitBackoff(clock, Duration.ofMillis(100), Duration.ofMillis(250));
        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Instant started = clock.instant();
            clock.advance(Duration.ofMillis(1));
            pauses.add(quick.recordRateLimit(started).toMillis());
        }
        assertThat(pauses).containsExactly(100L, 200L, 250L, 250L);
    }

    @Test
    void pausesMustBePositiveAndTheLongestAtLeastTheFirst() {
        assertThatThrownBy(() -> new RateLimitBackoff(clock, Duration.ZERO, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitBackoff(clock, Duration.ofMinutes(10), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aResetTimeTheProviderNamesSetsThePauseBoundedByTheLongest() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        RateLimitBackoff backoff = new RateLimitBackoff(clock, Duration.ofSeconds(5), Duration.ofMinutes(5));

        assertThat(backoff.recordRateLimit(clock.instant(), java.util.Optional.of(clock.instant().plusSeconds(23))))
                .isEqualTo(Duration.ofSeconds(23));
        clock.advance(Duration.ofSeconds(30));
        assertThat(backoff.recordRateLimit(clock.instant(), java.util.Optional.of(clock.instant().plus(Duration.ofHours(5)))))
                .as("'resets 3pm', hours away: the longest pause").isEqualTo(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(6));
        assertThat(backoff.recordRateLimit(clock.instant(), java.util.Optional.of(clock.instant().minusSeconds(10))))
                .as("a reset time already past still waits a moment").isEqualTo(Duration.ofSeconds(1));
    }
}
