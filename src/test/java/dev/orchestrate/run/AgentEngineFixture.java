package dev.orchestrate.run;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Executor;
import dev.orchestrate.run.agent.ChangedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the engine's agent tests share: a project and session in a temp folder, stand-in agents
 * written there as small bash scripts, and a run whose agent tasks go to an {@link AgentExecutor}
 * and whose shell tasks go to the shell.
 */
abstract class AgentEngineFixture extends HarnessFixture {


    /** An executable bash script at {@code script} ({@code set -u}, then {@code body}). */
    static Path executable(Path script, String body) throws IOException {
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/usr/bin/env bash\nset -u\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** What the agents change, watched in the project root, the session folder left out. */
    ChangedFiles changedFiles() {
        return new ChangedFiles(harness.root, Duration.ofSeconds(10), List.of(harness.session.dir()));
    }

    /** Runs {@code plan}: agent tasks through {@code agents}, shell tasks through the shell. */
    RunResult run(ExecutionPlan plan, RunSettings settings, AgentExecutor agents) {
        TaskExecutor executor = TaskExecutor.byKind(Map.of(Executor.SHELL, new ShellExecutor(), Executor.AGENT, agents));
        return harness.run(plan, settings, executor, Thread::new);
    }
}
