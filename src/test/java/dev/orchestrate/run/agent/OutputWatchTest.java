package dev.orchestrate.run.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWatchTest {

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(1_000);

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void anAgentThatKeepsPrintingIsNeverIdle() throws Exception {
        Path log = Files.writeString(dir.resolve("T001.log"), "earlier attempt\n");
        OutputWatch watch = new OutputWatch(log, Duration.ofMinutes(10), nanos::get);
        for (int i = 0; i < 5; i++) {
            advance(Duration.ofMinutes(9));
            Files.writeString(log, "still working\n", StandardOpenOption.APPEND);
            assertThat(watch.idle()).isFalse();
        }
    }

    @Test
    void anAgentSilentForTheWholeLimitIsIdle() throws Exception {
        Path log = Files.writeString(dir.resolve("T001.log"), "earlier attempt\n");
        OutputWatch watch = new OutputWatch(log, Duration.ofMinutes(10), nanos::get);

        advance(Duration.ofMinutes(9));
        assertThat(watch.idle()).isFalse();
        advance(Duration.ofMinutes(1));
        assertThat(watch.idle()).isTrue();
        assertThat(watch.silentFor()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theSilenceIsCountedFromTheLastGrowth() throws Exception {
        Path log = Files.writeString(dir.resolve("T001.log"), "");
        OutputWatch watch = new OutputWatch(log, Duration.ofMinutes(10), nanos::get);

        advance(Duration.ofMinutes(8));
        Files.writeString(log, "one line\n", StandardOpenOption.APPEND);
        assertThat(watch.idle()).isFalse();
        advance(Duration.ofMinutes(9));
        assertThat(watch.idle()).isFalse();
        advance(Duration.ofMinutes(1));
        assertThat(watch.idle()).isTrue();
    }

    @Test
    void aLogThatDoesNotExistYetIsSilence() {
        OutputWatch watch = new OutputWatch(dir.resolve("missing.log"), Duration.ofSeconds(5), nanos::get);
        advance(Duration.ofSeconds(5));
        assertThat(watch.idle()).isTrue();
    }
}
