package dev.orchestrate.report;

import static dev.orchestrate.event.RunFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.event.ConsolePrinter;
import dev.orchestrate.event.RunFixture;
import dev.orchestrate.event.Screen;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.run.Event;
import dev.orchestrate.run.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GithubActionsTest {

    @TempDir
    Path workspace;
    ExecutionPlan plan;
    Path log;

    @BeforeEach
    void aTaskFileInTheWorkspace() throws IOException {
        plan = RunFixture.sample(workspace.resolve("specs/001-auth/tasks.md"));
        log = Files.createDirectories(workspace.resolve("logs")).resolve("T007.log");
        Files.writeString(log, "connecting\n::warning::not ours\nfailed: 100% of retries\n");
    }

    private GithubActions github(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("GITHUB_ACTIONS", "true",
                "GITHUB_WORKSPACE", workspace.toString()));
        env.putAll(extra);
        return new GithubActions(plan, env);
    }

    private Event.TaskFailed failure(boolean givingUp, String error) {
        return new Event.TaskFailed(at(16), "T007", "worker-2", givingUp ? 3 : 1, 3, error, OptionalInt.empty(), givingUp, log);
    }

    @Test
    void isActiveOnlyWhenGithubActionsIsTrue() {
        assertThat(GithubActions.active(Map.of("GITHUB_ACTIONS", "true"))).isTrue();
        assertThat(GithubActions.active(Map.of("GITHUB_ACTIONS", "false"))).isFalse();
        assertThat(GithubActions.active(Map.of("CI", "true"))).isFalse();
    }

    @Test
    void aTaskGivenUpIsAnnotatedOnItsLineOfTheTaskFile() {
        assertThat(github(Map.of()).annotation("T007", "timeout after 30s"))
                .isEqualTo("::error file=specs/001-auth/tasks.md,line=13,title=T007 failed::timeout after 30s");
    }

    @Test
    void annotationsEscapeWhatWorkflowCommandsReserve() {
        plan = RunFixture.plan(workspace.resolve("a,b:c.md")).task("2.1", "t", "G1", 4).build();

        assertThat(github(Map.of()).annotation("2.1", "50% done\r\nthen: crash, exit 1"))
                .isEqualTo("::error file=a%2Cb%3Ac.md,line=4,title=2.1 failed::50%25 done%0D%0Athen: crash, exit 1");
        assertThat(GithubActions.escapeProperty("100%:,\n")).isEqualTo("100%25%3A%2C%0A");
        assertThat(GithubActions.escapeData("100%:,\r")).isEqualTo("100%25:,%0D");
    }

    @Test
    void aTaskFileOutsideTheWorkspaceKeepsItsPath() {
        GithubActions github = new GithubActions(plan, Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", "/elsewhere"));

        assertThat(github.annotation("T007", "x")).startsWith("::error file=" + workspace.resolve("specs/001-auth/tasks.md") + ",line=13,");
    }

    @Test
    void theFailureLineStaysOutsideTheGroupAndTheLogCannotIssueCommands() {
        Screen screen = new Screen();
        new ConsolePrinter(plan, screen.plain(), Clock.systemUTC(), github(Map.of())).on(failure(true, "timeout after 5s"));

        List<String> lines = screen.lines();
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).isEqualTo("✗  T007 failed: timeout after 5s (attempt 3/3) — giving up");
        assertThat(lines.get(1)).isEqualTo("::error file=specs/001-auth/tasks.md,line=13,title=T007 failed::timeout after 5s");
        assertThat(lines.get(2)).isEqualTo("::group::T007 log");
        assertThat(lines.get(3)).matches("::stop-commands::[0-9a-f]{32}");
        String token = lines.get(3).substring("::stop-commands::".length());
        assertThat(lines.subList(4, 7)).containsExactly("connecting", "::warning::not ours", "failed: 100% of retries");
        assertThat(lines.get(7)).isEqualTo("::" + token + "::");
        assertThat(lines.get(8)).isEqualTo("::endgroup::");
    }

    @Test
    void anAttemptThatWillBeRetriedIsFoldedButNotAnnotated() {
        Screen screen = new Screen();
        new ConsolePrinter(plan, screen.plain(), Clock.systemUTC(), github(Map.of())).on(failure(false, "exit 1"));

        assertThat(screen.lines().get(0)).isEqualTo("✗  T007 failed: exit 1 (attempt 1/3)");
        assertThat(screen.lines().get(1)).isEqualTo("::group::T007 log");
        assertThat(screen.out()).doesNotContain("::error");
    }

    @Test
    void theStepSummaryTableIsAppendedToTheFileGithubNames() throws IOException {
        Path summary = Files.writeString(workspace.resolve("step-summary.md"), "earlier step\n");
        RunResult result = RunFixture.sampleResult();

        github(Map.of("GITHUB_STEP_SUMMARY", summary.toString())).appendStepSummary(result);

        List<String> lines = Files.readAllLines(summary);
        assertThat(lines.get(0)).isEqualTo("earlier step");
        assertThat(lines).contains(
                "### orchestrate: 4 of 6 tasks completed",
                "| Task | Title | Status | Attempts | Time | Details |",
                "|---|---|---|---:|---:|---|",
                "| T003 | Write the session store | ✅ completed | 2 | 2.3s |  |",
                "| T007 | Run the integration suite | ❌ failed | 3 | 15s | timeout after 5s |",
                "| T008 | Publish the release notes | ⏭️ skipped | 0 |  | blocked by T007 |",
                "Duration: 20 seconds · Workers used: 3 · Parallelism achieved: 1.5x speedup");
    }

    @Test
    void tableCellsCannotBreakTheTable() {
        assertThat(GithubActions.cell("a | b\nc <script>")).isEqualTo("a \\| b c &lt;script&gt;");
    }

    @Test
    void withoutAStepSummaryFileNothingIsWritten() {
        github(Map.of()).appendStepSummary(RunFixture.sampleResult());

        assertThat(workspace.resolve("step-summary.md")).doesNotExist();
    }
}
