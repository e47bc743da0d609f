package dev.orchestrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class OrchestrateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void helpListsEveryOptionOfTheSpec() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("TASK_FILE", "--workers", "--agent", "--timeout", "--max-attempts",
                "--schedule", "--root", "--mark-done", "--dry-run", "--session-dir", "--include-done", "--junit",
                "--json", "--color", "--ascii", "--quiet", "--verbose", "--help", "--version", "Exit codes");
    }

    @Test
    void versionNamesTheProject() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("orchestrate ").doesNotContain("unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "6", "-1"})
    void workersOutsideOneToFiveIsAOneLineUsageError(String workers) {
        assertThat(run("--workers", workers, "tasks.md")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains("--workers must be 1 to 5, got " + workers);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aWorkerCountThatIsNotANumberIsAOneLineUsageError() {
        assertThat(run("--workers", "many")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains("many");
    }

    @Test
    void anUnknownScheduleIsAOneLineUsageError() {
        assertThat(run("--schedule", "random", "tasks.md")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains("--schedule must be dag or groups");
    }

    @Test
    void aMalformedTimeoutIsAOneLineUsageError() {
        assertThat(run("--timeout", "soon", "tasks.md")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains("'soon' is not a duration");
    }

    @Test
    void aMissingTaskFileIsAOneLineErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere/tasks.md");
        assertThat(run(missing.toString())).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains(missing.toString());
    }
}
