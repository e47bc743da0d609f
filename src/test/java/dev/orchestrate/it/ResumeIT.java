package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resume}, {@code --only}, {@code --from} and {@code --list}, against the real jar (issue 15). */
class ResumeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * Six tasks, each noting in runs.txt that it ran: T002 after T001, T004 after T003, T005 after T004;
     * T003 fails until the file {@code fixed} exists; T006 stands alone.
     */
    private Path sixTasks() throws Exception {
        StringBuilder text = new StringBuilder("## P1 High\n");
        task(text, "T001", "First", "none", "echo T001 >> runs.txt");
        task(text, "T002", "Second", "T001", "echo T002 >> runs.txt");
        task(text, "T003", "Third, fails until fixed", "none", "echo T003 >> runs.txt && test -f fixed");
        task(text, "T004", "Fourth", "T003", "echo T004 >> runs.txt");
        task(text, "T005", "Fifth", "T004", "echo T005 >> runs.txt");
        task(text, "T006", "Sixth", "none", "echo T006 >> runs.txt");
        Path tasks = dir.resolve("tasks.md");
        Files.writeString(tasks, text);
        return tasks;
    }

    private static void task(StringBuilder text, String id, String title, String depends, String command) {
        text.append("\n### ").append(id).append(": ").append(title).append("\n**Depends**: ").append(depends)
                .append("\n\n```bash\n").append(command).append("\n```\n");
    }

    /** Which tasks ran since the last call, in any order. */
    private List<String> ranSinceLastLook() throws Exception {
        Path runs = dir.resolve("runs.txt");
        if (!Files.exists(runs)) {
            return List.of();
        }
        List<String> ran = Files.readAllLines(runs);
        Files.delete(runs);
        return ran;
    }

    private JsonNode summary(Path session) throws Exception {
        return JSON.readTree(session.resolve("summary.json").toFile());
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asText()));
        return ids;
    }

    private Path onlyRenamedSession() throws Exception {
        try (Stream<Path> siblings = Files.list(dir)) {
            List<Path> renamed = siblings.filter(p -> p.getFileName().toString().startsWith("parallel-session.")).toList();
            assertThat(renamed).hasSize(1);
            return renamed.get(0);
        }
    }

    @Test
    void resumeRunsTheFixedTaskAndItsDependentsOnlyThenWhatAnEditChanged() throws Exception {
        sixTasks();
        Jar.Result first = Jar.run(dir, "tasks.md", "--max-attempts", "1");
        assertThat(first.exitCode()).as(first.stdout()).isEqualTo(1);
        assertThat(ranSinceLastLook()).containsExactlyInAnyOrder("T001", "T002", "T003", "T006");

        Files.writeString(dir.resolve("fixed"), "");
        Jar.Result second = Jar.run(dir, "tasks.md", "--resume", "--junit", "junit.xml");

        assertThat(second.exitCode()).as(second.stdout() + second.stderr()).isZero();
        assertThat(ranSinceLastLook()).containsExactlyInAnyOrder("T003", "T004", "T005");
        Path earlier = onlyRenamedSession();
        String stamp = earlier.getFileName().toString().substring("parallel-session.".length());
        assertThat(second.stdout()).contains("Resuming from " + earlier.getFileName() + " (summary.json)")
                .contains("T003  runs          failed in " + stamp)
                .contains("T004  runs          skipped in " + stamp);
        JsonNode summary = summary(dir.resolve("parallel-session"));
        assertThat(ids(summary.get("completed"))).containsExactly("T003", "T004", "T005");
        assertThat(ids(summary.get("resumed"))).containsExactly("T001", "T002", "T006");
        assertThat(ids(summary.get("already_done"))).isEmpty();
        assertThat(summary.get("resumed_from").asText()).isEqualTo(earlier.toString());
        JsonNode t001 = summary.get("tasks").get(0);
        assertThat(t001.get("status").asText()).isEqualTo("resumed");
        assertThat(t001.get("reason").asText()).isEqualTo("completed in " + stamp + ", unchanged");
        assertThat(t001.get("task_hash").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(t001.at("/selection/log").asText()).isEqualTo(earlier.resolve("logs/T001.log").toString());
        // the resumed tasks' logs stay where they were written, and the new session writes none of its own
        assertThat(earlier.resolve("logs/T001.log")).content().contains("T001");
        assertThat(dir.resolve("parallel-session/logs/T001.log")).doesNotExist();
        assertThat(dir.resolve("parallel-session/logs/T003.log")).isRegularFile();
        String junit = Files.readString(dir.resolve("junit.xml"));
        assertThat(junit).contains("tests=\"6\" failures=\"0\" errors=\"0\" skipped=\"0\"")
                .contains("<system-out>resumed: completed in " + stamp + ", unchanged");

        // edit T001: it runs again, and so does T002, which depends on it; the rest was completed and is unchanged
        FileTime before = Files.getLastModifiedTime(earlier.resolve("logs/T001.log"));
        Files.writeString(dir.resolve("tasks.md"), Files.readString(dir.resolve("tasks.md")).replace("### T001: First", "### T001: First, edited"));
        Jar.Result third = Jar.run(dir, "tasks.md", "--resume");

        assertThat(third.exitCode()).as(third.stdout() + third.stderr()).isZero();
        assertThat(ranSinceLastLook()).containsExactlyInAnyOrder("T001", "T002");
        assertThat(third.stdout()).contains("T001  runs          changed since " + stamp)
                .contains("T002  runs          depends on T001, which runs again");
        JsonNode resumedAgain = summary(dir.resolve("parallel-session"));
        assertThat(ids(resumedAgain.get("completed"))).containsExactly("T001", "T002");
        // T003 to T005 completed in the second session, T006 in the first: each says where
        assertThat(ids(resumedAgain.get("resumed"))).containsExactly("T003", "T004", "T005", "T006");
        assertThat(resumedAgain.get("tasks").get(5).get("reason").asText()).isEqualTo("completed in " + stamp + ", unchanged");
        assertThat(Files.getLastModifiedTime(earlier.resolve("logs/T001.log"))).isEqualTo(before);
    }

    /** A task the resumed run takes as completed from the earlier session is ticked too: the file ends with every completed task ticked. */
    @Test
    void markDoneTicksTheTasksAResumeTookAsCompletedInTheEarlierSession() throws Exception {
        Path tasks = dir.resolve("tasks.md");
        Files.writeString(tasks, """
                # Tasks

                - [ ] T001 First
                  Run: `echo T001 >> runs.txt`
                - [ ] T002 Second, fails until fixed
                  Run: `echo T002 >> runs.txt && test -f fixed`
                - [ ] T003 Third
                  Run: `echo T003 >> runs.txt`
                """);
        assertThat(Jar.run(dir, "tasks.md", "--max-attempts", "1").exitCode()).isEqualTo(1);
        assertThat(ranSinceLastLook()).containsExactly("T001", "T002"); // T003 follows T002 in a list like this

        Files.writeString(dir.resolve("fixed"), "");
        Jar.Result resumed = Jar.run(dir, "tasks.md", "--resume", "--mark-done");

        assertThat(resumed.exitCode()).as(resumed.stdout() + resumed.stderr()).isZero();
        assertThat(ranSinceLastLook()).containsExactly("T002", "T003");
        assertThat(Files.readString(tasks)).contains("- [x] T001 First", "- [x] T002 Second, fails until fixed",
                "- [x] T003 Third");
        assertThat(resumed.stdout()).contains("Marked done in tasks.md: T001, T002, T003");
    }

    @Test
    void dryRunResumeShowsTheDecisionsAndRunsNothing() throws Exception {
        sixTasks();
        assertThat(Jar.run(dir, "tasks.md", "--max-attempts", "1").exitCode()).isEqualTo(1);
        ranSinceLastLook();

        Jar.Result dry = Jar.run(dir, "tasks.md", "--resume", "--dry-run");

        assertThat(dry.exitCode()).as(dry.stderr()).isZero();
        assertThat(ranSinceLastLook()).isEmpty();
        assertThat(dry.stdout()).containsPattern("T001  resumed       completed in \\d{8}-\\d{6}, unchanged")
                .containsPattern("T005  runs          skipped in \\d{8}-\\d{6}");
        JsonNode plan = JSON.readTree(dir.resolve("parallel-session/execution-plan.json").toFile());
        assertThat(plan.at("/tasks/T001/selection/decision").asText()).isEqualTo("resumed");
        assertThat(plan.at("/tasks/T003/selection/decision").asText()).isEqualTo("run");
        assertThat(plan.at("/tasks/T003/task_hash").asText()).startsWith("sha256:");

        // a dry run ran nothing: the next resume goes past it to the session that did
        Files.writeString(dir.resolve("fixed"), "");
        Jar.Result real = Jar.run(dir, "tasks.md", "--resume");
        assertThat(real.exitCode()).as(real.stdout()).isZero();
        assertThat(ranSinceLastLook()).containsExactlyInAnyOrder("T003", "T004", "T005");
    }

    @Test
    void onlyWithAMissingDependencyExits2NamingItAndWithDepsRunsIt() throws Exception {
        sixTasks();
        Files.writeString(dir.resolve("fixed"), "");

        Jar.Result missing = Jar.run(dir, "tasks.md", "--only", "T004-T005");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr().strip()).isEqualTo("orchestrate: --only T004-T005: T003 is neither done nor chosen, and T004 "
                + "depends on it; choose it too, add --with-deps, or --no-deps if it ran elsewhere");
        assertThat(ranSinceLastLook()).isEmpty();

        Jar.Result withDeps = Jar.run(dir, "tasks.md", "--only", "T004-T005", "--with-deps");
        assertThat(withDeps.exitCode()).as(withDeps.stdout()).isZero();
        assertThat(ranSinceLastLook()).containsExactlyInAnyOrder("T003", "T004", "T005");
        JsonNode summary = summary(dir.resolve("parallel-session"));
        assertThat(ids(summary.get("not_selected"))).containsExactly("T001", "T002", "T006");

        Jar.Result noDeps = Jar.run(dir, "tasks.md", "--only", "T005", "--no-deps");
        assertThat(noDeps.exitCode()).isZero();
        assertThat(ranSinceLastLook()).containsExactly("T005");
    }

    @Test
    void listPrintsEveryTaskOnOneLineAndAsJsonAndMakesNoSession() throws Exception {
        sixTasks();

        Jar.Result list = Jar.run(dir, "tasks.md", "--list");
        Jar.Result json = Jar.run(dir, "tasks.md", "--list", "--json", "--only", "T004", "--with-deps");

        assertThat(list.exitCode()).isZero();
        assertThat(list.stdout().lines()).hasSize(6).first().isEqualTo("T001\tpending\tP1\tshell\tFirst");
        assertThat(json.exitCode()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : json.stdout().lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(n -> n.get("id").asText()).containsExactly("T003", "T004");
        assertThat(lines.get(0).get("why").asText()).isEqualTo("needed by T004 (--with-deps)");
        assertThat(dir.resolve("parallel-session")).doesNotExist();
    }

    @Test
    void resumeWithNoEarlierSessionSaysSoAndRunsEverythingAndListShowsWhatWouldBeResumed() throws Exception {
        sixTasks();
        Jar.Result first = Jar.run(dir, "tasks.md", "--resume", "--max-attempts", "1");
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.stdout()).contains("--resume: no earlier session of tasks.md beside parallel-session in which a task ran: "
                + "every task runs");
        assertThat(ranSinceLastLook()).containsExactlyInAnyOrder("T001", "T002", "T003", "T006");

        Jar.Result list = Jar.run(dir, "tasks.md", "--list", "--resume");

        assertThat(list.exitCode()).isZero();
        assertThat(list.stdout().lines()).containsExactly("T001\tresumed\tP1\tshell\tFirst", "T002\tresumed\tP1\tshell\tSecond",
                "T003\tpending\tP1\tshell\tThird, fails until fixed", "T004\tpending\tP1\tshell\tFourth",
                "T005\tpending\tP1\tshell\tFifth", "T006\tresumed\tP1\tshell\tSixth");
        assertThat(onlyRenamedSessionCount()).isZero();
    }

    private long onlyRenamedSessionCount() throws Exception {
        try (Stream<Path> siblings = Files.list(dir)) {
            return siblings.filter(p -> p.getFileName().toString().startsWith("parallel-session.")).count();
        }
    }

    /** T001 quick, T002 waits until the file {@code go} exists, T003 after T002. */
    private void waitingTasks() throws Exception {
        StringBuilder text = new StringBuilder();
        task(text, "T001", "Quick", "none", "echo T001 >> runs.txt");
        task(text, "T002", "Waits for go", "T001",
                "echo T002 >> runs.txt\nfor i in $(seq 1 200); do test -f go && exit 0; sleep 0.1; done; exit 1");
        task(text, "T003", "After", "T002", "echo T003 >> runs.txt");
        Files.writeString(dir.resolve("tasks.md"), text);
    }

    /** Starts orchestrate and returns once it printed that {@code task} started and the task's shell wrote to runs.txt. */
    private Process startAndWaitUntilRunning(String task, String... args) throws Exception {
        String line = task + " started";
        Process process = Jar.builder(dir, Map.of(), args).redirectError(dir.resolve("err.txt").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        boolean seen = false;
        for (String l = out.readLine(); l != null; l = out.readLine()) {
            if (l.contains(line)) {
                seen = true;
                break;
            }
        }
        assertThat(seen).as("orchestrate printed '" + line + "'").isTrue();
        Thread drain = new Thread(() -> {
            try {
                out.lines().forEach(l -> { });
            } catch (java.io.UncheckedIOException e) {
                // the process was killed: its output ends here
            }
        });
        drain.setDaemon(true);
        drain.start();
        // "started" is printed when the process is spawned, before its shell has run a line
        Path runs = dir.resolve("runs.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(runs) && Files.readString(runs).contains(task)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return process;
    }

    @Test
    void fromAfterAStopRunsThatTaskAndEverythingAfterIt() throws Exception {
        waitingTasks();
        Process process = startAndWaitUntilRunning("T002", "tasks.md", "--timeout", "2m");
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor()).isZero();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(130);
        assertThat(ranSinceLastLook()).containsExactly("T001", "T002");

        Files.writeString(dir.resolve("go"), "");
        Jar.Result from = Jar.run(dir, "tasks.md", "--from", "T002");

        assertThat(from.exitCode()).as(from.stdout() + from.stderr()).isZero();
        assertThat(ranSinceLastLook()).containsExactly("T002", "T003");
        JsonNode summary = summary(dir.resolve("parallel-session"));
        assertThat(ids(summary.get("completed"))).containsExactly("T002", "T003");
        assertThat(ids(summary.get("not_selected"))).containsExactly("T001");
    }

    @Test
    void resumeAfterKill9FallsBackToTheOutboxRecords() throws Exception {
        waitingTasks();
        Process process = startAndWaitUntilRunning("T002", "tasks.md", "--timeout", "2m");
        process.destroyForcibly(); // SIGKILL: no summary.json
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ranSinceLastLook()).containsExactly("T001", "T002");
        assertThat(dir.resolve("parallel-session/summary.json")).doesNotExist();

        Files.writeString(dir.resolve("go"), "");
        Jar.Result resumed = Jar.run(dir, "tasks.md", "--resume");

        assertThat(resumed.exitCode()).as(resumed.stdout() + resumed.stderr()).isZero();
        assertThat(ranSinceLastLook()).containsExactly("T002", "T003");
        assertThat(resumed.stdout()).contains("has no summary.json (the run did not end): resuming from its outbox records")
                .containsPattern("T002  runs          unfinished in \\d{8}-\\d{6}");
        JsonNode summary = summary(dir.resolve("parallel-session"));
        assertThat(ids(summary.get("resumed"))).containsExactly("T001");
        assertThat(summary.get("selection").get("resumed_from_source").asText()).isEqualTo("outbox records");
    }
    /**
     * Issue 15: a task resumed from an earlier session, or left out by {@code --only}, was not run
     * here and was not found done in the file. The console's start line, board and summary, the
     * timeline and the GitHub step summary say what it is, as summary.json does.
     */
    @Test
    void resumedAndNotSelectedTasksAreCalledSoInTheConsoleTheTimelineAndTheStepSummary() throws Exception {
        sixTasks();
        assertThat(Jar.run(dir, "tasks.md", "--max-attempts", "1").exitCode()).isEqualTo(1);
        Files.writeString(dir.resolve("fixed"), "");
        Path stepSummary = dir.resolve("step-summary.md");
        Map<String, String> github = Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", stepSummary.toString());

        Jar.Result resumed = Jar.run(dir, github, java.time.Duration.ofSeconds(120), "tasks.md", "--resume");

        assertThat(resumed.exitCode()).as(resumed.stdout() + resumed.stderr()).isZero();
        assertThat(ids(summary(dir.resolve("parallel-session")).get("resumed"))).containsExactly("T001", "T002", "T006");
        assertThat(resumed.stdout()).doesNotContain("already done")
                .contains("Running 3 tasks on 5 workers (3 resumed)")
                .contains("T001: First (resumed)")
                .contains("Resumed: 3 tasks (from parallel-session.")
                .contains("Completed: 3 of 3 tasks");
        String timeline = Files.readString(dir.resolve("parallel-session/timeline.html"));
        assertThat(timeline).doesNotContain("already done").contains("3 of 3 tasks completed · 3 resumed");
        String step = Files.readString(stepSummary);
        assertThat(step).doesNotContain("already done").contains("3 of 3 tasks completed")
                .containsPattern("\\| T001 \\| First \\| [^|]*resumed \\|");

        Files.delete(stepSummary);
        Jar.Result only = Jar.run(dir, github, java.time.Duration.ofSeconds(120), "tasks.md", "--only", "T006");

        assertThat(only.exitCode()).as(only.stdout() + only.stderr()).isZero();
        assertThat(ids(summary(dir.resolve("parallel-session")).get("not_selected")))
                .containsExactly("T001", "T002", "T003", "T004", "T005");
        assertThat(only.stdout()).doesNotContain("already done")
                .contains("Running 1 task on 5 workers (5 not selected)")
                .contains("T001: First (not selected)")
                .contains("Not selected: 5 tasks")
                .contains("Completed: 1 of 1 task");
        assertThat(Files.readString(dir.resolve("parallel-session/timeline.html"))).doesNotContain("already done")
                .contains("1 of 1 tasks completed · 5 not selected");
        assertThat(Files.readString(stepSummary)).doesNotContain("already done")
                .containsPattern("\\| T001 \\| First \\| [^|]*not selected \\|");
        // --json counts them as summary.json does
        Jar.Result json = Jar.run(dir, "tasks.md", "--only", "T006", "--json");
        assertThat(json.exitCode()).as(json.stderr()).isZero();
        List<String> lines = json.stdout().lines().toList();
        JsonNode finished = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(finished.get("type").asText()).isEqualTo("run_finished");
        assertThat(finished.get("not_selected").asInt()).isEqualTo(5);
        assertThat(finished.get("resumed").asInt()).isZero();
        assertThat(finished.get("already_done").asInt()).isZero();
    }
}
