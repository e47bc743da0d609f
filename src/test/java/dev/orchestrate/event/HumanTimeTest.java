package dev.orchestrate.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanTimeTest {

    @ParameterizedTest(name = "{0} ms is {1}")
    @CsvSource({
        "1400, 1.4s",
        "40, 0.0s",
        "9949, 9.9s",
        "9951, 10s",
        "12000, 12s",
        "125000, 2m 05s",
        "3720000, 1h 02m"})
    void compactDurationsReadLikeTheSpec(long millis, String compact) {
        assertThat(HumanTime.compact(Duration.ofMillis(millis))).isEqualTo(compact);
    }

    @ParameterizedTest(name = "{0} s is {1}")
    @CsvSource({
        "42, 00:42",
        "725, 12:05",
        "3723, 1:02:03"})
    void elapsedTimeIsAClock(long seconds, String clock) {
        assertThat(HumanTime.clock(Duration.ofSeconds(seconds))).isEqualTo(clock);
    }

    @ParameterizedTest(name = "{0} ms is {1}")
    @CsvSource({
        "42000, 42 seconds",
        "1000, 1 second",
        "4200, 4.2 seconds",
        "125000, 2 minutes 5 seconds",
        "120000, 2 minutes",
        "3660000, 1 hour 1 minute"})
    void theSummaryDurationIsInWords(long millis, String words) {
        assertThat(HumanTime.words(Duration.ofMillis(millis))).isEqualTo(words);
    }
}
