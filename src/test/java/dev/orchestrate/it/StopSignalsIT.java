package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop signals as a terminal (Ctrl-C, a closed terminal) and a CI cancel send them — to the whole
 * process group — and {@code kill -9}, against the real jar (SPEC §5.7). Repeated: each of these
 * failed in some trials only.
 */
class StopSignalsIT {

    private static final String[] SIGNALS = {"INT", "HUP", "TERM"};

    @TempDir
    Path dir;

    private String marker;

    @BeforeEach
    void setUp() {
        // a sleep length no other process uses: it marks every process the tasks start
        marker = "61." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    }

    @AfterEach
    void tearDown() {
        Signals.withMarker(marker).forEach(ProcessHandle::destroyForcibly);
    }

    /** Two tasks that sleep; each also leaves a double-forked sleeper behind (ppid 1). */
    private Path sleepingTasks() throws Exception {
        StringBuilder text = new StringBuilder("## P2 Medium\n");
        for (int i = 1; i <= 2; i++) {
            text.append("\n### T00").append(i).append(": sleep\n**Depends**: none\n\n```bash\n( (sleep ").append(marker).append(") & )\nsleep ")
                    .append(marker).append("\n```\n");
        }
        Path tasks = dir.resolve("tasks.md");
        Files.writeString(tasks, text);
        return tasks;
    }

    /** Starts the jar (as a process group leader when asked) and returns once both tasks started. */
    private Process startAndWaitForTasks(boolean groupLeader, String... args) throws Exception {
        ProcessBuilder builder = Jar.builder(dir, Map.of(), args).redirectError(dir.resolve("err.txt").toFile());
        Process process = (groupLeader ? Signals.asGroupLeader(builder) : builder).start();
        assertThat(Jar.awaitLines(process, " started by worker-", 2))
                .as("both tasks started; stderr: %s", Files.readString(dir.resolve("err.txt"))).isEqualTo(2);
        // both tasks are up: each one's own sleep and the sleeper it left behind, four sleep processes that
        // stay (a count of all marked processes can reach four early, with one task's short-lived forks
        // while the other's shell has not even started)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sleepers() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return process;
    }

    private long sleepers() {
        return Signals.withMarker(marker).stream()
                .filter(p -> p.info().commandLine().map(c -> c.equals("sleep " + marker) || c.endsWith("/sleep " + marker))
                        .orElse(false))
                .count();
    }

    private List<ProcessHandle> survivorsAfter(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<ProcessHandle> left = Signals.withMarker(marker);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = Signals.withMarker(marker);
        }
        return left;
    }

    @RepeatedTest(30)
    void aStopSignalToTheWholeProcessGroupStopsEveryTaskOnceNeverRetriesAndExits130(RepetitionInfo repetition)
            throws Exception {
        String signal = SIGNALS[(repetition.getCurrentRepetition() - 1) % SIGNALS.length];
        Signals.assumeSetsid();
        Signals.assumeNotIgnored(signal);
        sleepingTasks();
        Process process = startAndWaitForTasks(true, "--timeout", "5m", "--max-attempts", "3", "tasks.md");

        Signals.toGroup(process.pid(), signal);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("orchestrate ended after SIG" + signal).isTrue();
        assertThat(process.exitValue()).as("exit code after SIG" + signal).isEqualTo(130);
        Path session = dir.resolve("parallel-session");
        for (String id : List.of("T001", "T002")) {
            List<String> headers = Files.readAllLines(session.resolve("logs/" + id + ".log")).stream()
                    .filter(l -> l.startsWith("=== " + id + " attempt ")).toList();
            assertThat(headers).as("attempts of %s after SIG%s", id, signal).hasSize(1);
        }
        JsonNode summary = new ObjectMapper().readTree(session.resolve("summary.json").toFile());
        assertThat(summary.get("exit_code").asInt()).isEqualTo(130);
        List<String> statuses = new ArrayList<>();
        summary.get("tasks").forEach(t -> statuses.add(t.get("id").asText() + "=" + t.get("status").asText()));
        assertThat(statuses).containsExactly("T001=stopped", "T002=stopped");
        assertThat(survivorsAfter(5_000)).as("processes left behind").isEmpty();
    }

    @RepeatedTest(20)
    void aSigtermAsSoonAsTheSessionFolderExistsStillLeavesASummary() throws Exception {
        Files.writeString(dir.resolve("tasks.md"), "### T001: sleep\n\n```bash\nsleep " + marker + "\n```\n");
        Path session = dir.resolve("parallel-session");
        Process process = Jar.builder(dir, Map.of(), "tasks.md").redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(session) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(session).as("the session folder was created").exists();

        Signals.toProcess(process.pid(), "TERM");

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(130);
        assertThat(session.resolve("summary.json")).as("summary.json after an early SIGTERM").isRegularFile();
        JsonNode summary = new ObjectMapper().readTree(session.resolve("summary.json").toFile());
        assertThat(summary.get("exit_code").asInt()).isEqualTo(130);
        assertThat(survivorsAfter(5_000)).isEmpty();
    }

    @RepeatedTest(20)
    void withinFiveSecondsOfKillNineNoProcessOfTheRunIsLeft() throws Exception {
        sleepingTasks();
        Process process = startAndWaitForTasks(false, "--timeout", "5m", "tasks.md");
        assertThat(Signals.withMarker(marker)).hasSizeGreaterThanOrEqualTo(4);

        Signals.toProcess(process.pid(), "KILL");
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(survivorsAfter(5_000)).as("processes of the run 5 s after kill -9 of orchestrate").isEmpty();
    }

    @Test
    void theNextRunOnTheSessionPathSaysInOneLineThatTheLastOneCrashedAndNamesWhatItLeftRunning() throws Exception {
        sleepingTasks();
        Process process = startAndWaitForTasks(false, "--timeout", "5m", "tasks.md");
        // the watchdog too, so that the crashed run's processes stay for the next run to name
        List<ProcessHandle> watchdogs = process.children()
                .filter(p -> p.info().commandLine().map(c -> c.contains("orchestrate-watchdog")).orElse(false)).toList();
        for (ProcessHandle watchdog : watchdogs) {
            Signals.toProcess(watchdog.pid(), "KILL");
        }
        Signals.toProcess(process.pid(), "KILL");
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        List<Long> left = Signals.withMarker(marker).stream().map(ProcessHandle::pid).toList();
        assertThat(left).isNotEmpty();

        Jar.Result next = Jar.run(dir, "--dry-run", "tasks.md");

        assertThat(next.exitCode()).isZero();
        List<String> lines = next.stderrLines().stream().filter(l -> l.contains("ended without a summary")).toList();
        assertThat(lines).as("stderr: %s", next.stderr()).hasSize(1);
        assertThat(lines.get(0)).contains("pid " + process.pid());
        for (long pid : left) {
            assertThat(lines.get(0)).contains(Long.toString(pid));
        }
    }
}
