package dev.orchestrate.run.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentCommandTest {

    private static final Path PROMPT_FILE = Path.of("/s/logs/T001.prompt.md");
    private static final Path WORKDIR = Path.of("/project");

    @Test
    void claudeProfileRunsHeadlessWithJsonOutputAndAcceptEditsWithThePromptOnStdin() {
        AgentCommand claude = AgentCommand.parse("claude");
        assertThat(claude.profile()).contains(AgentProfile.CLAUDE);
        assertThat(claude.argv("T001", "do it", PROMPT_FILE, WORKDIR))
                .containsExactly("claude", "-p", "--output-format", "json", "--permission-mode", "acceptEdits");
        assertThat(claude.promptOnStdin()).isTrue();
        assertThat(claude.promisesJsonResult()).isTrue();
    }

    @Test
    void codexProfileRunsExecInTheWorkspaceWriteSandboxWithTheDashForStdin() {
        AgentCommand codex = AgentCommand.parse("codex");
        assertThat(codex.argv("T001", "do it", PROMPT_FILE, WORKDIR))
                .containsExactly("codex", "exec", "--sandbox", "workspace-write", "--skip-git-repo-check", "-");
        assertThat(codex.promptOnStdin()).isTrue();
        assertThat(codex.promisesJsonResult()).isFalse();
    }

    @Test
    void aiderProfileReadsThePromptFileAndNeverCommitsOrUpgradesItself() {
        AgentCommand aider = AgentCommand.parse("aider");
        assertThat(aider.argv("T001", "do it", PROMPT_FILE, WORKDIR))
                .containsExactly("aider", "--message-file", "/s/logs/T001.prompt.md", "--yes-always", "--no-auto-commits",
                        "--no-pretty", "--no-stream", "--no-check-update", "--no-analytics");
        assertThat(aider.promptOnStdin()).isFalse();
        assertThat(aider.needsPromptFile()).isTrue();
        assertThat(aider.promisesJsonResult()).isFalse();
    }

    @Test
    void geminiProfilePassesThePromptAsTheValueOfDashPAutoApprovesEditsAndSkipsTheTrustPrompt() {
        AgentCommand gemini = AgentCommand.parse("gemini");
        assertThat(gemini.argv("T001", "do it now", PROMPT_FILE, WORKDIR))
                .containsExactly("gemini", "-p", "do it now", "--output-format", "json", "--approval-mode", "auto_edit",
                        "--skip-trust");
        assertThat(gemini.promptOnStdin()).isFalse();
        assertThat(gemini.promisesJsonResult()).isTrue();
    }

    @Test
    void aProfileNameWithSurroundingBlanksIsStillTheProfile() {
        assertThat(AgentCommand.parse("  codex ").profile()).contains(AgentProfile.CODEX);
    }

    @Test
    void aCommandLineIsSplitIntoWordsAndRunsAsGiven() {
        AgentCommand command = AgentCommand.parse("my-agent --fast --label 'two words'");
        assertThat(command.profile()).isEmpty();
        assertThat(command.name()).isEqualTo("my-agent");
        assertThat(command.argv("T001", "p", null, null)).containsExactly("my-agent", "--fast", "--label", "two words");
        assertThat(command.promptOnStdin()).isTrue();
        assertThat(command.promisesJsonResult()).isFalse();
    }

    @Test
    void aProfileNameFollowedByFlagsIsACommandLineNotTheProfile() {
        AgentCommand command = AgentCommand.parse("claude --model opus");
        assertThat(command.profile()).isEmpty();
        assertThat(command.template()).containsExactly("claude", "--model", "opus");
    }

    @Test
    void everyPlaceholderWordBecomesExactlyOneArgument() {
        AgentCommand command = AgentCommand.parse("agent --id {task_id} --in {prompt_file} --cwd {workdir} --say {prompt}");
        String prompt = "two words\nand a line; $(rm -rf /) `x` 'q' \"d\"";
        assertThat(command.argv("T 7", prompt, Path.of("/tmp/a b/p.md"), Path.of("/w d")))
                .containsExactly("agent", "--id", "T 7", "--in", "/tmp/a b/p.md", "--cwd", "/w d", "--say", prompt);
    }

    @Test
    void aQuotedPlaceholderIsStillAPlaceholder() {
        assertThat(AgentCommand.parse("agent '{prompt}'").argv("T1", "x y", null, null)).containsExactly("agent", "x y");
    }

    @Test
    void thePromptGoesOnStdinUnlessAPromptOrPromptFileWordIsPresent() {
        assertThat(AgentCommand.parse("agent --id {task_id} --cwd {workdir}").promptOnStdin()).isTrue();
        assertThat(AgentCommand.parse("agent {prompt}").promptOnStdin()).isFalse();
        assertThat(AgentCommand.parse("agent --file {prompt_file}").promptOnStdin()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent --msg={prompt}", "agent x{task_id}", "agent {workdir}/sub", "agent '{prompt_file} '"})
    void aPlaceholderGluedToOtherTextIsRefusedRatherThanPassedLiterally(String cmd) {
        assertThatThrownBy(() -> AgentCommand.parse(cmd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a word of its own");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "''"})
    void anEmptyCommandIsAUsageError(String cmd) {
        assertThatThrownBy(() -> AgentCommand.parse(cmd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--agent needs a command")
                .hasMessageContaining("claude, codex, aider, gemini");
    }

    @Test
    void anUnterminatedQuoteIsAUsageErrorNamingTheOption() {
        assertThatThrownBy(() -> AgentCommand.parse("my-agent 'fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--agent: unterminated single quote");
    }

    @Test
    void aPromptTooLongForOneArgumentIsRefusedWithAWayOut() {
        AgentCommand gemini = AgentCommand.parse("gemini");
        String huge = "x".repeat(300 * 1024);
        assertThatThrownBy(() -> gemini.argv("T009", huge, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the prompt of T009 is 300 KiB")
                .hasMessageContaining("{prompt_file}");
        String justFits = "y".repeat(AgentCommand.MAX_ARGUMENT_BYTES);
        assertThat(gemini.argv("T009", justFits, null, null)).contains(justFits);
    }

    @Test
    void aClaudeOrGeminiCommandLineWithJsonOutputPromisesAResult() {
        assertThat(AgentCommand.parse("claude -p --output-format json --model opus").promisesJsonResult()).isTrue();
        assertThat(AgentCommand.parse("/usr/local/bin/claude -p --output-format=stream-json --verbose").promisesJsonResult()).isTrue();
        assertThat(AgentCommand.parse("gemini -o json -p {prompt}").promisesJsonResult()).isTrue();
        assertThat(AgentCommand.parse("claude -p").promisesJsonResult()).isFalse();
        assertThat(AgentCommand.parse("my-agent --output-format json").promisesJsonResult()).isFalse();
    }

    @Test
    void aRelativeProgramPathIsResolvedFromWhereTheUserTypedIt(@org.junit.jupiter.api.io.TempDir Path cwd) throws Exception {
        java.nio.file.Files.createDirectories(cwd.resolve("tools"));
        java.nio.file.Files.writeString(cwd.resolve("tools/agent.sh"), "#!/bin/sh\n");
        AgentCommand relative = AgentCommand.parse("./tools/agent.sh --fast {prompt_file}");
        assertThat(relative.resolvedFrom(cwd).template())
                .containsExactly(cwd.resolve("tools/agent.sh").toString(), "--fast", "{prompt_file}");
        AgentCommand bare = AgentCommand.parse("claude");
        assertThat(bare.resolvedFrom(cwd)).isSameAs(bare);
        AgentCommand missing = AgentCommand.parse("nowhere/agent.sh");
        assertThat(missing.resolvedFrom(cwd)).isSameAs(missing);
    }

    @Test
    void agentsThatPrintOneJsonResultAtTheEndAreKnownToBeSilentUntilDone() {
        assertThat(AgentCommand.parse("claude").silentUntilDone()).isTrue();
        assertThat(AgentCommand.parse("gemini").silentUntilDone()).isTrue();
        assertThat(AgentCommand.parse("/opt/bin/claude -p --output-format=json").silentUntilDone()).isTrue();
        assertThat(AgentCommand.parse("claude -p --output-format stream-json --verbose").silentUntilDone()).isFalse();
        assertThat(AgentCommand.parse("codex").silentUntilDone()).isFalse();
        assertThat(AgentCommand.parse("aider").silentUntilDone()).isFalse();
        assertThat(AgentCommand.parse("my-agent --output-format json").silentUntilDone()).isFalse();
    }

    @Test
    void describeSaysWhatRunsAndHowThePromptArrives() {
        assertThat(AgentCommand.parse("claude").describe())
                .isEqualTo("claude profile: claude -p --output-format json --permission-mode acceptEdits"
                        + " (prompt on stdin; prints a JSON result at the end: no inactivity limit)");
        assertThat(AgentCommand.parse("aider").describe()).startsWith("aider profile: aider --message-file {prompt_file}")
                .endsWith("(prompt in a file)");
        assertThat(AgentCommand.parse("my-agent --label 'two words' {prompt}").describe())
                .isEqualTo("command: my-agent --label 'two words' {prompt} (prompt as an argument)");
    }

    @Test
    void everyProfileSaysWhatItAllowsAndWhatItCannotDoUnattended() {
        for (AgentProfile profile : AgentProfile.values()) {
            AgentPermissions permissions = profile.permissions();
            assertThat(permissions.may()).as(profile.profileName()).isNotEmpty();
            assertThat(permissions.mayNot()).as(profile.profileName()).isNotEmpty();
            assertThat(String.join(" ", profile.template())).as(profile.profileName()).contains(permissions.mode());
        }
        assertThat(AgentProfile.CLAUDE.permissions().markdown())
                .startsWith("`--permission-mode acceptEdits`\n- may: read any file\n")
                .contains("- may not: run any other shell command");
    }
}
