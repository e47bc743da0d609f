package dev.orchestrate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.run.agent.AgentAttempt;
import dev.orchestrate.run.agent.AgentCommand;
import dev.orchestrate.run.agent.ChangedFiles;
import dev.orchestrate.run.agent.FailureClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Agent tasks through the real engine, with stand-in agents: small bash scripts each test writes. */
class AgentExecutorTest extends AgentEngineFixture {

    /** Text a shell would run if the prompt ever went through one. */
    static final String HOSTILE = "Run $(touch pwned-dollar) and `touch pwned-backtick`; don't \"quote\" me, it's 'fine'.\n"
            + "Second line\twith a tab; $HOME stays $HOME; \\n is not a newline; ; rm -rf nothing & echo nope |\n";

    /** Writes an executable bash script under the temp folder (outside the project root). */
    Path agent(String name, String body) throws IOException {
        return executable(tmp.resolve(name), body);
    }

    RunResult run(ExecutionPlan plan, RunSettings settings, String agentCommand, Duration inactivityLimit) {
        return run(plan, settings, new AgentExecutor(AgentCommand.parse(agentCommand), plan, "Project at " + harness.root,
                inactivityLimit, changedFiles()));
    }

    RunResult run(ExecutionPlan plan, RunSettings settings, String agentCommand) {
        return run(plan, settings, agentCommand, Duration.ofMinutes(10));
    }

    Path promptOf(String id) {
        return harness.session.dir().resolve("logs").resolve(id + ".prompt.md");
    }

    @Test
    void thePromptArrivesVerbatimOnStdinAndNothingInItIsExecuted() throws Exception {
        String big = "All work and no play makes Jack a dull boy. ".repeat(7_000); // ≈ 300 KB
        Plans plans = Plans.plan();
        plans.agentTask("T001").body(HOSTILE + big).files("src/a.txt");
        Path agent = agent("stdin-agent.sh", "cat > \"received-$ORCHESTRATE_TASK_ID.md\"");

        RunResult result = run(plans.build(), harness.settings(1, 1), agent.toString());

        assertThat(result.tasks().get("T001").status()).isEqualTo(TaskStatus.COMPLETED);
        byte[] received = Files.readAllBytes(harness.root.resolve("received-T001.md"));
        assertThat(received.length).isGreaterThan(300_000);
        assertThat(received).isEqualTo(Files.readAllBytes(promptOf("T001")));
        String prompt = new String(received, StandardCharsets.UTF_8);
        assertThat(prompt).startsWith("# Task T001: task T001\n").contains(HOSTILE.strip()).contains("- `src/a.txt`");
        assertThat(harness.root.resolve("pwned-dollar")).doesNotExist();
        assertThat(harness.root.resolve("pwned-backtick")).doesNotExist();
        AgentAttempt agentAttempt = result.tasks().get("T001").attempts().get(0).agent().orElseThrow();
        assertThat(agentAttempt.promptBytes()).isEqualTo(received.length);
        assertThat(harness.events(Event.TaskCompleted.class).get(0).overhead().orElseThrow().promptBytes())
                .hasValue(received.length);
    }

