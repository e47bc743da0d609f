package dev.orchestrate.run;

import dev.orchestrate.plan.PlannedTask;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs a task's shell command with {@code bash -e -o pipefail -c} (or {@code sh -e -c} where there
 * is no bash): the command is one argument, never spliced into a shell string.
 */
public final class ShellExecutor implements TaskExecutor {

    private final List<String> shell;

    /** Uses bash when it is on the PATH, else sh. */
    public ShellExecutor() {
        this(findOnPath("bash")
                .map(bash -> List.of(bash.toString(), "-e", "-o", "pipefail", "-c"))
                .orElse(List.of("sh", "-e", "-c")));
    }

    /** Runs commands with {@code shell} followed by the command as its last argument. */
    public ShellExecutor(List<String> shell) {
        this.shell = List.copyOf(shell);
    }

    /** The words before the command. */
    public List<String> shell() {
        return shell;
    }

    @Override
    public Execution start(PlannedTask task, AttemptContext context) throws IOException {
        String command = task.task().command()
                .orElseThrow(() -> new IOException("no shell command (an agent task needs --agent)"));
        List<String> argv = new ArrayList<>(shell.size() + 1);
        argv.addAll(shell);
        argv.add(command);
        return Execution.of(AttemptContext.startWithoutInput(context.processBuilder(argv)));
    }

    static Optional<Path> findOnPath(String program) {
        return findOnPath(program, System.getenv("PATH"));
    }

    /** The executable file {@code program} names in one of the {@code path} folders ({@code null}: none). */
    static Optional<Path> findOnPath(String program, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
