package dev.orchestrate.run.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes: the prompt reaches the agent byte for byte, and nothing in it ever runs. */
class PromptDeliveryTest {

    /** Shell-active text a shell would run if the prompt were ever pasted into a command line. */
    static final String HOSTILE = "# Task T001: $(touch pwned) and `touch pwned2`\n"
            + "it's \"quoted\" 'twice' ; touch pwned3 && echo $HOME | tee pwned4\n"
            + "\\ backslash \\n not-a-newline\n\ttab, ünïcödé 🚀, ${PATH:0:1}, !! !$ *\n\n\n";

    @TempDir
    Path dir;

    static String hostile(int bytes) {
        StringBuilder text = new StringBuilder(HOSTILE);
        while (text.length() < bytes) {
            text.append("line ").append(text.length()).append(": keep $(this) `verbatim` 'please' \"ok\"\n");
        }
        return text.toString();
    }

    Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    Process start(List<String> argv, Path log) throws IOException {
        return new ProcessBuilder(argv).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
    }

    /** Starts T001 as {@code --agent commandLine} would, with {@code prompt}; {@code onStdin}: whether it takes the prompt on stdin. */
    Process startAsAgent(String commandLine, String prompt, boolean onStdin) throws IOException {
        AgentCommand command = AgentCommand.parse(commandLine);
        assertThat(command.promptOnStdin()).isEqualTo(onStdin);
        return start(command.argv("T001", prompt, null, dir), dir.resolve("T001.log"));
    }

    void assertNothingRan() {
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(dir.resolve("pwned2")).doesNotExist();
        assertThat(dir.resolve("pwned3")).doesNotExist();
        assertThat(dir.resolve("pwned4")).doesNotExist();
    }