    @Test
    void eachPlaceholderBecomesExactlyOneArgument() throws Exception {
        Plans plans = Plans.plan();
        plans.agentTask("T002").body(HOSTILE);
        Path agent = agent("args-agent.sh", "printf '%s' \"$#\" > argc.txt; printf '%s' \"$2\" > prompt-arg.md; "
                + "printf '%s\\n' \"$1\" \"$3\" \"$4\" \"$5\" > others.txt");

        RunResult result = run(plans.build(), harness.settings(1, 1),
                "'" + agent + "' {task_id} {prompt} {prompt_file} {workdir} 'two words'");

        assertThat(result.tasks().get("T002").status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(harness.root.resolve("argc.txt")).hasContent("5");
        assertThat(Files.readAllBytes(harness.root.resolve("prompt-arg.md"))).isEqualTo(Files.readAllBytes(promptOf("T002")));
        assertThat(harness.lines("others.txt"))
                .containsExactly("T002", promptOf("T002").toString(), harness.root.toString(), "two words");
        assertThat(harness.root.resolve("pwned-dollar")).doesNotExist();
        assertThat(harness.root.resolve("pwned-backtick")).doesNotExist();
    }

    @Test
    void aPromptTooLongForOneArgumentFailsToStartWithAReason() throws Exception {
        Plans plans = Plans.plan();
        plans.agentTask("T003").body("x".repeat(300_000));
        Path agent = agent("args-agent.sh", "exit 0");

        RunResult result = run(plans.build(), harness.settings(1, 1), "'" + agent + "' {prompt}");

        assertThat(result.tasks().get("T003").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.tasks().get("T003").reason().orElseThrow())
                .startsWith("cannot start: the prompt of T003 is")
                .contains("{prompt_file} or on stdin");
    }

    @Test
    void theAgentSeesTheOrchestrateVariablesAndNotClaudeCodesOwn() throws Exception {
        Plans plans = Plans.plan();
        plans.agentTask("T004");
        Path agent = agent("env-agent.sh", "env > env.txt");
        RunSettings settings = new RunSettings(1, 1, Schedule.DAG, harness.root, Harness.KILL_GRACE,
                Map.of("CLAUDECODE", "1", "CLAUDE_CODE_ENTRYPOINT", "cli", "KEPT", "yes"));

        run(plans.build(), settings, agent.toString());

        assertThat(harness.lines("env.txt"))
                .contains("ORCHESTRATE_TASK_ID=T004", "ORCHESTRATE_WORKER_ID=worker-1", "ORCHESTRATE_ATTEMPT=1",
                        "ORCHESTRATE_SESSION_DIR=" + harness.session.dir(), "KEPT=yes")
                .noneMatch(line -> line.startsWith("CLAUDECODE=") || line.startsWith("CLAUDE_CODE_ENTRYPOINT="));
    }

    @Test
    void aFailedAgentTaskIsRetriedOnAnotherWorkerAndItsDependentWaits() throws Exception {
        Plans plans = Plans.plan();
        plans.agentTask("T005");
        plans.task("T006", "test -f done-T005.txt").dependsOn("T005");
        Path agent = agent("flaky-agent.sh", "if [ \"$ORCHESTRATE_ATTEMPT\" = 1 ]; then echo 'Error: compilation failed' >&2; exit 1; fi\n"
                + "touch \"done-$ORCHESTRATE_TASK_ID.txt\"");

        RunResult result = run(plans.build(), harness.settings(2, 3), agent.toString());

        TaskResult t005 = result.tasks().get("T005");
        assertThat(t005.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t005.attempts()).hasSize(2);
        assertThat(t005.attempts().get(0).error()).contains("error: exit 1: Error: compilation failed");
        assertThat(t005.attempts().get(0).agent().orElseThrow().failure()).contains(FailureClass.ERROR);
        assertThat(t005.attempts().get(1).worker()).isNotEqualTo(t005.attempts().get(0).worker());
        assertThat(result.tasks().get("T006").status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void anAgentThatHangsIsStoppedWithItsWholeTreeAtTheTimeLimit() throws Exception {
        String marker = "hang-" + System.nanoTime();
        Plans plans = Plans.plan();
        plans.agentTask("T007").timeout(Duration.ofSeconds(1));
        Path agent = agent("hung-agent.sh", "echo working\n(trap '' TERM; exec -a " + marker + " sleep 60) &\nsleep 60");

        RunResult result = run(plans.build(), harness.settings(1, 1), agent.toString());

        TaskResult t007 = result.tasks().get("T007");
        assertThat(t007.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(t007.reason()).contains("timeout after 1s");
        assertThat(t007.attempts().get(0).agent().orElseThrow().failure()).contains(FailureClass.TIMEOUT);
        assertThat(harness.events(Event.WorkerReplaced.class)).hasSize(1);
        assertThat(Files.readString(harness.session.log("T007"))).contains("working", "=== timeout after 1s ===");
        awaitGone(marker);
    }

    @Test
    void anAgentThatGoesSilentIsStoppedAtTheInactivityLimitKeepingItsLog() throws Exception {
        Plans plans = Plans.plan();
        plans.agentTask("T008").timeout(Duration.ofSeconds(30));
        Path agent = agent("silent-agent.sh", "echo 'thinking...'\nsleep 60");

        long start = System.nanoTime();
        RunResult result = run(plans.build(), harness.settings(1, 1), agent.toString(), Duration.ofSeconds(1));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        TaskResult t008 = result.tasks().get("T008");
        assertThat(t008.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(t008.reason().orElseThrow()).startsWith("timeout: no output for ");
        assertThat(t008.attempts().get(0).agent().orElseThrow().failure()).contains(FailureClass.TIMEOUT);
        assertThat(Files.readString(harness.session.log("T008"))).contains("thinking...", "=== timeout: no output for ");
    }

    @Test
    void anAgentThatPrintsItsJsonResultOnlyAtTheEndIsNotStoppedForSilence() throws Exception {
        Plans plans = Plans.plan();
        plans.agentTask("T013").timeout(Duration.ofSeconds(30));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path claude = agent("bin/claude", "cat > /dev/null; sleep 2.5\n"
                + "echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"done\"}'");

        RunResult result = run(plans.build(), harness.settings(1, 1), "'" + claude + "' -p --output-format json",
                Duration.ofSeconds(1));

        assertThat(bin).isDirectory();
        assertThat(result.tasks().get("T013").status()).as(Files.readString(harness.session.log("T013")))
                .isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void aJsonResultWithIsErrorFailsTheAttemptDespiteExitZero() throws Exception {
        Plans plans = Plans.plan();
        plans.agentTask("T009");
        Path agent = agent("error-agent.sh", "cat > /dev/null\n"
                + "echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"result\":\"API Error: 500 internal\","
                + "\"num_turns\":2,\"total_cost_usd\":0.25,\"session_id\":\"s-1\"}'");

        RunResult result = run(plans.build(), harness.settings(1, 1), agent.toString());

        TaskResult t009 = result.tasks().get("T009");
        assertThat(t009.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(t009.attempts().get(0).exitCode()).hasValue(0);
        assertThat(t009.reason().orElseThrow()).isEqualTo("error: exit 0: API Error: 500 internal");
        assertThat(result.agentUsage().orElseThrow().costUsd()).contains(0.25);
        assertThat(t009.attempts().get(0).agent().orElseThrow().usage().sessionId()).contains("s-1");
    }

    @Test
    void aRateLimitPausesNewAgentStartsThenTheRetrySucceedsAndCostsAddUp() throws Exception {
        Plans plans = Plans.plan();
        plans.agentTask("T010");
        plans.task("T011", "true");
        Path agent = agent("limited-agent.sh", "cat > /dev/null\n"
                + "if [ \"$ORCHESTRATE_ATTEMPT\" = 1 ]; then\n"
                + "  echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"result\":\"API Error: 429 rate_limit_error\","
                + "\"num_turns\":1,\"total_cost_usd\":0.01,\"session_id\":\"s-1\"}'; exit 1\n"
                + "fi\n"
                + "echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"done\","
                + "\"num_turns\":3,\"total_cost_usd\":0.02,\"session_id\":\"s-2\","
                + "\"usage\":{\"input_tokens\":100,\"output_tokens\":20}}'");
        RunSettings settings = harness.settings(2, 3).withRateLimitPause(Duration.ofMillis(800));

        RunResult result = run(plans.build(), settings, agent.toString());

        TaskResult t010 = result.tasks().get("T010");
        assertThat(t010.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t010.attempts()).hasSize(2);
        assertThat(t010.attempts().get(0).agent().orElseThrow().failure()).contains(FailureClass.RATE_LIMIT);
        assertThat(harness.events(Event.AgentsPaused.class)).singleElement()
                .satisfies(paused -> assertThat(paused.pause()).isBetween(Duration.ofMillis(600), Duration.ofMillis(800)));
        Duration waited = Duration.between(t010.attempts().get(0).endedAt(), t010.attempts().get(1).startedAt());
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(result.tasks().get("T011").status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(result.agentUsage().orElseThrow().costUsd()).hasValueSatisfying(cost -> assertThat(cost).isCloseTo(0.03, within(1e-9)));
        assertThat(result.agentUsage().orElseThrow().turns()).contains(4);
        assertThat(t010.attempts().get(1).agent().orElseThrow().usage().sessionId()).contains("s-2");
        assertThat(result.agentUsage().orElseThrow().sessionId()).as("a total over sessions has none").isEmpty();
    }

    @Test
    void filesChangedOutsideTheDeclaredOnesAreReported() throws Exception {
        git("init", "-q");
        Files.writeString(harness.root.resolve("tracked.txt"), "v1\n");
        git("add", ".");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init");
        Plans plans = Plans.plan();
        plans.agentTask("T012").files("src/mine.txt");
        Path agent = agent("sprawling-agent.sh", "mkdir -p src; echo ok > src/mine.txt; echo v2 > tracked.txt; echo x > stray.txt");

        RunResult result = run(plans.build(), harness.settings(1, 1), agent.toString());

        assertThat(result.tasks().get("T012").status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(result.tasks().get("T012").attempts().get(0).agent().orElseThrow().changedOutside())
                .containsExactly("stray.txt", "tracked.txt");
        assertThat(harness.events(Event.FilesChangedOutside.class)).singleElement()
                .satisfies(e -> assertThat(e.files()).containsExactly("stray.txt", "tracked.txt"));
    }

    @Test
    void aProgramThatCannotBeRunIsNamedBeforeAnyTaskStarts(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path script = dir.resolve("agent.sh");
        java.nio.file.Files.writeString(script, "#!/bin/sh\n");
        Path plain = dir.resolve("plain.txt");
        java.nio.file.Files.writeString(plain, "");
        script.toFile().setExecutable(true);

        assertThat(AgentExecutor.notRunnable(AgentCommand.parse("sh -c true"), System.getenv("PATH"))).isEmpty();
        assertThat(AgentExecutor.notRunnable(AgentCommand.parse(script.toString()), null)).isEmpty();
        assertThat(AgentExecutor.notRunnable(AgentCommand.parse("claude"), dir.toString())).contains(
                "claude is not on the PATH (install it, or give --agent a command line)");
        assertThat(AgentExecutor.notRunnable(AgentCommand.parse("my-agent --fast"), dir.toString())).contains("my-agent is not on the PATH");
        assertThat(AgentExecutor.notRunnable(AgentCommand.parse(plain + " {prompt}"), null)).contains(plain + " is not an executable file");
    }

    @Test
    void filesDeclaredByATaskThatMayRunBesideItAreNotPutDownToTheAgent() throws Exception {
        Plans plans = Plans.plan();
        plans.agentTask("A").files("a.txt");
        plans.agentTask("B").files("b.txt");
        plans.agentTask("C").files("c.txt").dependsOn("A");
        ExecutionPlan plan = plans.build();
        AgentExecutor agents = new AgentExecutor(AgentCommand.parse("true"), plan, "", Duration.ofMinutes(1),
                new ChangedFiles(harness.root));

        assertThat(agents.mayChange(plan.task("A"))).containsExactlyInAnyOrder("a.txt", "b.txt");
        assertThat(agents.mayChange(plan.task("B"))).containsExactlyInAnyOrder("b.txt", "a.txt", "c.txt");
    }

    private void git(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        Process git = new ProcessBuilder(argv).directory(harness.root.toFile()).inheritIO().start();
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).isZero();
    }

    private static void awaitGone(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Harness.processesWith(marker).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Harness.processesWith(marker)).isEmpty();
    }
}
