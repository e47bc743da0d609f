package dev.orchestrate.run.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orchestrate.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in agent and the example task list in {@code examples/agents/}, used the way the engine will use them. */
class ExampleAgentTest {

    static final Path EXAMPLES = Path.of("examples/agents").toAbsolutePath();
    static final Path FAKE_AGENT = EXAMPLES.resolve("fake-agent.sh");

    @TempDir
    Path project;

    @BeforeEach
    void examplesArePresent() {
        assumeTrue(Files.isExecutable(FAKE_AGENT), "examples/agents/fake-agent.sh is not in the working directory");
    }

    private final Task task = PromptTest.task("T005", "Add the today command", "Pick a quote from the day of the year.");
    private final List<String> declared = List.of("demo/quotes/cli.py", "demo/quotes/more files/notes.md");

    /** Starts the agent the way the engine does: project root, agent environment, output appended to the task log. */
    Process start(AgentCommand command, Prompt prompt, Path promptFile, Path log, String outcome) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command.argv(prompt.taskId(), prompt.text(), promptFile, project))
                .directory(project.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        new AgentEnvironment(prompt.taskId(), "worker-1", 1, project.resolve("session")).applyToAgent(builder.environment());
        builder.environment().put("FAKE_AGENT_SLEEP", "0");
        builder.environment().put("FAKE_AGENT_OUTCOME", outcome);
        return builder.start();
    }

    /** Waits for the agent to exit, then classifies its attempt from the log, read from {@code attemptStart}. */
    private static AgentOutcome outcomeOf(Process process, Path log, long attemptStart, AgentCommand command) throws Exception {
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return AgentOutcome.classify(AgentExit.exited(process.exitValue()), log, attemptStart, command);
    }

    @Test
    void theFakeAgentReadsThePromptOnStdinWritesTheDeclaredFilesAndPrintsAClaudeResult() throws Exception {
        AgentCommand command = AgentCommand.parse("'" + FAKE_AGENT + "'");
        Prompt prompt = Prompt.of(task, declared, List.of(), "Python 3.12, pytest");
        Path log = project.resolve("T005.log");
        Files.writeString(log, "=== T005 attempt 1 on worker-1 ===\n");
        long attemptStart = Files.size(log);

        Process process = start(command, prompt, null, log, "success");
        PromptFeeder.feed(process, prompt);

        AgentOutcome outcome = outcomeOf(process, log, attemptStart, command);
        assertThat(outcome.succeeded()).as(Files.readString(log)).isTrue();
        assertThat(outcome.usage().sessionId()).hasValueSatisfying(id -> assertThat(id).startsWith("fake-T005-"));
        assertThat(outcome.usage().turns()).contains(1);
        assertThat(outcome.usage().costUsd()).contains(0.0);
        assertThat(project.resolve("demo/quotes/cli.py")).hasContent("# T005: Add the today command (fake-agent, attempt 1)");
        assertThat(project.resolve("demo/quotes/more files/notes.md")).exists();
    }

    @Test
    void theFakeAgentReadsAPromptFileWhenGivenOne() throws Exception {
        AgentCommand command = AgentCommand.parse("'" + FAKE_AGENT + "' --prompt-file {prompt_file}");
        Prompt prompt = Prompt.of(task, declared, List.of(), "");
        Path promptFile = project.resolve("session/logs/T005.prompt.md");
        prompt.writeTo(promptFile);
        Path log = project.resolve("T005.log");

        Process process = start(command, prompt, promptFile, log, "success");
        process.getOutputStream().close();

        assertThat(outcomeOf(process, log, 0, command).succeeded()).isTrue();
        assertThat(project.resolve("demo/quotes/cli.py")).exists();
    }

    @Test
    void theFakeAgentCanPretendToBeRateLimited() throws Exception {
        AgentCommand command = AgentCommand.parse("'" + FAKE_AGENT + "'");
        Prompt prompt = Prompt.of(task, declared, List.of(), "");
        Path log = project.resolve("T005.log");

        Process process = start(command, prompt, null, log, "rate_limit");
        PromptFeeder.feed(process, prompt);

        AgentOutcome outcome = outcomeOf(process, log, 0, command);
        assertThat(outcome.failure()).contains(FailureClass.RATE_LIMIT);
        assertThat(project.resolve("demo")).doesNotExist();
    }

    @Test
    void theExampleTaskListIsSpecKitWithThreePhasesSixTasksAndParallelMarkers() throws Exception {
        String tasks = Files.readString(EXAMPLES.resolve("tasks.md"));
        assertThat(Pattern.compile("(?m)^## Phase \\d+: ").matcher(tasks).results().count()).isEqualTo(3);
        Matcher task = Pattern.compile("(?m)^- \\[ \\] (T\\d{3}) (.*)$").matcher(tasks);
        int count = 0;
        while (task.find()) {
            count++;
            assertThat(task.group(2)).as(task.group(1)).contains("`examples/agents/demo/");
        }
        assertThat(count).isEqualTo(6);
        assertThat(tasks).contains("T002 [P] ", "T005 [P] [US1] ").doesNotContain("```bash");
    }

    @Test
    void theReadmeShowsEveryProfilesExactCommandAndPermissionMode() throws Exception {
        String readme = Files.readString(EXAMPLES.resolve("README.md"));
        for (AgentProfile profile : AgentProfile.values()) {
            assertThat(readme).as(profile.profileName())
                    .contains("| `" + profile.profileName() + "` | `" + String.join(" ", profile.template()) + "` |")
                    .contains("**" + profile.profileName() + "** — `" + profile.permissions().mode() + "`")
                    .contains("--agent " + profile.profileName() + "\n");
        }
    }
}
