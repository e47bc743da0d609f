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
        Map<String, String> agent = env.forAgent(inherited);
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
        assertThat(env.forShell(inherited))
                .containsEntry("ORCHESTRATE_TASK_ID", "T003")
                .containsEntry("ORCHESTRATE_ATTEMPT", "2")
                .containsEntry("CLAUDECODE", "1")
                .containsEntry("CLAUDE_CODE_ENTRYPOINT", "cli");
    }

    @Test
    void applyingToAProcessBuilderEnvironmentReplacesItInPlace() {
        Map<String, String> builderEnv = new HashMap<>(inherited);
        env.applyToAgent(builderEnv);
        assertThat(builderEnv).isEqualTo(env.forAgent(inherited));
        Map<String, String> shellEnv = new HashMap<>(inherited);
        env.applyToShell(shellEnv);
        assertThat(shellEnv).isEqualTo(env.forShell(inherited));
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
