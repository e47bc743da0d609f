package dev.orchestrate.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {

    record Sample(String workerId, Instant startedAt, Duration durationMs, OptionalInt exitCode, Optional<String> error, Path taskFile) {
    }

    @Test
    void writesSnakeCaseIsoTimesMillisecondsAndNullsForEmptyOptionals(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sample.json");
        Json.write(file, new Sample("worker-1", Instant.parse("2026-11-25T10:33:29.5Z"), Duration.ofMillis(1400),
                OptionalInt.empty(), Optional.of("exit 1"), Path.of("tasks.md")));

        JsonNode node = Json.mapper().readTree(file.toFile());
        assertThat(node.get("worker_id").asText()).isEqualTo("worker-1");
        assertThat(node.get("started_at").asText()).isEqualTo("2026-11-25T10:33:29.500Z");
        assertThat(node.get("duration_ms").asLong()).isEqualTo(1400);
        assertThat(node.get("exit_code").isNull()).isTrue();
        assertThat(node.get("error").asText()).isEqualTo("exit 1");
        assertThat(node.get("task_file").asText()).isEqualTo("tasks.md");
    }

    @Test
    void aRewriteLeavesNoTemporaryFileBehind(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("progress.json");
        for (int i = 0; i < 20; i++) {
            Json.write(file, java.util.Map.of("n", i));
        }
        assertThat(Json.mapper().readTree(file.toFile()).get("n").asInt()).isEqualTo(19);
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }
}
