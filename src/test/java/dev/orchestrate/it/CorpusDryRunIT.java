package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code --dry-run} through the real jar on every real task file of the corpus. */
class CorpusDryRunIT {

    @TempDir
    Path sessions;

    @ParameterizedTest
    @MethodSource("dev.orchestrate.CorpusFiles#taskFiles")
    void dryRunPlansEveryCorpusFileWithoutRunningAnything(Path file) throws Exception {
        Path session = sessions.resolve(file.getFileName().toString() + "-session");

        Jar.Result result = Jar.run(sessions, "--dry-run", "--session-dir", session.toString(),
                "--root", sessions.toString(), file.toAbsolutePath().toString());

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        JsonNode plan = new ObjectMapper().readTree(session.resolve("execution-plan.json").toFile());
        assertThat(plan.get("total_tasks").asInt()).isPositive();
        assertThat(result.stdout()).contains("Using tasks from", "Plan: " + plan.get("total_tasks").asInt() + " tasks");
        // which rule turned the file's order into dependencies, in one line
        assertThat(result.stdout().lines().filter(line -> line.startsWith("    Order: "))).hasSize(1);
        if (plan.get("total_groups").asInt() > 0) {
            assertThat(result.stdout()).contains("G1");
        } else {
            assertThat(result.stdout()).contains("Nothing to run");
        }
        assertThat(plan.get("tasks")).hasSize(plan.get("total_tasks").asInt());
        assertThat(session.resolve("context.json")).isRegularFile();
        assertThat(session.resolve("logs")).isEmptyDirectory();
        assertThat(result.stderr()).doesNotContain("Exception", "\tat ");
    }
}
