package dev.orchestrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.run.agent.AgentBudget;
import dev.orchestrate.run.agent.AgentCommand;
import dev.orchestrate.run.agent.AgentLimits;
import dev.orchestrate.run.agent.FailureClass;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * What bounds a run's agent attempts (issue 12), through the real engine with stand-in agents that
 * print what the real CLIs print (the fixtures under {@code run/agent/shapes/}).
 */
class AgentGateTest extends AgentEngineFixture {

    static String shape(String name) throws IOException {
        try (InputStream in = AgentGateTest.class.getResourceAsStream("agent/shapes/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** An executable stand-in under {@code tmp/bin/<name>}: the name decides which CLI the engine takes it for. */
    Path agent(String name, String body) throws IOException {
        return executable(tmp.resolve("bin").resolve(name), body);
    }

    /** A file under tmp holding {@code text}, for a stand-in to cat. */
    Path text(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    RunResult run(ExecutionPlan plan, RunSettings settings, AgentCommand command, Optional<AgentBudget> budget) {
        AgentExecutor agents = new AgentExecutor(command, plan, "Project at " + harness.root, Duration.ofMinutes(10),
                changedFiles(), budget);
        return run(plan, settings.withAgentLimits(new AgentLimits(OptionalInt.empty(), budget, Optional.of(command))), agents);
    }

    long attempts(RunResult result) {
        return result.tasks().values().stream().mapToLong(t -> t.attempts().size()).sum();
    }

    @Test
    void notLoggedInIsFinalNoRetryNoNewStartRunningAttemptsFinishExit3() throws Exception {
        Path notLoggedIn = text("not-logged-in.json", shape("claude-not-logged-in.out"));
        Plans plans = Plans.plan();
        for (String id : List.of("T001", "T002", "T003", "T004")) {
            plans.agentTask(id);
        }
        plans.task("T005", "echo shell-ran > shell.txt");
        Path claude = agent("claude", "if [ \"$ORCHESTRATE_TASK_ID\" = T002 ]; then sleep 1.5; echo '"
                + "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":2,\"result\":\"done\",\"total_cost_usd\":0.01}'; exit 0; fi\n"
                + "cat '" + notLoggedIn + "'; exit 1");

        RunResult result = run(plans.build(), harness.settings(2, 3), AgentCommand.parse(claude + " -p --output-format json"),
                Optional.empty());

        TaskResult t001 = result.tasks().get("T001");
        assertThat(t001.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(t001.attempts()).as("an auth failure is not retried").hasSize(1);
        assertThat(t001.attempts().get(0).error()).contains("auth: exit 1: Not logged in · Please run /login");
        assertThat(t001.attempts().get(0).agent().orElseThrow().usage().turns()).as("no turn was taken").isEmpty();
        assertThat(result.tasks().get("T002").status()).as("the attempt running beside it finishes").isEqualTo(TaskStatus.COMPLETED);
        for (String id : List.of("T003", "T004")) {
            TaskResult notRun = result.tasks().get(id);
            assertThat(notRun.status()).isEqualTo(TaskStatus.NOT_RUN);
            assertThat(notRun.attempts()).isEmpty();
            assertThat(notRun.reason().orElseThrow()).startsWith("claude cannot run (auth: exit 1: Not logged in")
                    .contains("claude auth login");
        }
        assertThat(result.tasks().get("T005").status()).as("shell tasks are not the agent's").isEqualTo(TaskStatus.COMPLETED);
        assertThat(attempts(result)).isEqualTo(3);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.criticalFailure().orElseThrow()).startsWith("claude cannot run (auth: exit 1: Not logged in · Please run /login)")
                .contains("log in with `claude auth login`, or set ANTHROPIC_API_KEY").doesNotContain("\n");
    }

    @Test
    void geminiInAnUntrustedFolderIsFinalAndItsColourCodesStayOutOfTheError() throws Exception {
        Path untrusted = text("untrusted.txt", shape("gemini-untrusted-exit55.out"));
        Plans plans = Plans.plan();
        plans.agentTask("T001");
        plans.agentTask("T002").dependsOn("T001");
        plans.agentTask("T003");
        Path gemini = agent("gemini", "cat '" + untrusted + "' >&2; exit 55");

        RunResult result = run(plans.build(), harness.settings(1, 3), AgentCommand.parse(gemini + " -p {prompt} --output-format json"),
                Optional.empty());

        TaskResult t001 = result.tasks().get("T001");
        assertThat(t001.attempts()).hasSize(1);
        assertThat(t001.attempts().get(0).agent().orElseThrow().failure()).contains(FailureClass.CONFIG);
        assertThat(t001.reason().orElseThrow()).startsWith("config: exit 55: Gemini CLI is not running in a trusted directory.")
                .doesNotContain("\u001B");
        assertThat(result.tasks().get("T002").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(result.tasks().get("T003").status()).isEqualTo(TaskStatus.NOT_RUN);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.criticalFailure().orElseThrow()).contains("--skip-trust");
    }

    @Test
    void codexReconnectingForeverIsStoppedWithinSecondsNotAtTheTimeLimit() throws Exception {
        String marker = "reconnect-" + System.nanoTime();
        Path loop = text("reconnecting.txt", shape("codex-no-network-reconnecting.out"));
        Plans plans = Plans.plan();
        plans.agentTask("T001").timeout(Duration.ofMinutes(5));
        Path codex = agent("codex", "cat '" + loop + "' >&2\nexec -a " + marker + " sleep 300");

        long start = System.nanoTime();
        RunResult result = run(plans.build(), harness.settings(1, 1), AgentCommand.parse(codex + " exec -"), Optional.empty());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        TaskResult t001 = result.tasks().get("T001");
        assertThat(t001.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(t001.reason().orElseThrow()).startsWith("error: stopped: ")
                .contains("cannot reach its API").contains("Reconnecting... waiting for network");
        assertThat(Harness.processesWith(marker)).isEmpty();
    }

    @Test
    void aiderWaitingForABrowserLoginIsStoppedAsAuth() throws Exception {
        Path noKey = text("no-key.txt", shape("aider-no-key-oauth-wait.out"));
        Plans plans = Plans.plan();
        plans.agentTask("T001");
        plans.agentTask("T002");
        Path aider = agent("aider", "cat '" + noKey + "'\nsleep 300");

        long start = System.nanoTime();
        RunResult result = run(plans.build(), harness.settings(1, 3), AgentCommand.parse(aider + " --message-file {prompt_file}"),
                Optional.empty());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(result.tasks().get("T001").reason().orElseThrow()).startsWith("auth: stopped: No LLM model was specified");
        assertThat(result.tasks().get("T002").status()).isEqualTo(TaskStatus.NOT_RUN);
        assertThat(result.exitCode()).isEqualTo(3);
    }

    @Test
    void theBudgetStopsNewAgentAttemptsAndClaudeIsGivenWhatIsLeft() throws Exception {
        Plans plans = Plans.plan();
        for (String id : List.of("T001", "T002", "T003", "T004")) {
            plans.agentTask(id);
        }
        Path claude = agent("claude", "cat > /dev/null; echo \"$*\" >> \"" + tmp.resolve("argv.txt") + "\"\n"
                + "echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":3,\"result\":\"ok\","
                + "\"total_cost_usd\":0.3}'");
        AgentBudget budget = new AgentBudget(new BigDecimal("0.5"));

        RunResult result = run(plans.build(), harness.settings(1, 3), AgentCommand.parse(claude + " -p --output-format json"),
                Optional.of(budget));

        assertThat(Files.readAllLines(tmp.resolve("argv.txt")))
                .containsExactly("--max-budget-usd 0.5 -p --output-format json", "--max-budget-usd 0.2 -p --output-format json");
        assertThat(result.tasks().get("T001").status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(result.tasks().get("T002").status()).isEqualTo(TaskStatus.COMPLETED);
        for (String id : List.of("T003", "T004")) {
            assertThat(result.tasks().get(id).status()).isEqualTo(TaskStatus.NOT_RUN);
            assertThat(result.tasks().get(id).reason()).contains("the agent budget is spent: $0.60 of $0.50 (--max-budget-usd)");
        }
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.agentBudgetUsd()).contains(new BigDecimal("0.5"));
        assertThat(budget.spent()).isEqualByComparingTo("0.6");
    }

    @RepeatedTest(20)
    void agentWorkersCapConcurrentAgentAttemptsWhileShellTasksUseTheOtherWorkers() throws Exception {
        Plans plans = Plans.plan();
        for (String id : List.of("T001", "T002", "T003", "T004")) {
            plans.agentTask(id);
        }
        plans.task("T005", "sleep 0.3; echo shell >> shell.txt");
        plans.task("T006", "sleep 0.3; echo shell >> shell.txt");
        Path overlap = tmp.resolve("overlap.txt");
        Path lock = tmp.resolve("agent.lock");
        Path agent = agent("my-agent", "if ! mkdir '" + lock + "' 2>/dev/null; then echo \"$ORCHESTRATE_TASK_ID\" >> '" + overlap + "'; fi\n"
                + "sleep 0.1; rmdir '" + lock + "' 2>/dev/null; exit 0");
        AgentCommand command = AgentCommand.parse(agent.toString());
        AgentExecutor agents = new AgentExecutor(command, plans.build(), "Project", Duration.ofMinutes(10), changedFiles());
        ExecutionPlan plan = plans.build();

        RunResult result = run(plan, harness.settings(3, 1)
                .withAgentLimits(new AgentLimits(OptionalInt.of(1), Optional.empty(), Optional.of(command))), agents);

        assertThat(result.exitCode()).isZero();
        assertThat(overlap).as("two agent attempts ran at once").doesNotExist();
        int firstAgentEnd = harness.indexOf(Event.TaskCompleted.class, "T001");
        assertThat(harness.indexOf(Event.TaskStarted.class, "T005")).as("a shell task started beside the first agent task")
                .isLessThan(firstAgentEnd);
        assertThat(harness.indexOf(Event.TaskStarted.class, "T006")).isLessThan(firstAgentEnd);
    }
}
