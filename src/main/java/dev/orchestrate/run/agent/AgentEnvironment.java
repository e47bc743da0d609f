package dev.orchestrate.run.agent;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The environment a task's process sees (SPEC §6): the inherited one, plus who runs which task
 * ({@code ORCHESTRATE_*}), and for an agent without the variables a Claude Code session sets for the
 * commands it runs: each agent attempt is a session of its own, not a child of the one orchestrate
 * may have been started from.
 *
 * @param sessionDir the session folder, absolute
 */
public record AgentEnvironment(String taskId, String workerId, int attempt, Path sessionDir) {

    public static final String TASK_ID = "ORCHESTRATE_TASK_ID";
    public static final String WORKER_ID = "ORCHESTRATE_WORKER_ID";
    public static final String ATTEMPT = "ORCHESTRATE_ATTEMPT";
    public static final String SESSION_DIR = "ORCHESTRATE_SESSION_DIR";

    /**
     * Set by a running Claude Code for its commands. Claude Code 2.1.39 refused to start with
     * {@code CLAUDECODE} set; 2.1.197 starts, but keeps an inherited {@code CLAUDE_CODE_ENTRYPOINT}
     * as its own and reports the parent's entry point.
     */
    public static final List<String> REMOVED_FOR_AGENTS = List.of("CLAUDECODE", "CLAUDE_CODE_ENTRYPOINT");

    public AgentEnvironment {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(sessionDir, "sessionDir");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more: " + attempt);
        }
    }

    /** The four {@code ORCHESTRATE_*} variables, in a fixed order. */
    public Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(TASK_ID, taskId);
        vars.put(WORKER_ID, workerId);
        vars.put(ATTEMPT, Integer.toString(attempt));
        vars.put(SESSION_DIR, sessionDir.toAbsolutePath().toString());
        return Collections.unmodifiableMap(vars);
    }

    /** A shell task's environment: {@code environment} (a {@link ProcessBuilder#environment()}) plus {@link #variables()}. */
    public void applyToShell(Map<String, String> environment) {
        environment.putAll(variables());
    }

    /** An agent task's environment: {@link #applyToShell} without the parent session's {@link #REMOVED_FOR_AGENTS}. */
    public void applyToAgent(Map<String, String> environment) {
        leaveParentSession(environment);
        applyToShell(environment);
    }

    /** Takes {@link #REMOVED_FOR_AGENTS} out of {@code environment}: the agent starts a session of its own. */
    public static void leaveParentSession(Map<String, String> environment) {
        REMOVED_FOR_AGENTS.forEach(environment::remove);
    }
}
