package dev.orchestrate;

import dev.orchestrate.run.ExitCode;
import dev.orchestrate.task.TaskFileLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Where a run's files are, as the user named them from the working directory: the task file, the
 * project root and the session folder (SPEC §1–§3), and how a path is shown back.
 */
public final class RunPaths {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** The largest task file read (SPEC §1): far above any real one, far below what fills the heap. */
    static final long MAX_TASK_FILE_BYTES = 16L * 1024 * 1024;

    private final Path workingDir;
    private final RunRequest request;
    private final Clock clock;

    RunPaths(Path workingDir, RunRequest request, Clock clock) {
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.request = request;
        this.clock = clock;
    }

    Path workingDir() {
        return workingDir;
    }

    /** The task file given, else found (SPEC §2); a usage error when there is none. */
    TaskFileLocator.Located taskFile() {
        return taskFile(workingDir, request.tasks().file());
    }

    /** The task file given (from {@code workingDir}), else found there, for a run and for {@code export} alike. */
    public static TaskFileLocator.Located taskFile(Path workingDir, Optional<Path> given) {
        if (given.isPresent()) {
            return new TaskFileLocator.Located(workingDir.resolve(given.get()).normalize(), false);
        }
        return TaskFileLocator.locate(workingDir).orElseThrow(() -> new OrchestrateException(ExitCode.USAGE,
                "no task file given and none found in " + workingDir + " (looked for "
                        + String.join(", ", TaskFileLocator.PLACES) + ")"));
    }

    /**
     * A task file is a regular file of at most {@link #MAX_TASK_FILE_BYTES}: a FIFO would block the
     * read forever, {@code /dev/zero} would fill the heap.
     */
    void requireReadable(Path file) {
        if (!Files.exists(file)) {
            return; // the parser says so, with its own words
        }
        if (!Files.isRegularFile(file)) {
            throw new OrchestrateException(ExitCode.USAGE, display(file) + ": not a regular file"
                    + (Files.isDirectory(file) ? " (a folder)" : " (a device, a FIFO or a socket)"));
        }
        try {
            long size = Files.size(file);
            if (size > MAX_TASK_FILE_BYTES) {
                throw new OrchestrateException(ExitCode.USAGE, display(file) + ": " + size
                        + " bytes, more than a task file may have (" + MAX_TASK_FILE_BYTES / (1024 * 1024) + " MiB)");
            }
        } catch (IOException e) {
            throw new OrchestrateException(ExitCode.USAGE, display(file) + ": cannot be read: " + e.getMessage());
        }
    }

    /** {@code --root}, else the git work tree holding the task file, else the working directory; a usage error when it is not a folder. */
    Path root(Path taskFile) {
        Path root = request.tasks().root().map(this::absolute).orElseGet(() -> gitWorkTree(taskFile));
        if (!Files.isDirectory(root)) {
            throw new OrchestrateException(ExitCode.USAGE, "--root " + root + ": not a directory");
        }
        return root;
    }

    /** {@code --session-dir}, else beside the task file, else (for a plan.md) a new stamped folder under .tmp (SPEC §3). */
    Path sessionDir(TaskFileLocator.Located located) {
        if (request.results().sessionDir().isPresent()) {
            return absolute(request.results().sessionDir().get());
        }
        if (located.plan()) {
            String stamp = STAMP.format(clock.instant().atZone(ZoneId.systemDefault()));
            return workingDir.resolve(".tmp").resolve(stamp + "-parallel").resolve("parallel-session");
        }
        return located.file().getParent().resolve("parallel-session");
    }

    private Path gitWorkTree(Path taskFile) {
        for (Path dir = taskFile.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return workingDir;
    }

    Path absolute(Path path) {
        return workingDir.resolve(path).normalize();
    }

    /** A path under the working directory as the user would type it, anything else in full. */
    String display(Path path) {
        return path.startsWith(workingDir) ? workingDir.relativize(path).toString() : path.toString();
    }
}
