package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees from the jar before any task runs: help, version, usage errors, bad files. */
class CommandLineIT {

    @TempDir
    Path dir;

    @Test
    void helpAndVersionWork() throws Exception {
        Jar.Result help = Jar.run(dir, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("Usage: orchestrate", "--workers", "Exit codes");

        Jar.Result version = Jar.run(dir, "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).matches("(?s)orchestrate \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void workersOutOfRangeIsAOneLineUsageErrorWithExitTwo() throws Exception {
        for (String workers : new String[] {"0", "6"}) {
            Jar.Result result = Jar.run(dir, "--workers", workers, "tasks.md");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.stderrLines()).hasSize(1).first().asString().contains("--workers must be 1 to 5");
            assertThat(result.stdout()).isEmpty();
        }
    }

    @Test
    void aMissingTaskFileIsAOneLineErrorWithExitTwo() throws Exception {
        Jar.Result result = Jar.run(dir, "missing/tasks.md");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1).first().asString().contains("missing/tasks.md");
    }

    @Test
    void noTaskFileAnywhereListsThePlacesLookedAt() throws Exception {
        Jar.Result result = Jar.run(dir);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1).first().asString().contains("tasks.md", "TASKS.md", "plan.md");
    }

    @Test
    void aTaskFileFoundInTheCurrentFolderIsNamedFirst() throws Exception {
        Files.writeString(dir.resolve("tasks.md"), task("T001", "say hello", "none", "echo hello"));
        Jar.Result result = Jar.run(dir);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("Using tasks from tasks.md");
        assertThat(Files.readString(dir.resolve("parallel-session/logs/T001.log"))).contains("hello");
    }

    @Test
    void aFileWithoutTasksIsAnErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("notes.md"), "# Notes\n\nNothing to do here.\n");
        Jar.Result result = Jar.run(dir, "notes.md");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1).first().asString().contains("notes.md", "no tasks");
    }

    @Test
    void agentTasksWithoutAnAgentAreRefusedWithTheirList() throws Exception {
        Files.writeString(dir.resolve("tasks.md"), "- [ ] T001 Write the parser in src/parser.py\n- [ ] T002 Test it\n");
        Jar.Result result = Jar.run(dir, "tasks.md");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1).first().asString().contains("--agent", "T001", "T002");
        String summary = Files.readString(dir.resolve("parallel-session/summary.json"));
        assertThat(summary).contains("\"exit_code\" : 2", "\"not_run\" : [ \"T001\", \"T002\" ]");

        Jar.Result dryRun = Jar.run(dir, "--dry-run", "tasks.md");
        assertThat(dryRun.exitCode()).as(dryRun.stderr()).isZero();
        assertThat(dir.resolve("parallel-session/execution-plan.json")).isRegularFile();
    }

    @Test
    void aFailingTaskExitsOneAndItsDependentIsSkipped() throws Exception {
        Files.writeString(dir.resolve("tasks.md"),
                task("T001", "fail", "none", "echo broken >&2; exit 7") + "\n" + task("T002", "never runs", "T001", "touch ran.txt"));
        Jar.Result result = Jar.run(dir, "--max-attempts", "2", "tasks.md");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).contains("✗  T001 failed: exit 7 (attempt 1/2)", "giving up", "broken", "Skipped: 1");
        assertThat(dir.resolve("ran.txt")).doesNotExist();
    }

    @Test
    void underGithubActionsWithJsonStdoutStaysJsonAndTheAnnotationGoesToStderr() throws Exception {
        Files.writeString(dir.resolve("tasks.md"), task("T001", "fail", "none", "exit 7"));
        Jar.Result result = Jar.run(dir, Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", dir.toString()),
                java.time.Duration.ofSeconds(60), "--json", "--max-attempts", "1", "tasks.md");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout().lines()).isNotEmpty().allMatch(line -> line.startsWith("{\"type\":"));
        assertThat(result.stderrLines()).containsExactly("::error file=tasks.md,line=1,title=T001 failed::exit 7");
    }

    @Test
    void aDependencyCycleIsAOneLineErrorAndTheSessionKeepsASummary() throws Exception {
        Files.writeString(dir.resolve("tasks.md"), task("T001", "one", "T002", "true") + "\n" + task("T002", "two", "T001", "true"));
        Jar.Result result = Jar.run(dir, "tasks.md");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1).first().asString().contains("tasks.md:", "T001 → T002 → T001");
        String summary = Files.readString(dir.resolve("parallel-session/summary.json"));
        assertThat(summary).contains("\"exit_code\" : 2", "T001 → T002 → T001");
    }

    /** One task in the heading format: {@code ### ID: title}, its dependencies, its shell command. */
    private static String task(String id, String title, String depends, String command) {
        return "### " + id + ": " + title + "\n**Depends**: " + depends + "\n\n```bash\n" + command + "\n```\n";
    }
}
