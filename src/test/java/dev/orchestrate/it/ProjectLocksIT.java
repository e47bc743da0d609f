package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File locks hold across the runs of one project, whatever session folder each run writes. */
class ProjectLocksIT {

    @TempDir
    Path dir;

    /**
     * Two runs on one project, each with its own --session-dir, start together; each has a task that
     * writes ten lines to shared.txt. The lines come in two whole blocks, and the run that waited says so.
     */
    @RepeatedTest(20)
    void twoRunsWithTheirOwnSessionFoldersNeverChangeOneFileAtOnce() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        for (String run : List.of("a", "b")) {
            Files.writeString(dir.resolve(run + ".md"), "### T001: write block " + run + "\n\n**Files**: shared.txt (modify)\n\n"
                    + "```bash\nfor i in 1 2 3 4 5 6 7 8 9 10; do echo " + run + " >> shared.txt; sleep 0.05; done\n```\n");
        }
        Files.writeString(dir.resolve("shared.txt"), "");

        List<Process> runs = new ArrayList<>();
        for (String run : List.of("a", "b")) {
            runs.add(Jar.builder(dir, Map.of(), run + ".md", "--session-dir", "session-" + run, "-v")
                    .redirectOutput(dir.resolve(run + ".out").toFile()).redirectErrorStream(true).start());
        }
        for (Process run : runs) {
            assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as(output("a") + output("b")).isZero();
        }

        String written = String.join("", Files.readAllLines(dir.resolve("shared.txt")));
        assertThat(written).as("whole blocks, one run after the other").isIn("a".repeat(10) + "b".repeat(10),
                "b".repeat(10) + "a".repeat(10));
    }

    @Test
    void aTaskWaitingForAnotherRunsLockSaysSoAndRunsWhenItIsReleased() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("a.md"), "### T001: hold shared.txt\n\n**Files**: shared.txt (modify)\n\n```bash\n"
                + "echo a >> shared.txt\nfor i in $(seq 1 600); do test -f go && exit 0; sleep 0.1; done; exit 1\n```\n");
        Files.writeString(dir.resolve("b.md"), "### T007: append to shared.txt\n\n**Files**: shared.txt (modify)\n\n"
                + "```bash\necho b >> shared.txt\n```\n");
        Files.writeString(dir.resolve("shared.txt"), "");
        Process a = Jar.builder(dir, Map.of(), "a.md", "--session-dir", "session-a")
                .redirectOutput(dir.resolve("a.out").toFile()).redirectErrorStream(true).start();
        waitFor(() -> Files.readString(dir.resolve("shared.txt")).contains("a"));

        Process b = Jar.builder(dir, Map.of(), "b.md", "--session-dir", "session-b", "-v")
                .redirectOutput(dir.resolve("b.out").toFile()).redirectErrorStream(true).start();
        waitFor(() -> output("b").contains("deferred"));
        assertThat(Files.readAllLines(dir.resolve("shared.txt"))).as("b waits").containsExactly("a");
        Files.writeString(dir.resolve("go"), "");

        for (Process run : List.of(a, b)) {
            assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as(output("a") + output("b")).isZero();
        }
        assertThat(Files.readAllLines(dir.resolve("shared.txt"))).containsExactly("a", "b");
        assertThat(output("b")).containsPattern("T007 +deferred: file locked by another run \\(pid \\d+, T001\\) \\(shared.txt\\)");
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void waitFor(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private String output(String run) {
        try {
            return Files.readString(dir.resolve(run + ".out"));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
