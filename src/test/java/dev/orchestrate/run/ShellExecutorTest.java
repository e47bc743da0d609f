package dev.orchestrate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrate.plan.PlannedTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellExecutorTest {

    @TempDir
    Path tmp;

    private AttemptContext context(Path log) {
        return new AttemptContext("worker-4", 2, 3, tmp, tmp.resolve("session"), log, Map.of("ORCHESTRATE_TASK_ID", "T009"));
    }

    private static PlannedTask task(String command) {
        Plans plans = Plans.plan();
        plans.task("T009", command);
        return plans.build().task("T009");
    }

    private static int exitOf(Process process) throws InterruptedException {
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    @Test
    void usesBashWithErrexitAndPipefailWhenBashIsThere() {
        ShellExecutor shell = new ShellExecutor();

        assertThat(shell.shell()).endsWith("-e", "-o", "pipefail", "-c");
        assertThat(Path.of(shell.shell().get(0)).getFileName().toString()).isEqualTo("bash");
    }

    @Test
    void appendsOutputAndErrorsToTheLogAndKeepsWhatWasThere() throws Exception {
        Path log = tmp.resolve("T009.log");
        Files.writeString(log, "=== header ===\n");

        Process process = new ShellExecutor().start(task("echo out; echo err >&2; echo $ORCHESTRATE_TASK_ID; pwd"), context(log)).process();

        assertThat(exitOf(process)).isZero();
        assertThat(Files.readAllLines(log)).containsExactly("=== header ===", "out", "err", "T009", tmp.toString());
    }

    @Test
    void runsWithShWhereThereIsNoBash() throws Exception {
        Path log = tmp.resolve("T009.log");

        Process process = new ShellExecutor(List.of("sh", "-e", "-c")).start(task("false; echo never"), context(log)).process();

        assertThat(exitOf(process)).isEqualTo(1);
        assertThat(Files.readString(log)).doesNotContain("never");
    }

    @Test
    void judgesANonZeroExitAsAFailureNamingTheCodeAndATimeOutByItsLimit() throws Exception {
        Execution execution = new ShellExecutor().start(task("true"), context(tmp.resolve("x.log")));
        exitOf(execution.process());

        assertThat(execution.inactivityLimit()).isEmpty();
        assertThat(execution.end(new Execution.Ending.Exited(0)).error()).isEmpty();
        assertThat(execution.end(new Execution.Ending.Exited(2)).error()).contains("exit 2");
        assertThat(execution.end(new Execution.Ending.TimedOut(Duration.ofSeconds(30))).error()).contains("timeout after 30s");
        assertThat(execution.end(new Execution.Ending.Exited(0)).agent()).isEmpty();
    }

    @Test
    void anAgentTaskCannotStartInAShell() {
        Plans plans = Plans.plan();
        plans.agentTask("T010");

        assertThatThrownBy(() -> new ShellExecutor().start(plans.build().task("T010"), context(tmp.resolve("x.log"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no shell command");
    }

    @Test
    void tasksGoToTheExecutorOfTheirKind() throws Exception {
        Plans plans = Plans.plan();
        plans.task("SHELL", "exit 4");
        plans.agentTask("AGENT");
        TaskExecutor agent = (task, context) -> Execution.of(new ProcessBuilder("true").start(),
                ending -> new Execution.Verdict(java.util.Optional.of("rate_limit"), java.util.Optional.empty()));
        TaskExecutor both = TaskExecutor.byKind(Map.of(dev.orchestrate.plan.Executor.SHELL, new ShellExecutor(),
                dev.orchestrate.plan.Executor.AGENT, agent));
        TaskExecutor shellOnly = TaskExecutor.byKind(Map.of(dev.orchestrate.plan.Executor.SHELL, new ShellExecutor()));
        AttemptContext context = context(tmp.resolve("x.log"));

        Execution shell = both.start(plans.build().task("SHELL"), context);
        Execution agentRun = both.start(plans.build().task("AGENT"), context);
        assertThat(exitOf(shell.process())).isEqualTo(4);
        assertThat(exitOf(agentRun.process())).isZero();
        assertThat(agentRun.end(new Execution.Ending.Exited(0)).error()).contains("rate_limit");
        assertThat(shell.end(new Execution.Ending.Exited(4)).error()).contains("exit 4");
        assertThatThrownBy(() -> shellOnly.start(plans.build().task("AGENT"), context))
                .isInstanceOf(IOException.class).hasMessage("no executor for agent tasks");
    }

    @Test
    void timeLimitsReadAsTheUserWroteThem() {
        assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
    }
}
