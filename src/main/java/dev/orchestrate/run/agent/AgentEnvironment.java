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

    /** A shell task's environment: {@code inherited} plus {@link #variables()}. */
    public Map<String, String> forShell(Map<String, String> inherited) {
        Map<String, String> env = new LinkedHashMap<>(inherited);
        env.putAll(variables());
        return Collections.unmodifiableMap(env);
    }

    /** An agent task's environment: {@link #forShell} without {@link #REMOVED_FOR_AGENTS}. */
    public Map<String, String> forAgent(Map<String, String> inherited) {
        Map<String, String> env = new LinkedHashMap<>(inherited);
        REMOVED_FOR_AGENTS.forEach(env::remove);
        env.putAll(variables());
        return Collections.unmodifiableMap(env);
    }

    /** Replaces {@code environment} (a {@link ProcessBuilder#environment()}) with {@link #forAgent} of itself. */
    public void applyToAgent(Map<String, String> environment) {
        Map<String, String> agent = forAgent(environment);
        environment.clear();
        environment.putAll(agent);
    }

    /** Replaces {@code environment} (a {@link ProcessBuilder#environment()}) with {@link #forShell} of itself. */
    public void applyToShell(Map<String, String> environment) {
        environment.putAll(variables());
    }
}
