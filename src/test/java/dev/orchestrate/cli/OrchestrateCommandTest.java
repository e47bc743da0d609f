package dev.orchestrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.OutputRequest;
import dev.orchestrate.RunRequest;
import dev.orchestrate.event.OutputMode;
import dev.orchestrate.event.Terminal;
import dev.orchestrate.run.Schedule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
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
    void closedChoicesTakeAnyCase() {
        RunRequest request = request("--schedule", "GROUPS", "--output", "Full", "--isolation", "WorkTree", "--quiet", "tasks.md");
        assertThat(request.execution().schedule()).isEqualTo(Schedule.GROUPS);
        assertThat(request.results().output()).isEqualTo(new OutputRequest(Terminal.Verbosity.QUIET, OutputMode.FULL));
        assertThat(request.execution().isolation().worktree()).isTrue();
        assertThat(run("--color", "NEVER", "--version")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--color=sometimes", "--output=some", "--isolation=docker"})
    void anUnknownChoiceIsAOneLineUsageErrorListingTheChoices(String option) {
        assertThat(run(option, "tasks.md")).isEqualTo(2);
        String name = option.substring(0, option.indexOf('='));
        assertThat(err.toString()).hasLineCount(1).contains(name + " must be ", " or ", "got '" + option.substring(name.length() + 1) + "'");
    }

    @Test
    void quietAndVerboseTogetherIsAOneLineUsageError() {
        assertThat(run("-q", "-v", "tasks.md")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains("--quiet", "--verbose", "mutually exclusive").doesNotContain("Error:");
    }

    @Test
    void theRequestHoldsWhatEachOptionGroupAsked() {
        RunRequest request = request("-w", "3", "--max-attempts", "2", "--timeout", "5m", "--agent", "claude",
                "--agent-workers", "2", "--session-dir", "s", "--junit", "j.xml", "--mark-done", "--include-done", "-C", ".",
                "--dry-run", "tasks.md");
        assertThat(request.tasks().file()).contains(Path.of("tasks.md"));
        assertThat(request.tasks().root()).contains(Path.of("."));
        assertThat(request.tasks().includeDone()).isTrue();
        assertThat(request.execution().limits()).isEqualTo(new RunRequest.Limits(3, 2, Optional.of(java.time.Duration.ofMinutes(5))));
        assertThat(request.execution().agents().command()).contains("claude");
        assertThat(request.execution().agents().agentWorkers()).hasValue(2);
        assertThat(request.results().sessionDir()).contains(Path.of("s"));
        assertThat(request.results().junit()).contains(Path.of("j.xml"));
        assertThat(request.results().markDone()).isTrue();
        assertThat(request.dryRun()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--agent-workers=6", "--agent-workers=0", "--max-budget-usd=0", "--agent= ", "--setup=true", "--verify= "})
    void aValueOutsideWhatItsGroupAllowsIsAOneLineUsageError(String option) {
        assertThat(run(option, "tasks.md")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).startsWith("orchestrate: " + option.substring(0, option.indexOf('=')));
    }

    private static RunRequest request(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.parseArgs(args);
        return commandLine.<OrchestrateCommand>getCommand().request();
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
