package dev.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrate.event.OutputMode;
import dev.orchestrate.event.Terminal;
import dev.orchestrate.run.ExitCode;
import dev.orchestrate.run.Schedule;
import dev.orchestrate.select.SelectionException;
import dev.orchestrate.select.SelectionRequest;
import dev.orchestrate.select.SelectionRequest.Dependencies;
import dev.orchestrate.session.SessionException;
import dev.orchestrate.task.TaskFileException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packages' known failures leave a command as one {@link OrchestrateException} with their exit code; a bug stays a bug. */
class OrchestrateExceptionTest {

    @Test
    void aBadTaskFileAndAnImpossibleChoiceAreUsageErrorsAnUnusableSessionIsCritical() {
        TaskFileException bad = new TaskFileException(Path.of("tasks.md"), 3, "no tasks");
        assertThat(OrchestrateException.known(bad)).hasValueSatisfying(known -> {
            assertThat(known.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(known.getMessage()).isEqualTo(bad.getMessage());
            assertThat(known.getCause()).isSameAs(bad);
        });
        assertThat(OrchestrateException.known(new SelectionException("no task T9"))).get()
                .extracting(OrchestrateException::exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(OrchestrateException.known(new SessionException("cannot lock"))).get()
                .extracting(OrchestrateException::exitCode).isEqualTo(ExitCode.CRITICAL);
        assertThat(OrchestrateException.known(new IllegalStateException("a bug"))).isEmpty();
    }

    @Test
    void translatingPassesABugOnUnchanged() {
        IllegalStateException bug = new IllegalStateException("a bug");
        assertThatThrownBy(() -> OrchestrateException.translating(() -> {
            throw bug;
        })).isSameAs(bug);
        assertThatThrownBy(() -> OrchestrateException.translating(() -> {
            throw new SessionException("cannot write summary.json");
        })).isInstanceOf(OrchestrateException.class).hasMessage("cannot write summary.json");
    }

    @Test
    void aRunOnAMissingTaskFileEndsWithAUsageErrorNamingIt(@TempDir Path dir) {
        SelectionRequest all = new SelectionRequest(List.of(), Optional.empty(), Dependencies.REQUIRED, false, Optional.empty());
        RunRequest.Tasks tasks = new RunRequest.Tasks(Optional.of(Path.of("missing.md")), Optional.empty(), false, all);
        RunRequest.Execution execution = new RunRequest.Execution(new RunRequest.Limits(1, 1, Optional.empty()), Schedule.DAG,
                AgentRequest.command(Optional.empty()),
                new IsolationRequest(false, Optional.empty(), Optional.empty(), Optional.empty(), false));
        RunRequest.Results results = new RunRequest.Results(new OutputRequest(Terminal.Verbosity.NORMAL, OutputMode.FAILURES),
                Optional.empty(), Optional.empty(), false);
        RunRequest request = new RunRequest(tasks, execution, results, false);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Orchestrator orchestrator = new Orchestrator(request, new Invocation(Terminal.plain(quiet, quiet), Clock.systemUTC(), dir, Map.of()));
        assertThatThrownBy(orchestrator::run).isInstanceOfSatisfying(OrchestrateException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(e.getCause()).isInstanceOf(TaskFileException.class);
            assertThat(e.getMessage()).contains("missing.md");
        });
    }
}
