package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The human view of the real jar: in a CI log (no TTY) and on a real terminal, driven through tmux
 * and read back from its screen with {@code capture-pane}.
 */
class ConsoleIT {

    @TempDir
    Path dir;

    @Test
    void aThousandTaskRunInACiLogPrintsAboutTwoLinesPerTaskPlusTheSummary() throws Exception {
        StringBuilder tasks = new StringBuilder("# Many small tasks\n\n## P2 Medium\n\n");
        for (int i = 1; i <= 1000; i++) {
            tasks.append(String.format("### T%04d: task number %d%n**Depends**: none%n%n```bash%ntrue%n```%n%n", i, i));
        }
        Files.writeString(dir.resolve("tasks.md"), tasks);

        Jar.Result run = Jar.run(dir, Map.of(), Duration.ofMinutes(5), "tasks.md", "-C", dir.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = run.stdout().lines().toList();
        long boards = lines.stream().filter("ORCHESTRATION STATUS"::equals).count();
        long started = lines.stream().filter(l -> l.contains(" started by ")).count();
        long completed = lines.stream().filter(l -> l.contains(" completed by ")).count();
        assertThat(started).isEqualTo(1000);
        assertThat(completed).isEqualTo(1000);
        // a board at most once a minute, and at the end (1,000 trivial tasks take well under three minutes)
        assertThat(boards).isBetween(1L, 4L);
        // a start and an end line per task; the rest (group lines, boards, summary) stays small
        assertThat(lines.size()).as("lines printed for 1,000 tasks").isLessThanOrEqualTo(2 * 1000 + 150);
        assertThat(run.stdout()).doesNotContain("\u001b");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "ci-1000-tasks.txt"), lines.size() + " lines, " + boards + " boards\n");
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {100, 40})
    void onATerminalTheBoardIsRedrawnInPlaceAndNothingWraps(int columns) throws Exception {
        assumeTrue(onPath("tmux"), "tmux is not installed: the TTY view cannot be driven");
        Files.writeString(dir.resolve("tasks.md"), TTY_TASKS);
        Path script = script("run.sh", "tasks.md -C " + quote(dir.toString()));
        String socket = "orchestrate-it-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> screens = new ArrayList<>();
        try {
            tmux(socket, "new-session", "-d", "-s", "run", "-x", Integer.toString(columns), "-y", "30", script.toString());
            tmux(socket, "set-option", "-t", "run", "history-limit", "10000");
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                String screen = tmux(socket, "capture-pane", "-p", "-t", "run");
                screens.add(screen);
                if (screen.contains("EXIT=")) {
                    break;
                }
                Thread.sleep(200);
            }
            String history = tmux(socket, "capture-pane", "-p", "-t", "run", "-S", "-", "-E", "-");
            String joined = tmux(socket, "capture-pane", "-p", "-J", "-t", "run", "-S", "-", "-E", "-");
            keep(columns, screens, history);

            assertThat(history).as("the run ended").contains("EXIT=1", "EXECUTION SUMMARY");
            // redrawn in place: the live board never stays behind in the scrollback, only the end's board does
            assertThat(count(history, "ORCHESTRATION STATUS")).as(history).isEqualTo(1);
            List<String> live = screens.stream().filter(s -> s.contains(" done ") && s.contains("ORCHESTRATION STATUS")).toList();
            assertThat(live).as("screens with the live board and its progress line").isNotEmpty();
            assertThat(live).allMatch(s -> count(s, "ORCHESTRATION STATUS") == 1);
            // nothing wraps: joining wrapped lines (-J) changes nothing
            assertThat(joined.lines().count()).as("lines that wrapped at %d columns", columns).isEqualTo(history.lines().count());
            assertThat(history).contains("1 task failed", "Flaky: 1 task (T004 passed on attempt");
        } finally {
            try {
                tmux(socket, "kill-server");
            } catch (IOException | AssertionError e) {
                // already gone
            }
        }
    }

    /**
     * {@code --output full}: each completed task's output follows its line in one piece, never
     * interleaved with the other task's, though both write at the same time; under GitHub Actions
     * inside a {@code ::group::}. The default ({@code failures}) shows no successful output.
     */
    @Test
    void outputFullPrintsEachTasksOutputInOnePieceAfterItsLine() throws Exception {
        StringBuilder tasks = new StringBuilder("## P1 High\n");
        for (String id : List.of("T001", "T002")) {
            tasks.append("\n### ").append(id).append(": talk\n**Depends**: none\n\n```bash\n")
                    .append("for i in 1 2 3; do echo \"").append(id).append(" line $i\"; sleep 0.3; done\n```\n");
        }
        Files.writeString(dir.resolve("tasks.md"), tasks);

        Jar.Result full = Jar.run(dir, "tasks.md", "--output", "full");
        Jar.Result github = Jar.run(dir, Map.of("GITHUB_ACTIONS", "true"), Duration.ofSeconds(120), "tasks.md", "--output", "full");
        Jar.Result failures = Jar.run(dir, "tasks.md");

        assertThat(full.exitCode()).as(full.stderr()).isZero();
        List<String> lines = full.stdout().lines().toList();
        for (String id : List.of("T001", "T002")) {
            int done = indexOf(lines, id + " completed by ");
            assertThat(lines.subList(done + 1, done + 4)).as(full.stdout())
                    .containsExactly("    " + id + " line 1", "    " + id + " line 2", "    " + id + " line 3");
        }
        assertThat(github.exitCode()).as(github.stderr()).isZero();
        List<String> folded = github.stdout().lines().toList();
        for (String id : List.of("T001", "T002")) {
            int done = indexOf(folded, id + " completed by ");
            assertThat(folded.get(done + 1)).as(github.stdout()).isEqualTo("::group::" + id + " output");
            assertThat(folded.get(done + 2)).startsWith("::stop-commands::");
            assertThat(folded.subList(done + 3, done + 6)).containsExactly(id + " line 1", id + " line 2", id + " line 3");
            assertThat(folded.get(done + 7)).isEqualTo("::endgroup::");
        }
        assertThat(failures.exitCode()).isZero();
        assertThat(failures.stdout()).doesNotContain("line 1");
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no line with '" + part + "' in:\n" + String.join("\n", lines));
    }

    /** {@code --help} on a real 40-column terminal (below picocli's 55): one column, and no line wraps. */
    @Test
    void helpOnAFortyColumnTerminalWrapsNothing() throws Exception {
        assumeTrue(onPath("tmux"), "tmux is not installed: the TTY view cannot be driven");
        Path script = script("help.sh", "--help");
        String socket = "orchestrate-it-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            tmux(socket, "new-session", "-d", "-s", "help", "-x", "40", "-y", "30", script.toString());
            tmux(socket, "set-option", "-t", "help", "history-limit", "10000");
            String history = "";
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (!history.contains("EXIT=") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                history = tmux(socket, "capture-pane", "-p", "-t", "help", "-S", "-", "-E", "-");
            }
            String joined = tmux(socket, "capture-pane", "-p", "-J", "-t", "help", "-S", "-", "-E", "-");
            Files.createDirectories(Path.of("target", "tmux-screens"));
            Files.writeString(Path.of("target", "tmux-screens", "40-help.txt"), history);

            assertThat(history).contains("EXIT=0", "Usage: orchestrate [OPTIONS]", "  -w, --workers=N", "Exit codes:");
            assertThat(joined.lines().count()).as("help lines that wrapped at 40 columns").isEqualTo(history.lines().count());
        } finally {
            try {
                tmux(socket, "kill-server");
            } catch (IOException | AssertionError e) {
                // already gone
            }
        }
    }

    /**
     * A script for a tmux pane: the real jar with {@code args} in the test's folder, on a terminal of
     * the pane's own size (no COLUMNS, no CI), then its exit code, then a long wait so the pane stays.
     */
    private Path script(String name, String args) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, String.join("\n",
                "#!/usr/bin/env bash",
                "cd " + quote(dir.toString()),
                "env -u CI -u COLUMNS -u LINES -u GITHUB_ACTIONS -u GITHUB_STEP_SUMMARY -u NO_COLOR TERM=xterm-256color LANG=C.UTF-8 \\",
                "  " + quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()) + " -jar "
                        + quote(Jar.path().toAbsolutePath().toString()) + " " + args,
                "echo \"EXIT=$?\"",
                "sleep 600", ""));
        script.toFile().setExecutable(true);
        return script;
    }

    /** The screens looked at, for the README and the notes: target/tmux-screens/. */
    private static void keep(int columns, List<String> screens, String history) throws IOException {
        Path out = Files.createDirectories(Path.of("target", "tmux-screens"));
        Files.writeString(out.resolve(columns + "-final.txt"), history);
        for (int i = 0; i < screens.size(); i++) {
            if (screens.get(i).contains("ORCHESTRATION STATUS") && screens.get(i).contains(" done ")) {
                Files.writeString(out.resolve(columns + "-live-" + i + ".txt"), screens.get(i));
            }
        }
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    private static String tmux(String socket, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, program))) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Twelve tasks over a few seconds: long titles, a flaky one, a failure and what it blocks. */
    private static final String TTY_TASKS = """
            # Release checklist

            ## P0 Critical

            ### T001: Create the build folder and every output directory the later steps write into
            ```bash
            mkdir -p out && sleep 0.5 && echo "created out/"
            ```

            ### T002: Fetch the score data
            ```bash
            sleep 1.2 && printf 'ada,3\\nlinus,5\\n' > out/scores.csv && echo "fetched 2 rows"
            ```

            ## P1 High

            ### T003: Sort the scores
            **Depends**: T001, T002
            ```bash
            sleep 0.8 && sort -t, -k2,2nr out/scores.csv -o out/scores.csv && echo sorted
            ```

            ### T004: Compile the report generator (flaky: the first attempt fails)
            **Depends**: T001
            ```bash
            sleep 0.6; n=$(cat out/.t4 2>/dev/null || echo 0); echo $((n+1)) > out/.t4; if [ "$n" = 0 ]; then echo "network hiccup"; exit 1; fi; echo compiled
            ```

            ### T005: Run the unit tests of every module, with a deliberately long title
            **Depends**: T001
            ```bash
            sleep 1.5; echo "running 42 tests"; echo "FAIL: test_parse_dates (expected 2024-01-01, got 2023-12-31)"; exit 3
            ```

            ### T006: Lint the sources
            ```bash
            sleep 2 && echo "lint clean"
            ```

            ### T007: Package the docs 📦
            ```bash
            sleep 1.1 && echo "docs packaged"
            ```

            ### T008: 发布报告 (publish the report)
            **Depends**: T005
            ```bash
            echo publish
            ```

            ## P2 Medium

            ### T009: Write the changelog
            ```bash
            sleep 0.7 && echo changelog
            ```

            ### T010: Tag the release
            **Depends**: T009
            ```bash
            sleep 0.4 && echo tagged
            ```

            ### T011: Archive the build
            ```bash
            sleep 0.9 && echo archived
            ```

            ### T012: Notify the team
            **Depends**: T010, T011
            ```bash
            sleep 0.3 && echo notified
            ```
            """;
}
