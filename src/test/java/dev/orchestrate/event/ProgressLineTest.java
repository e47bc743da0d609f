package dev.orchestrate.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ETA of the progress line: the time per unit of the plan's estimate seen so far, times what is left, over the workers. */
class ProgressLineTest {

    @Test
    void beforeAnyTaskCompletedThereIsNoEta() {
        assertThat(ProgressLine.eta(0, 0, 5, 5, 3)).isEmpty();
    }

    @Test
    void nothingLeftIsNoTimeLeft() {
        assertThat(ProgressLine.eta(0, 0, 0, 0, 3)).contains(Duration.ZERO);
        assertThat(ProgressLine.eta(4, 8000, 0, 0, 3)).contains(Duration.ZERO);
    }

    @Test
    void theTimePerEstimateUnitTimesWhatIsLeftSharedByTheWorkers() {
        // 2 units took 4 s: 2 s a unit; 6 units left on 3 workers: 4 s
        assertThat(ProgressLine.eta(2, 4000, 6, 6, 3)).contains(Duration.ofSeconds(4));
        // a task estimated 3 units weighs three times one of 1 unit
        assertThat(ProgressLine.eta(1, 1000, 3, 1, 5)).as("one task left runs on one worker").contains(Duration.ofSeconds(3));
    }

    @Test
    void moreWorkersThanTasksLeftDoNotMakeItShorter() {
        Optional<Duration> two = ProgressLine.eta(1, 1000, 2, 2, 5);
        assertThat(two).contains(Duration.ofSeconds(1));
    }
}
