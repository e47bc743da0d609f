package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orchestrate.CorpusFiles;
import dev.orchestrate.export.CiFormat;
import dev.orchestrate.export.ExportSettings;
import dev.orchestrate.export.Exports;
import dev.orchestrate.export.PlanSource;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlanSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code orchestrate export} and {@code orchestrate merge} through the jar: the subcommands beside
 * the plain {@code orchestrate TASK_FILE}, their errors, and the exported GitHub workflows checked
 * by {@code @action-validator/cli} (installed by {@code .ci/install-action-validator}).
 */
class ExportIT {

    @TempDir
    Path dir;

    static Path validator() {
        Path basedir = Path.of(System.getProperty("orchestrate.basedir", "."));
        Path tool = basedir.resolve("target/ci-tools/node_modules/.bin/action-validator");
        assumeTrue(Files.isExecutable(tool), "@action-validator/cli is not installed at " + tool
                + " (.ci/install-action-validator installs it with npm; npm is missing or the install failed)");
        return tool;
    }

    @Test
    void theExportedGithubWorkflowsOfTheJarPassActionValidator() throws Exception {
        Path tool = validator();
        Path quickstart = Path.of(System.getProperty("orchestrate.basedir", ".")).resolve("examples/quickstart/tasks.md");
        Path project = WorkflowRunIT.project(dir.resolve("project"));
        for (Path taskFile : List.of(quickstart, project.resolve("tasks.md"))) {
            for (boolean reusable : new boolean[] {false, true}) {
                Path workflow = dir.resolve(reusable ? "reusable.yml" : "workflow.yml");
                List<String> args = new ArrayList<>(List.of("export", "--format", "github-actions",
                        taskFile.toAbsolutePath().toString(), "-o", workflow.toString(), "--workers", "2", "--timeout", "90s"));
                if (reusable) {
                    args.add("--reusable");
                }
                Jar.Result export = Jar.run(dir, args.toArray(String[]::new));
                assertThat(export.exitCode()).as(export.stderr()).isZero();
                assertThat(export.stderr()).contains("Wrote " + workflow);
                validate(tool, workflow);
            }
        }
    }

    /** The corpus in-process (the jar's start-up, seventy times over, adds nothing to what is checked). */
    @ParameterizedTest
    @MethodSource("dev.orchestrate.CorpusFiles#taskFiles")
    void theExportedGithubWorkflowOfEveryCorpusFilePassesActionValidator(Path taskFile) throws Exception {
        Path tool = validator();
        CorpusFiles.assumeParsed(taskFile);
        ExecutionPlan plan = PlanSource.load(taskFile, dir, dir,
                new PlanSettings(5, Duration.ofSeconds(30), Duration.ofMinutes(30), false)).plan();
        ExportSettings settings = new ExportSettings("specs/tasks.md", "orchestrate", 3, Optional.empty(), Optional.of("claude"), false);
        Path workflow = Files.writeString(dir.resolve("workflow.yml"), Exports.of(CiFormat.GITHUB_ACTIONS, plan, settings).text());
        validate(tool, workflow);
    }

    private static void validate(Path tool, Path workflow) throws Exception {
        Process check = new ProcessBuilder(tool.toString(), workflow.toString()).redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("action-validator on " + workflow + ":\n" + said + "\n" + Files.readString(workflow))
                .isZero();
    }

    @Test
    void thePlainRunAndTheSubcommandsLiveSideBySide() throws Exception {
        Files.writeString(dir.resolve("tasks.md"), "### T001: say hello\n**Depends**: none\n\n```bash\necho hello\n```\n");
        Jar.Result run = Jar.run(dir, "tasks.md");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("Using tasks from tasks.md");

        Jar.Result help = Jar.run(dir, "--help");
        assertThat(help.stdout()).contains("export", "merge");
        Jar.Result exportHelp = Jar.run(dir, "export", "--help");
        assertThat(exportHelp.exitCode()).isZero();
        assertThat(exportHelp.stdout()).contains("Usage: orchestrate export", "--format");

        Jar.Result export = Jar.run(dir, "export", "--format", "gitlab", "tasks.md");
        assertThat(export.exitCode()).as(export.stderr()).isZero();
        assertThat(export.stdout()).contains("stages:", "group-1:", "--only \"$TASK\"");
        assertThat(dir.resolve("parallel-session.")).doesNotExist();
    }

