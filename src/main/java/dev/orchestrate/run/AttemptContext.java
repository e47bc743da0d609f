package dev.orchestrate.run;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an executor needs to start one attempt of a task.
 *
 * @param worker      the worker running it ({@code worker-2})
 * @param attempt     1-based attempt number
 * @param maxAttempts attempts allowed in all
 * @param root        the working directory
 * @param sessionDir  the session folder
 * @param log         the task's log file: stdout and stderr are appended to it
 * @param environment variables to set over the inherited environment (the {@code ORCHESTRATE_*} ones included)
 */
public record AttemptContext(String worker, int attempt, int maxAttempts, Path root, Path sessionDir, Path log,
                             Map<String, String> environment) {

    private static final File DEV_NULL = new File("/dev/null");
    /** util-linux setsid: the attempt leads a session and process group of its own (empty where there is none). */
    private static final Optional<String> SETSID = ShellExecutor.findOnPath("setsid").map(Path::toString);

    public AttemptContext {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(sessionDir, "sessionDir");
        Objects.requireNonNull(log, "log");
        environment = Map.copyOf(environment);
    }

    /** The same attempt, run in another directory (its worktree, under {@code --isolation worktree}). */
    public AttemptContext withRoot(Path other) {
        return new AttemptContext(worker, attempt, maxAttempts, other, sessionDir, log, environment);
    }

    /**
     * A process of this attempt: {@code argv} run in the root, stdout and stderr appended to the
     * log, {@link #environment()} over the inherited environment, in a session and process group
     * of its own (through {@code setsid}, which execs in place: the process's pid leads the group).
     * So the signal a terminal or a CI sends to orchestrate's process group reaches orchestrate
     * alone, and orchestrate stops the attempt (SPEC §5.7).
     */
    public ProcessBuilder processBuilder(List<String> argv) {
        List<String> command = argv;
        if (SETSID.isPresent()) {
            command = new ArrayList<>(argv.size() + 1);
            command.add(SETSID.get());
            command.addAll(argv);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder;
    }

    /** Starts {@code builder} with nothing on stdin: {@code /dev/null}, else a pipe closed at once. */
    public static Process startWithoutInput(ProcessBuilder builder) throws IOException {
        if (DEV_NULL.exists()) {
            return builder.redirectInput(Redirect.from(DEV_NULL)).start();
        }
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }
}
