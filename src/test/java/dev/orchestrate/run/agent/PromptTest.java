package dev.orchestrate.run.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Executor;
import dev.orchestrate.plan.ImplicitDependency;
import dev.orchestrate.plan.PlannedFile;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.task.FileOperation;
import dev.orchestrate.task.Priority;
import dev.orchestrate.task.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptTest {

    static Task task(String id, String title, String body) {
        return new Task(id, title, body, 1, false, Priority.P2, List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), 1);
    }

    private final Task login = task("T003", "Add the login form", """
            Build the form with email and password fields.

            - [ ] Validate the email on blur
            - [ ] Disable submit while the request runs

            **Success**: the form posts to /api/login
            """);

    @Test
    void thePromptCarriesTheTitleAndTheWholeBody() {
        Prompt prompt = Prompt.of(login, List.of("src/login.ts"), List.of(), "");
        assertThat(prompt.text())
                .startsWith("# Task T003: Add the login form\n")
                .contains("## Task\nBuild the form with email and password fields.\n\n- [ ] Validate the email on blur\n"
                        + "- [ ] Disable submit while the request runs\n\n**Success**: the form posts to /api/login\n");
    }

    @Test
    void theLockedFilesAreListedWithTheInstructionToChangeOnlyThose() {
        Prompt prompt = Prompt.of(login, List.of("src/login.ts", "src/login.test.ts"), List.of(), "");
        assertThat(prompt.text()).contains(Prompt.FILES_HEADING + "\nChange only these files; other workers are changing other files"
                + " at the same time:\n- `src/login.ts`\n- `src/login.test.ts`\n");
    }

    @Test
    void aTaskWithoutFilesIsToldToKeepItsChangesSmall() {
        assertThat(Prompt.of(login, List.of(), List.of(), "").text())
                .contains(Prompt.FILES_HEADING + "\nThis task declares no files.")
                .doesNotContain("- `");
    }

    @Test
    void completedDependenciesAreNamedWithTheirTitles() {
        Prompt prompt = Prompt.of(login, List.of(), List.of(
                new Prompt.CompletedTask("T001", "Create the project"), new Prompt.CompletedTask("T002", "Add the API client")), "");
        assertThat(prompt.text()).contains("## Completed before this task\n- T001: Create the project\n- T002: Add the API client\n");
    }

    @Test
    void sectionsWithNothingToSayAreLeftOut() {
        String text = Prompt.of(task("T1", "Do it", ""), List.of(), List.of(), "  ").text();
        assertThat(text).doesNotContain("## Completed before this task").doesNotContain("## Project context")
                .contains("## Task\n(No details beyond the title.)\n");
    }

    @Test
    void theContextSummaryIsIncludedAndCutWhenItIsLong() {
        assertThat(Prompt.of(login, List.of(), List.of(), "TypeScript, npm, vitest").text())
                .contains("## Project context\nTypeScript, npm, vitest\n");
        String cut = Prompt.of(login, List.of(), List.of(), "x".repeat(20_000)).text();
        assertThat(cut).contains("… (context cut at 8000 characters)").hasSizeLessThan(10_000);
    }

    @Test
    void theSameInputsAlwaysGiveTheSameText() {
        Prompt a = Prompt.of(login, List.of("a", "b"), List.of(new Prompt.CompletedTask("T1", "x")), "ctx");
        Prompt b = Prompt.of(login, List.of("a", "b"), List.of(new Prompt.CompletedTask("T1", "x")), "ctx");
        assertThat(a).isEqualTo(b);
    }

    @Test
    void aMultiLineTitleBecomesOneLine() {
        assertThat(Prompt.of(task("T1", "Fix\n  the bug", ""), List.of(), List.of(), "").text()).startsWith("# Task T1: Fix the bug\n");
    }

    @Test
    void theSizeIsCountedInUtf8Bytes() {
        Prompt prompt = Prompt.of(task("T1", "Ajouter l'écran de connexion 🚀", "日本語"), List.of(), List.of(), "");
        assertThat(prompt.size()).isEqualTo(prompt.text().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(prompt.text().length());
    }

    @Test
    void itNeverStartsWithADashSoNoCliTakesItForAnOption() {
        assertThat(Prompt.of(task("--rm", "-x", "-y"), List.of(), List.of(), "").text()).doesNotStartWith("-");
    }

    @Test
    void writeToSavesTheExactBytesCreatingTheFolder(@TempDir Path dir) throws Exception {
        Prompt prompt = Prompt.of(login, List.of("src/login.ts"), List.of(), "ctx");
        Path file = dir.resolve("logs/T003.prompt.md");
        prompt.writeTo(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(prompt.bytes());
    }

    @Test
    void aPlannedTaskPromptNamesItsLockedFilesAndOnlyTheDependenciesThatCompleted() {
        Task setup = task("T001", "Create the project", "");
        Task client = task("T002", "Add the API client", "");
        Task form = new Task("T003", "Add the login form", "body", 3, false, Priority.P2, List.of("T001"), List.of(), List.of(),
                Optional.empty(), Optional.empty(), 1);
        PlannedTask plannedForm = new PlannedTask(form, Priority.P2,
                List.of(new ImplicitDependency("T002", "T003 modifies src/api.ts, created by T002")),
                List.of(new PlannedFile("src/login.ts", FileOperation.CREATE, true),
                        new PlannedFile("docs/*.md", FileOperation.READ, false)),
                Executor.AGENT, Duration.ofMinutes(30), "G2", false);
        Map<String, PlannedTask> tasks = new LinkedHashMap<>();
        tasks.put("T001", planned(setup));
        tasks.put("T002", planned(client));
        tasks.put("T003", plannedForm);
        ExecutionPlan plan = new ExecutionPlan(Instant.EPOCH, Path.of("tasks.md"), List.of(), tasks, Map.of(), List.of(), 1, 2);

        Prompt prompt = Prompt.forPlannedTask(plannedForm, plan, Set.of("T001"), "");

        assertThat(prompt.taskId()).isEqualTo("T003");
        assertThat(prompt.text()).contains("- `src/login.ts`\n").doesNotContain("docs/*.md")
                .contains("- T001: Create the project\n").doesNotContain("T002");
    }

    private static PlannedTask planned(Task task) {
        return new PlannedTask(task, Priority.P2, List.of(), List.of(), Executor.AGENT, Duration.ofMinutes(30), "G1", false);
    }
}
