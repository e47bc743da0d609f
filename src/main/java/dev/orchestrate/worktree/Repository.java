package dev.orchestrate.worktree;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code git}, run in one directory with argv lists (never a shell string). The variables
 * that would point git at another repository ({@code GIT_DIR}, {@code GIT_WORK_TREE},
 * {@code GIT_INDEX_FILE}) are removed; hooks never run ({@code core.hooksPath=/dev/null}): the
 * plumbing orchestrate does is its own, not a user's commit or checkout.
 */
final class Repository {

    /** What git is never allowed to inherit. */
    static final List<String> REMOVED_VARIABLES = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_CEILING_DIRECTORIES");
    private static final long TIME_LIMIT_SECONDS = 300;

    /** One finished git command. */
    record Result(int exitCode, String out, String err) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private final Path dir;
    private final Map<String, String> environment;

    /** @param environment set over the inherited variables of every command (the commit identity) */
    Repository(Path dir, Map<String, String> environment) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.environment = Map.copyOf(environment);
    }

    Path dir() {
        return dir;
    }

    /** The same identity, in another directory (a worktree). */
    Repository in(Path other) {
        return new Repository(other, environment);
    }

    /** Runs {@code git args…}; the caller judges the exit code. */
    Result run(String... args) {
        return run(List.of(args));
    }

    Result run(List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 4);
        argv.add("git");
        argv.add("--no-optional-locks"); // git status must not refresh the user's index
        argv.add("-c");
        argv.add("core.hooksPath=/dev/null");
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
        REMOVED_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process process = builder.start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(process.getErrorStream(), err), "git-stderr");
            errReader.setDaemon(true);
            errReader.start();
            byte[] out = process.getInputStream().readAllBytes();
            boolean ended = waitUninterruptibly(process);
            if (!ended) {
                process.destroyForcibly();
                throw new GitException("git " + String.join(" ", args) + " did not finish within " + TIME_LIMIT_SECONDS + " s");
            }
            joinUninterruptibly(errReader);
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GitException("cannot run git: " + e.getMessage(), e);
        }
    }

    /** Runs {@code git args…} and returns its stdout; any exit but 0 is a {@link GitException} naming the command. */
    String output(String... args) {
        Result result = run(args);
        if (!result.ok()) {
            throw failure(List.of(args), result);
        }
        return result.out();
    }

    /** Like {@link #output} with the trailing newline removed: one OID, one name. */
    String line(String... args) {
        return output(args).strip();
    }

    static GitException failure(List<String> args, Result result) {
        String why = result.err().strip();
        int newline = why.indexOf('\n');
        return new GitException("git " + String.join(" ", args) + " failed (exit " + result.exitCode() + ")"
                + (why.isEmpty() ? "" : ": " + (newline < 0 ? why : why.substring(0, newline))));
    }

    // git's own work is seconds at most: finish it even when the worker is being stopped
    private static boolean waitUninterruptibly(Process process) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIME_LIMIT_SECONDS);
        while (true) {
            try {
                return process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
            }
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                // keep waiting: the reader ends with the process
            }
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
