package dev.orchestrate.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanTimeTest {

    @Test
    void compactDurationsReadLikeTheSpec() {
        assertThat(HumanTime.compact(Duration.ofMillis(1400))).isEqualTo("1.4s");
        assertThat(HumanTime.compact(Duration.ofMillis(40))).isEqualTo("0.0s");
        assertThat(HumanTime.compact(Duration.ofMillis(9_949))).isEqualTo("9.9s");
        assertThat(HumanTime.compact(Duration.ofMillis(9_951))).isEqualTo("10s");
        assertThat(HumanTime.compact(Duration.ofSeconds(12))).isEqualTo("12s");
        assertThat(HumanTime.compact(Duration.ofSeconds(125))).isEqualTo("2m 05s");
        assertThat(HumanTime.compact(Duration.ofMinutes(62))).isEqualTo("1h 02m");
    }

    @Test
    void elapsedTimeIsAClock() {
        assertThat(HumanTime.clock(Duration.ofSeconds(42))).isEqualTo("00:42");
        assertThat(HumanTime.clock(Duration.ofSeconds(725))).isEqualTo("12:05");
        assertThat(HumanTime.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
    }

    @Test
    void theSummaryDurationIsInWords() {
        assertThat(HumanTime.words(Duration.ofSeconds(42))).isEqualTo("42 seconds");
        assertThat(HumanTime.words(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(HumanTime.words(Duration.ofMillis(4200))).isEqualTo("4.2 seconds");
        assertThat(HumanTime.words(Duration.ofSeconds(125))).isEqualTo("2 minutes 5 seconds");
        assertThat(HumanTime.words(Duration.ofSeconds(120))).isEqualTo("2 minutes");
        assertThat(HumanTime.words(Duration.ofSeconds(3660))).isEqualTo("1 hour 1 minute");
    }
}