    @Test
    void exportErrorsAreOneLineWithExitTwo() throws Exception {
        Files.writeString(dir.resolve("tasks.md"), "### T001: ask the agent\n**Depends**: none\n");
        Jar.Result agent = Jar.run(dir, "export", "--format", "buildkite", "tasks.md");
        assertThat(agent.exitCode()).isEqualTo(2);
        assertThat(agent.stderrLines()).singleElement().asString().contains("tasks.md:1", "need --agent", "T001");

        Jar.Result format = Jar.run(dir, "export", "--format", "jenkins", "tasks.md");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.stderrLines()).singleElement().asString().contains("jenkins", "github-actions, gitlab or buildkite");

        Files.createDirectories(dir.resolve("a-folder"));
        Jar.Result target = Jar.run(dir, "export", "--format", "gitlab", "tasks.md", "--agent", "claude", "-o", "a-folder");
        assertThat(target.exitCode()).isEqualTo(2);
        assertThat(target.stderrLines()).singleElement().asString().contains("a-folder", "not a regular file");
        assertThat(dir.resolve("a-folder")).isEmptyDirectory();
    }

    @Test
    void mergeErrorsAreOneLineWithExitTwo() throws Exception {
        Jar.Result missing = Jar.run(dir, "merge", "no-such-folder");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderrLines()).singleElement().asString().contains("no-such-folder", "no such folder");

        Files.createDirectories(dir.resolve("s"));
        Files.writeString(dir.resolve("s/summary.json"), "{ not json");
        Jar.Result broken = Jar.run(dir, "merge", "s");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.stderrLines()).singleElement().asString().contains("summary.json", "not a readable JSON file");

        Files.writeString(dir.resolve("tasks.md"), "### T001: say hello\n**Depends**: none\n\n```bash\necho hello\n```\n");
        assertThat(Jar.run(dir, "tasks.md", "--session-dir", "run").exitCode()).isZero();
        Files.createDirectories(dir.resolve("mine"));
        Files.writeString(dir.resolve("mine/notes.txt"), "keep me");
        Jar.Result foreign = Jar.run(dir, "merge", "run", "-o", "mine");
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.stderrLines()).singleElement().asString().contains("mine", "not a session folder");
        assertThat(dir.resolve("mine/notes.txt")).hasContent("keep me");
    }

    @Test
    void mergingTwoPartialRunsReadsAsOneRun() throws Exception {
        Path project = WorkflowRunIT.project(dir.resolve("project"));
        Jar.Result first = Jar.run(project, "tasks.md", "--only", "T001,T002,T005", "--session-dir", "jobs/a", "--max-attempts", "1");
        assertThat(first.exitCode()).as(first.stdout() + first.stderr()).isEqualTo(1);
        Jar.Result second = Jar.run(project, "tasks.md", "--only", "T003,T006", "--no-deps", "--session-dir", "jobs/b",
                "--max-attempts", "1");
        assertThat(second.exitCode()).as(second.stdout() + second.stderr()).isZero();

        Jar.Result ready = Jar.run(project, "merge", "jobs", "--ready", "T004");
        assertThat(ready.exitCode()).isEqualTo(1);
        assertThat(ready.stdout()).contains("T004 is not run", "T002 (failed)");
        assertThat(Jar.run(project, "merge", "jobs", "--ready", "T006").exitCode()).isZero();

        Jar.Result merge = Jar.run(project, "merge", "jobs", "-o", "merged");
        assertThat(merge.exitCode()).as(merge.stderr()).isEqualTo(1);
        assertThat(merge.stdout()).contains("Merged 2 session folders", "4 completed, 1 failed, 1 skipped, 0 not run");
        var summary = WorkflowRunIT.read(project.resolve("merged/summary.json"));
        assertThat(WorkflowRunIT.statuses(summary)).containsEntry("T004", "skipped").containsEntry("T006", "completed");
        assertThat(WorkflowRunIT.blocked(summary)).containsEntry("T004", List.of("T002"));
        assertThat(project.resolve("merged/junit.xml")).content().contains("<failure", "blocked by T002");
        assertThat(project.resolve("merged/timeline.html")).content().contains("jobs/a".substring(5), "T003");

        Jar.Result again = Jar.run(project, "merge", "jobs", "-o", "merged");
        assertThat(again.exitCode()).isEqualTo(1);
        try (Stream<Path> siblings = Files.list(project)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).as("the earlier merge is renamed, not replaced")
                    .anyMatch(n -> n.startsWith("merged."));
        }
    }
}
