package dev.orchestrate.scout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs git read-only in one folder, with a time limit. Several commands may be started at once and
 * read one after another on the calling thread; a command that outlives its limit is killed.
 */
final class Git {

    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private final Path dir;
    private final String executable;
    private final Duration limit;

    Git(Path dir, String executable, Duration limit) {
        this.dir = dir;
        this.executable = executable;
        this.limit = limit;
    }

    /** What one git command gave: its exit code, stdout as bytes, stderr as text. */
    record Result(List<String> args, int exitCode, byte[] out, String err, boolean timedOut) {

        boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        String text() {
            return new String(out, StandardCharsets.UTF_8).strip();
        }

        /** The NUL-separated entries of a {@code -z} output, empty ones left out. */
        List<String> entries() {
            List<String> entries = new ArrayList<>();
            String all = new String(out, StandardCharsets.UTF_8);
            int start = 0;
            while (start < all.length()) {
                int end = all.indexOf('\0', start);
                if (end < 0) {
                    end = all.length();
                }
                String entry = all.substring(start, end);
                if (entry.startsWith("\n")) {
                    entry = entry.substring(1);
                }
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
                start = end + 1;
            }
            return entries;
        }

        /** Why it failed, in one line: {@code git ls-files: timed out after 10s} or the first line git printed. */
        String problem() {
            String command = "git " + args.get(0);
            if (timedOut) {
                return command + " timed out";
            }
            String first = err.strip().lines().findFirst().orElse("exit code " + exitCode);
            return command + ": " + first;
        }
    }

    /** A started command. */
    final class Running {
        private final List<String> args;
        private final Process process;
        private final AtomicBoolean timedOut;
        private final ScheduledFuture<?> kill;

        private Running(List<String> args, Process process, AtomicBoolean timedOut, ScheduledFuture<?> kill) {
            this.args = args;
            this.process = process;
            this.timedOut = timedOut;
            this.kill = kill;
        }

        /** Reads the whole output and waits for the end; a command that cannot run gives exit code -1. */
        Result finish() {
            try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
                byte[] bytes = out.readAllBytes();
                // git writes little to stderr; reading it after stdout cannot stall for long, and the watchdog bounds it
                String errors = new String(err.readAllBytes(), StandardCharsets.UTF_8);
                int code = process.waitFor();
                return new Result(args, code, bytes, errors, timedOut.get());
            } catch (IOException e) {
                return new Result(args, -1, new byte[0], String.valueOf(e.getMessage()), timedOut.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                return new Result(args, -1, new byte[0], "interrupted", false);
            } finally {
                kill.cancel(false);
            }
        }
    }

    /**
     * Starts {@code git <args>} in the folder.
     *
     * @throws IOException when git cannot be started (not installed, folder gone)
     */
    Running start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.add("--no-optional-locks");
        command.add("-c");
        command.add("core.quotepath=off");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Map<String, String> env = builder.environment();
        env.put("GIT_OPTIONAL_LOCKS", "0");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("LC_ALL", "C");
        env.remove("GIT_DIR");
        env.remove("GIT_WORK_TREE");
        env.remove("GIT_INDEX_FILE");
        Process process = builder.start();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> kill = WATCHDOG.schedule(() -> {
            if (process.isAlive()) {
                timedOut.set(true);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        return new Running(List.of(args), process, timedOut, kill);
    }

    /** Runs one command to its end. */
    Result run(String... args) throws IOException {
        return start(args).finish();
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "scout-git-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
