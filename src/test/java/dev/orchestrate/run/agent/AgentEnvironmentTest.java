package dev.orchestrate.run.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentEnvironmentTest {

    private final AgentEnvironment env = new AgentEnvironment("T003", "worker-2", 2, Path.of("/work/.tmp/parallel-session"));
    private final Map<String, String> inherited = Map.of(
            "PATH", "/usr/bin", "HOME", "/home/u", "CLAUDECODE", "1", "CLAUDE_CODE_ENTRYPOINT", "cli",
            "ORCHESTRATE_ATTEMPT", "stale");

    @Test
    void anAgentSeesWhoRunsWhichTaskAndNothingThatMakesClaudeThinkItIsNested() {
        Map<String, String> agent = new HashMap<>(inherited);
        env.applyToAgent(agent);
        assertThat(agent)
                .containsEntry("ORCHESTRATE_TASK_ID", "T003")
                .containsEntry("ORCHESTRATE_WORKER_ID", "worker-2")
                .containsEntry("ORCHESTRATE_ATTEMPT", "2")
                .containsEntry("ORCHESTRATE_SESSION_DIR", "/work/.tmp/parallel-session")
                .containsEntry("PATH", "/usr/bin")
                .containsEntry("HOME", "/home/u")
                .doesNotContainKeys("CLAUDECODE", "CLAUDE_CODE_ENTRYPOINT");
    }

    @Test
    void aShellTaskSeesTheSameVariablesButKeepsEverythingInherited() {
        Map<String, String> shell = new HashMap<>(inherited);
        env.applyToShell(shell);
        assertThat(shell)
                .containsEntry("ORCHESTRATE_TASK_ID", "T003")
                .containsEntry("ORCHESTRATE_ATTEMPT", "2")
                .containsEntry("CLAUDECODE", "1")
                .containsEntry("CLAUDE_CODE_ENTRYPOINT", "cli");
    }

    @Test
    void applyingToAProcessBuilderEnvironmentChangesItInPlace() {
        ProcessBuilder agent = new ProcessBuilder("true");
        agent.environment().putAll(inherited);
        env.applyToAgent(agent.environment());
        assertThat(agent.environment()).containsEntry("ORCHESTRATE_ATTEMPT", "2").containsEntry("PATH", "/usr/bin")
                .doesNotContainKeys("CLAUDECODE", "CLAUDE_CODE_ENTRYPOINT");
        ProcessBuilder shell = new ProcessBuilder("true");
        shell.environment().putAll(inherited);
        env.applyToShell(shell.environment());
        assertThat(shell.environment()).containsEntry("ORCHESTRATE_ATTEMPT", "2").containsEntry("CLAUDECODE", "1");
    }

    @Test
    void theSessionDirIsPassedAbsolute() {
        AgentEnvironment relative = new AgentEnvironment("T1", "worker-1", 1, Path.of("rel/session"));
        assertThat(Path.of(relative.variables().get("ORCHESTRATE_SESSION_DIR"))).isAbsolute();
    }

    @Test
    void attemptsCountFromOne() {
        assertThatThrownBy(() -> new AgentEnvironment("T1", "worker-1", 0, Path.of("/s")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
