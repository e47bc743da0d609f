package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C, SIGTERM and unusable session folders, against the real jar (SPEC §3, §5.6, §5.7). */
class InterruptionIT {

    @TempDir
    Path dir;

    private String marker;

    private Path slowTasks() throws Exception {
        marker = "orchestrate-it-" + UUID.randomUUID();
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            text.append("### T00").append(i).append(": sleep\n**Depends**: none\n\n```bash\n")
                    .append("bash -c 'trap \"\" TERM; exec -a ").append(marker).append(" sleep 60' &\n")
                    .append("sleep 60 # ").append(marker).append("\n```\n\n");
        }
        Path tasks = dir.resolve("tasks.md");
        Files.writeString(tasks, text);
        return tasks;
    }

    private Process startAndWaitForTasks(String... args) throws Exception {
        Process process = Jar.builder(dir, Map.of(), args).redirectError(dir.resolve("err.txt").toFile()).start();
        assertThat(Jar.awaitLines(process, " started by worker-", 3)).as("three tasks started").isEqualTo(3);
        return process;
    }

    private long survivors() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .count();
    }

    private void signal(Process process, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    @Test
    void sigintStopsEveryProcessTreeWritesTheSummaryAndExits130() throws Exception {
        Signals.assumeNotIgnored("INT");
        slowTasks();
        Process process = startAndWaitForTasks("--timeout", "5m", "tasks.md");

        signal(process, "INT");

        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("orchestrate ended after SIGINT").isTrue();
        assertThat(process.exitValue()).isEqualTo(130);
        assertThat(survivors()).as("processes left behind").isZero();
        Path session = dir.resolve("parallel-session");
        JsonNode summary = new ObjectMapper().readTree(session.resolve("summary.json").toFile());
        assertThat(summary.get("exit_code").asInt()).isEqualTo(130);
        assertThat(session.resolve("locks")).isEmptyDirectory();
        assertThat(session.resolve("timeline.html")).isRegularFile();
    }

    @Test
    void sigintWhileScoutingOrPlanningWritesASummaryOfTasksNotRunAndExits130() throws Exception {
        Signals.assumeNotIgnored("INT");
        // 30,000 tasks: planning them takes long enough to be interrupted in the middle
        StringBuilder text = new StringBuilder("## P2 Medium\n");
        for (int i = 1; i <= 30_000; i++) {
            text.append("\n### T").append(i).append(": step ").append(i).append("\n**Files**: src/f").append(i % 500)
                    .append(".txt\n\n```bash\ntrue\n```\n");
        }
        Files.writeString(dir.resolve("tasks.md"), text);
        Process process = Jar.builder(dir, Map.of(), "tasks.md").redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        Path scoutInbox = dir.resolve("parallel-session/messages/scout-inbox.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(scoutInbox) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(scoutInbox).as("the session folder was opened").exists();

        signal(process, "INT");

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("orchestrate ended after SIGINT").isTrue();
        assertThat(process.exitValue()).isEqualTo(130);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("parallel-session/summary.json").toFile());
        assertThat(summary.get("exit_code").asInt()).isEqualTo(130);
        assertThat(summary.get("interrupted").asBoolean()).isTrue();
        assertThat(summary.get("critical_failure").asText()).isEqualTo("interrupted before any task ran");
        assertThat(summary.get("completed")).isEmpty();
        assertThat(dir.resolve("parallel-session/logs")).isEmptyDirectory();
    }

    @Test
    void sigtermIsAnInterruptionToo() throws Exception {
        slowTasks();
        Process process = startAndWaitForTasks("--timeout", "5m", "tasks.md");

        signal(process, "TERM");

        assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(130);
        assertThat(survivors()).isZero();
    }

    @Test
    void aSecondRunOnASessionFolderInUseExitsThreeAndLeavesItAlone() throws Exception {
        Signals.assumeNotIgnored("INT");
        slowTasks();
        Process first = startAndWaitForTasks("--timeout", "5m", "tasks.md");
        try {
            Jar.Result second = Jar.run(dir, "tasks.md");
            assertThat(second.exitCode()).isEqualTo(3);
            assertThat(second.stderrLines()).hasSize(1).first().asString().contains("in use by another run");
            assertThat(dir.resolve("parallel-session/context.json")).isRegularFile();
        } finally {
            signal(first, "INT");
            assertThat(first.waitFor(15, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(survivors()).isZero();
    }

    @Test
    void aSessionFolderThatCannotBeCreatedExitsThree() throws Exception {
        Files.writeString(dir.resolve("tasks.md"), "### T001: ok\n**Depends**: none\n\n```bash\ntrue\n```\n");
        Files.writeString(dir.resolve("blocker"), "a file, not a folder");

        Jar.Result result = Jar.run(dir, "--session-dir", "blocker/session", "tasks.md");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderrLines()).hasSize(1).first().asString().contains("blocker/session");
    }
}
