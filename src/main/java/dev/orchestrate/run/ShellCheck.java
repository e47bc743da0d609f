package dev.orchestrate.run;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One command run as a step of an attempt, beside the task's own process: a check
 * ({@code Verify:}, {@code --verify}, {@code --verify-merged}) or {@code --setup}. It runs through
 * the shell in the attempt's root with the attempt's environment, its output appended to the
 * task's log under a {@code ===} line, within a time limit; its tree is stopped on time-out and
 * when the worker is stopped.
 *
 * @param label what it is, for the log and the error ({@code verify}, {@code setup})
 */
record ShellCheck(String label, String command, List<String> shell, Duration killGrace) {

    /** How many lines of a failed check's output go into the retry's prompt. */
    static final int TAIL_LINES = 20;

    ShellCheck {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(command, "command");
        shell = List.copyOf(shell);
        Objects.requireNonNull(killGrace, "killGrace");
    }

    /**
     * @param failure why it failed ({@code exit 1}, {@code timeout after 30s}); empty when it passed
     * @param tail    the last lines it printed
     */
    record Outcome(Optional<String> failure, String tail) {
        boolean passed() {
            return failure.isEmpty();
        }
    }

    /**
     * Runs it and waits.
     *
     * @throws InterruptedException when the worker is stopped meanwhile (its tree is stopped first)
     */
    Outcome run(AttemptContext context, Duration limit) throws InterruptedException {
        append(context.log(), "=== " + label + ": " + command + " ===");
        long from = size(context.log());
        List<String> argv = new ArrayList<>(shell);
        argv.add(command);
        Process process;
        try {
            process = AttemptContext.startWithoutInput(context.processBuilder(argv));
        } catch (IOException e) {
            String why = "cannot start: " + e.getMessage();
            append(context.log(), "=== " + label + " " + why + " ===");
            return new Outcome(Optional.of(why), "");
        }
        boolean exited;
        try {
            exited = process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            ProcessTree.stop(process.toHandle(), killGrace);
            append(context.log(), "=== " + label + " stopped ===");
            throw e;
        }
        Optional<String> failure;
        if (!exited) {
            ProcessTree.stop(process.toHandle(), killGrace);
            failure = Optional.of("timeout after " + Durations.format(limit));
        } else {
            failure = process.exitValue() == 0 ? Optional.empty() : Optional.of("exit " + process.exitValue());
        }
        String tail = tail(context.log(), from);
        failure.ifPresent(why -> append(context.log(), "=== " + label + " failed: " + why + " ==="));
        return new Outcome(failure, tail);
    }

    /** The last {@link #TAIL_LINES} lines of {@code log} after byte {@code from}. */
    static String tail(Path log, long from) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(from, file.length() - 64 * 1024);
            byte[] bytes = new byte[(int) Math.max(0, file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static long size(Path log) {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    // java.io, not NIO: a thread being stopped can still write it
    static void append(Path log, String line) {
        try (OutputStream out = new FileOutputStream(log.toFile(), true)) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the log is the session's: the worker reports a session that cannot be written
        }
    }
}
