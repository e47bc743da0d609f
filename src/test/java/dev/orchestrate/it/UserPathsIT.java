package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the user has is never harmed (SPEC §1, §3, §8): paths they name, task files that are not
 * files, durations that cannot be, reports that cannot be written — against the real jar.
 */
class UserPathsIT {

    @TempDir
    Path dir;

    private Path project;

    private Path project() throws Exception {
        project = Files.createDirectories(dir.resolve("proj"));
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(project.resolve("tasks.md"), "### T001: ok\n\n```bash\necho ran >> ran.txt\n```\n");
        Files.writeString(project.resolve("keep.txt"), "the user's file\n");
        return project;
    }

    /** Every path under {@code root}, with what it is: a listing to compare before and after. */
    private static List<String> listing(Path root) throws Exception {
        List<String> all = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String kind = Files.isSymbolicLink(p) ? "link" : Files.isDirectory(p) ? "dir"
                        : Files.isRegularFile(p) ? "file" : "other";
                all.add(root.relativize(p) + " " + kind);
            }
        }
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "", "PWD", "..", "tasks.md", "keep.txt", "plain-folder", "fifo", "link", "device"})
    void aSessionDirThatIsNotAnEarlierSessionIsAUsageErrorAndNothingIsCreatedOrMoved(String which) throws Exception {
        project();
        Files.createDirectories(project.resolve("plain-folder"));
        Files.writeString(project.resolve("plain-folder/notes.txt"), "mine\n");
        assertThat(new ProcessBuilder("mkfifo", project.resolve("fifo").toString()).start().waitFor()).isZero();
        Files.createSymbolicLink(project.resolve("link"), project.resolve("plain-folder"));
        if (which.equals("device")) {
            // a device node of our own (the null device's numbers) in the temp folder: never the system's
            assumeTrue(new ProcessBuilder("mknod", project.resolve("device").toString(), "c", "1", "3").start().waitFor() == 0,
                    "mknod needs root");
        }
        String arg = which.equals("PWD") ? project.toString() : which;
        List<String> before = listing(dir);

        Jar.Result result = Jar.run(project, "--session-dir", arg, "tasks.md");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1).first().asString().contains("session");
        assertThat(listing(dir)).as("nothing created, moved or removed").isEqualTo(before);
    }

    @Test
    void anEarlierSessionFolderIsMovedAside() throws Exception {
        project();
        assertThat(Jar.run(project, "--session-dir", "s", "tasks.md").exitCode()).isZero();
        assertThat(project.resolve("s/.orchestrate-session")).isRegularFile();

        Jar.Result second = Jar.run(project, "--session-dir", "s", "tasks.md");

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        try (Stream<Path> siblings = Files.list(project)) {
            assertThat(siblings.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("s."))).hasSize(1);
        }
    }

    /**
     * 50 runs started at once on one session path: exactly one runs, the others exit 3 and touch nothing.
     * The one that runs waits until the other 49 have ended, so a slow start cannot come after it finished.
     */
    @RepeatedTest(20)
    void ofFiftyRunsStartedAtOnceOnOneSessionFolderExactlyOneRuns() throws Exception {
        project();
        Files.writeString(project.resolve("tasks.md"), "### T001: ok\n\n```bash\necho ran >> ran.txt\n"
                + "for i in $(seq 1 2400); do test -f go && exit 0; sleep 0.1; done; exit 1\n```\n");
        // the 49 that lose need only start and look: the quick compiler and the serial collector are enough
        Map<String, String> light = Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            runs.add(Jar.builder(project, light, "tasks.md").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(dir.resolve("err-" + i + ".txt").toFile()).start());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (runs.stream().filter(Process::isAlive).count() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Files.writeString(project.resolve("go"), "");
        List<Integer> codes = new ArrayList<>();
        for (Process run : runs) {
            assertThat(run.waitFor(240, TimeUnit.SECONDS)).isTrue();
            codes.add(run.exitValue());
        }
        assertThat(codes.stream().filter(c -> c == 0).count()).as("runs that ran: %s", codes).isEqualTo(1);
        assertThat(codes.stream().filter(c -> c == 3).count()).as("runs that found the folder in use: %s", codes).isEqualTo(49);
        assertThat(Files.readAllLines(project.resolve("ran.txt"))).containsExactly("ran");
        try (Stream<Path> siblings = Files.list(project)) {
            assertThat(siblings.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("parallel-session.")))
                    .as("no folder moved aside by a run that then did not run").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"folder", "missing/junit.xml", "readonly.xml"})
    void aJunitPathThatCannotTakeTheReportIsAUsageErrorBeforeTheRun(String which) throws Exception {
        project();
        Files.createDirectories(project.resolve("folder"));
        Path readOnly = Files.writeString(project.resolve("readonly.xml"), "keep\n");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));

        Jar.Result result = Jar.run(project, "--junit", which, "tasks.md");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1).first().asString().contains("--junit");
        assertThat(project.resolve("ran.txt")).as("the run did not start").doesNotExist();
        assertThat(project.resolve("parallel-session")).doesNotExist();
        assertThat(readOnly).hasContent("keep");
    }

    @Test
    void aJunitSymlinkStaysALinkAndADeviceStaysADevice() throws Exception {
        project();
        Path target = Files.writeString(project.resolve("real.xml"), "old\n");
        Files.createSymbolicLink(project.resolve("link.xml"), target);

        Jar.Result result = Jar.run(project, "--junit", "link.xml", "tasks.md");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(project.resolve("link.xml")).isSymbolicLink();
        assertThat(Files.readString(target)).contains("<testsuite");

        boolean mknod = new ProcessBuilder("mknod", project.resolve("null").toString(), "c", "1", "3").start().waitFor() == 0;
        assumeTrue(mknod, "mknod needs root");
        Jar.Result toDevice = Jar.run(project, "--junit", "null", "tasks.md");
        assertThat(toDevice.exitCode()).as(toDevice.stderr()).isZero();
        assertThat(Files.isRegularFile(project.resolve("null"))).as("the device was replaced by a file").isFalse();
        assertThat(Files.exists(project.resolve("null"))).isTrue();
    }

    @Test
    void aReportThatFailsAtTheEndExitsThreeWithOneLine() throws Exception {
        project();
        Files.createDirectories(project.resolve("out"));
        Files.writeString(project.resolve("tasks.md"), "### T001: removes the report's folder\n\n```bash\nrm -rf out\n```\n");

        Jar.Result result = Jar.run(project, "--junit", "out/junit.xml", "tasks.md");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderrLines()).hasSize(1).first().asString().contains("out/junit.xml");
    }

    @Test
    void markDoneTicksTheLinesAsTheFileIsAtTheEndAndWarnsAboutALineThatChanged() throws Exception {
        project();
        Path tasks = project.resolve("tasks.md");
        // T001 inserts a task above itself while it runs; T002 rewrites its own line
        Files.writeString(tasks, """
                - [ ] T001 Insert a line above
                  Run: `printf '%s\\n' '- [ ] T000 Inserted by hand' | cat - tasks.md > t.tmp && cat t.tmp > tasks.md && rm t.tmp`
                - [ ] T002 Rename myself
                  Run: `sed -i 's/T002 Rename myself/T002 Renamed by hand/' tasks.md`
                - [ ] T003 Plain
                  Run: `true`
                """);

        Jar.Result result = Jar.run(project, "--mark-done", "--workers", "1", "tasks.md");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Files.readAllLines(tasks)).contains("- [ ] T000 Inserted by hand", "- [x] T001 Insert a line above",
                "- [ ] T002 Renamed by hand", "- [x] T003 Plain");
        assertThat(result.stderr()).contains("T002").contains("changed or vanished");
    }

    @Test
    void markDoneOnAReadOnlyTaskFileChangesNothingAndExitsThree() throws Exception {
        project();
        Path tasks = project.resolve("tasks.md");
        Files.writeString(tasks, "- [ ] T001 Plain\n  Run: `true`\n");
        Files.setPosixFilePermissions(tasks, PosixFilePermissions.fromString("r--r--r--"));

        Jar.Result result = Jar.run(project, "--mark-done", "tasks.md");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderrLines()).hasSize(1).first().asString().contains("read-only");
        assertThat(tasks).hasContent("- [ ] T001 Plain\n  Run: `true`");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tasks))).isEqualTo("r--r--r--");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "/dev/zero", "big.md"})
    void aTaskFileThatIsNotARegularFileOfAtMost16MiBIsRefusedAtOnce(String which) throws Exception {
        project();
        assertThat(new ProcessBuilder("mkfifo", project.resolve("fifo").toString()).start().waitFor()).isZero();
        if (which.equals("big.md")) {
            try (var out = Files.newOutputStream(project.resolve("big.md"))) {
                byte[] line = "- [ ] T001 x\n".getBytes();
                for (long written = 0; written <= 17L * 1024 * 1024; written += line.length) {
                    out.write(line);
                }
            }
        }

        Jar.Result result = Jar.run(project, Map.of(), Duration.ofSeconds(30), which);

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3000000h", "31d", "745h"})
    void aTimeoutOverThirtyDaysIsAUsageError(String timeout) throws Exception {
        project();
        Jar.Result result = Jar.run(project, "--timeout", timeout, "tasks.md");
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1).first().asString().contains("--timeout");
        assertThat(project.resolve("ran.txt")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"banana", "-5s", "0s", "3000000h"})
    void anUnreadableTaskTimeoutIsAnErrorNamingFileAndLine(String timeout) throws Exception {
        project();
        Files.writeString(project.resolve("tasks.md"), "### T001: ok\n**Timeout**: " + timeout + "\n\n```bash\ntrue\n```\n");
        Jar.Result result = Jar.run(project, "tasks.md");
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1).first().asString().contains("tasks.md:2", "Timeout");
    }
}
