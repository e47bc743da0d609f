package dev.orchestrate.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.event.LogTail;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker's attempt header has one owner: what it writes is what the readers of a log find. */
class AttemptHeaderTest {

    @Test
    void theHeaderTheWorkerWritesIsTheOneTheReadersFind() {
        String second = AttemptHeader.of("T003", 2, 3, "worker-1", Instant.parse("2026-12-03T10:15:00Z"));
        assertThat(second).startsWith("=== T003 attempt 2/3 on worker-1 at 2026-12-03T10:15:00").endsWith(" ===");
        assertThat(AttemptHeader.isHeader(second, "T003")).isTrue();
        assertThat(AttemptHeader.isHeader(second, "T003", 2)).isTrue();
        assertThat(AttemptHeader.isHeader(second, "T003", 1)).isFalse();
        assertThat(AttemptHeader.isHeader(second, "T00")).isFalse();
        assertThat(AttemptHeader.isMark(second)).isTrue();
        assertThat(AttemptHeader.isMark(AttemptHeader.mark("timeout after 5s"))).isTrue();
        assertThat(AttemptHeader.isMark("=== not a mark")).isFalse();
    }

    @Test
    void eachAttemptsOutputIsReadBackBetweenTheHeadersTheWorkerWrote() {
        Instant at = Instant.parse("2026-12-03T10:15:00Z");
        List<String> log = List.of(
                AttemptHeader.of("T012", 1, 3, "worker-2", at), "first try", AttemptHeader.mark("timeout after 5s"),
                AttemptHeader.of("T012", 12, 13, "worker-4", at), "twelfth try",
                AttemptHeader.of("T012", 2, 3, "worker-1", at), "second try");

        assertThat(LogTail.ofAttempt(log, "T012", 1)).containsExactly("first try");
        assertThat(LogTail.ofAttempt(log, "T012", 12)).containsExactly("twelfth try");
        assertThat(LogTail.ofAttempt(log, "T012", 2)).containsExactly("second try");
        assertThat(LogTail.ofLastAttempt(log, "T012")).containsExactly("second try");
        assertThat(LogTail.ofAttempt(log, "T012", 3)).as("an attempt cut off the tail").isEmpty();
    }
}