    @Test
    void aPromptOf300KbArrivesOnStdinByteForByteAndNothingInItRuns() throws Exception {
        Path agent = script("agent.sh", "cat > received\n");
        String prompt = hostile(300 * 1024);
        Process process = startAsAgent("'" + agent + "'", prompt, true);
        PromptFeeder.Fed fed = PromptFeeder.feed(process, prompt.getBytes(StandardCharsets.UTF_8), "T001").get(10, TimeUnit.SECONDS);

        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fed.complete()).isTrue();
        assertThat(fed.bytesWritten()).isEqualTo(prompt.getBytes(StandardCharsets.UTF_8).length);
        assertThat(Files.readString(dir.resolve("received"))).isEqualTo(prompt);
        assertNothingRan();
    }

    @Test
    void feedingNeverDeadlocksWithAChildThatFillsItsStdoutPipeBeforeReading() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            // writes 1 MB before reading a byte: with a pipe nobody drains while stdin is written, both would block
            Path agent = script("chatty.sh", "head -c 1048576 /dev/zero\ncat > received\n");
            String prompt = hostile(300 * 1024);
            Process process = new ProcessBuilder(agent.toString()).directory(dir.toFile()).start();

            PromptFeeder.feed(process, prompt.getBytes(StandardCharsets.UTF_8), "T001");
            long drained;
            try (InputStream stdout = process.getInputStream()) {
                drained = stdout.transferTo(java.io.OutputStream.nullOutputStream());
            }

            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(drained).isEqualTo(1_048_576);
            assertThat(Files.readString(dir.resolve("received"))).isEqualTo(prompt);
        });
    }

    @Test
    void anAgentThatExitsWithoutReadingItsPromptDoesNotCrashTheFeeder() throws Exception {
        Path agent = script("quitter.sh", "echo 'not reading that'\nexit 3\n");
        Process process = start(List.of(agent.toString()), dir.resolve("T001.log"));
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

        PromptFeeder.Fed fed = PromptFeeder.feed(process, hostile(300 * 1024).getBytes(StandardCharsets.UTF_8), "T001")
                .get(10, TimeUnit.SECONDS);

        assertThat(fed.complete()).isFalse();
        assertThat(fed.bytesWritten()).isLessThan(fed.bytesTotal());
        assertThat(process.exitValue()).isEqualTo(3);
    }

    @Test
    void anAgentThatClosesStdinHalfWayEndsTheFeedingQuietly() throws Exception {
        Path agent = script("half.sh", "head -c 1000 > received\nexec 0<&-\nsleep 0.3\n");
        Process process = start(List.of(agent.toString()), dir.resolve("T001.log"));

        PromptFeeder.Fed fed = PromptFeeder.feed(process, hostile(300 * 1024).getBytes(StandardCharsets.UTF_8), "T001")
                .get(10, TimeUnit.SECONDS);

        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fed.complete()).isFalse();
        assertThat(Files.size(dir.resolve("received"))).isEqualTo(1000);
        assertNothingRan();
    }

    @Test
    void aPromptArrivesVerbatimAsTheSinglePromptArgument() throws Exception {
        Path agent = script("argv.sh", "printf '%s' \"$#\" > argc\nprintf '%s' \"$2\" > received\n");
        String prompt = hostile(100 * 1024);
        Process process = startAsAgent("'" + agent + "' --prompt {prompt}", prompt, false);
        process.getOutputStream().close();

        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("argc"))).isEqualTo("2");
        assertThat(Files.readString(dir.resolve("received"))).isEqualTo(prompt);
        assertNothingRan();
    }

    @Test
    void aPromptTooBigForOneArgumentIsRefusedBeforeAnythingStarts() {
        AgentCommand command = AgentCommand.parse("agent {prompt}");
        assertThatThrownBy(() -> command.argv("T001", hostile(300 * 1024), null, dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than one command-line argument can carry");
    }

    @Test
    void aPromptFileAndTheTaskIdAndWorkdirArriveAsOneArgumentEach() throws Exception {
        Path agent = script("file.sh", "cat -- \"$1\" > received\nprintf '%s|%s|%s' \"$#\" \"$2\" \"$3\" > args\n");
        Path work = Files.createDirectories(dir.resolve("work dir"));
        Path promptFile = dir.resolve("logs dir/T 001.prompt.md");
        String text = hostile(300 * 1024);
        Prompt prompt = new Prompt("T 001", text);
        prompt.writeTo(promptFile);
        AgentCommand command = AgentCommand.parse("'" + agent + "' {prompt_file} {task_id} {workdir}");

        Process process = start(command.argv("T 001", text, promptFile, work), dir.resolve("T001.log"));
        process.getOutputStream().close();

        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("received"))).isEqualTo(text);
        assertThat(Files.readString(dir.resolve("args"))).isEqualTo("3|T 001|" + work);
        assertNothingRan();
    }

    @Test
    void theAgentRunsWithoutTheClaudeNestingVariablesAndWithItsOrchestrateVariables() throws Exception {
        Path agent = script("env.sh", "env > env.txt\n");
        ProcessBuilder builder = new ProcessBuilder(agent.toString()).directory(dir.toFile());
        Map<String, String> inherited = new HashMap<>(builder.environment());
        inherited.put("CLAUDECODE", "1");
        inherited.put("CLAUDE_CODE_ENTRYPOINT", "cli");
        builder.environment().putAll(inherited);
        new AgentEnvironment("T004", "worker-3", 2, dir.resolve("session")).applyToAgent(builder.environment());

        Process process = builder.start();
        process.getOutputStream().close();

        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(dir.resolve("env.txt"));
        assertThat(lines).contains("ORCHESTRATE_TASK_ID=T004", "ORCHESTRATE_WORKER_ID=worker-3", "ORCHESTRATE_ATTEMPT=2",
                "ORCHESTRATE_SESSION_DIR=" + dir.resolve("session"));
        assertThat(lines).noneMatch(l -> l.startsWith("CLAUDECODE=") || l.startsWith("CLAUDE_CODE_ENTRYPOINT="));
    }
}
