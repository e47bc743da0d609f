package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A run of the real jar killed with SIGKILL at a chosen moment: {@code delay} after a line of its
 * output. Either the JVM alone is killed (its children live on, as after the OOM killer) or the JVM
 * and every process it started (as when CI cancels a job); then the test waits until no process is
 * left working in the project, so that what it checks next is what the kill left.
 */
final class KilledRun {

    private KilledRun() {
    }

    /** What the killed run printed before it died. */
    record Killed(String stdout, String stderr) {
    }

    static Killed kill(Path project, Path logs, Map<String, String> env, String line, Duration delay, boolean withChildren,
                       String... args) throws Exception {
        Path out = logs.resolve("killed.out");
        Path err = logs.resolve("killed.err");
        Process process = Jar.builder(project, env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && process.isAlive() && !Files.readString(out).contains(line)) {
            Thread.sleep(20);
        }
        assertThat(Files.readString(out)).as("the run printed '%s' before it was killed; stderr: %s", line, Files.readString(err))
                .contains(line);
        Thread.sleep(delay.toMillis());
        assertThat(process.isAlive()).as("still running %s after '%s', so the kill hits it mid-run: %s", delay, line,
                Files.readString(out)).isTrue();
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly(); // SIGKILL
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        if (withChildren) {
            children.forEach(ProcessHandle::destroyForcibly);
            orphans(project).forEach(ProcessHandle::destroyForcibly);
        }
        awaitNoOrphans(project);
        return new Killed(Files.readString(out), Files.readString(err));
    }

    /**
     * Kills the killed run's orphaned task processes and waits for its orphaned git commands to
     * finish (as they would before a user starts the next run); kills what is still there after 30 s.
     */
    private static void awaitNoOrphans(Path project) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<ProcessHandle> left = orphans(project);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            left.stream().filter(p -> !p.info().command().map(c -> c.endsWith("/git") || c.equals("git")).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
            Thread.sleep(50);
            left = orphans(project);
        }
        left.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : left) {
            handle.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /** The processes working in the project or one of its worktrees (their current folder is under it). */
    static List<ProcessHandle> orphans(Path project) throws IOException {
        Path real = project.toRealPath();
        List<ProcessHandle> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                try {
                    Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
                    if (cwd.startsWith(real)) {
                        ProcessHandle.of(pid).ifPresent(found::add);
                    }
                } catch (IOException | SecurityException e) {
                    // gone meanwhile, or not ours to read
                }
            }
        }
        return found;
    }
}
