package dev.orchestrate.plan;

import static dev.orchestrate.plan.TaskBuilder.file;
import static dev.orchestrate.plan.TaskBuilder.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.orchestrate.scout.Context;
import dev.orchestrate.scout.Scout;
import dev.orchestrate.task.FileOperation;
import dev.orchestrate.task.Priority;
import dev.orchestrate.task.TaskFile;
import dev.orchestrate.task.TaskFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {

    private static final PlanSettings FIVE_WORKERS = new PlanSettings(5, Duration.ofSeconds(30), Duration.ofMinutes(30), false);

    @TempDir
    Path root;

    private Context context;

    @BeforeEach
    void scoutAProjectWithOneFile() throws IOException {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/existing.ts"), "export {}\n");
        context = Scout.discover(root, List.of("src/existing.ts", "out/a.txt"));
    }

    private ExecutionPlan plan(TaskFile file) {
        return Planner.plan(file, context, FIVE_WORKERS);
    }

    private static List<List<String>> groupTasks(ExecutionPlan plan) {
        return plan.groups().stream().map(Group::tasks).toList();
    }

    @Test
    void explicitDependenciesPutATaskInALaterGroup() {
        ExecutionPlan plan = plan(file(task("T001"), task("T002").dependsOn("T001"), task("T003")));

        assertThat(groupTasks(plan)).containsExactly(List.of("T001", "T003"), List.of("T002"));
        assertThat(plan.task("T002").group()).isEqualTo("G2");
        assertThat(plan.task("T002").implicitDependsOn()).isEmpty();
        assertThat(plan.groups().get(0).rationale()).isEqualTo("2 independent P2 tasks");
        assertThat(plan.groups().get(1).rationale()).isEqualTo("1 P2 task; T002 waits for T001 (explicit)");
    }

    @Test
    void listOrderAndPhaseDependenciesBecomeImplicitWithTheirReason() {
        ExecutionPlan plan = plan(file(
                task("T001"),
                task("T002").after("T001", "list order"),
                task("T003").after("T002", "phase 2 waits for phase 1").after("T001", "phase 2 waits for phase 1")));

        assertThat(plan.task("T002").implicitDependsOn()).containsExactly(new ImplicitDependency("T001", "list order"));
        assertThat(plan.task("T003").allDependencies()).containsExactly("T002", "T001");
        assertThat(groupTasks(plan)).containsExactly(List.of("T001"), List.of("T002"), List.of("T003"));
        assertThat(plan.groups().get(2).rationale()).isEqualTo("1 P2 task; T003 waits for T002 (phase 2 waits for phase 1)");
    }

    @Test
    void anImplicitDependencyAlreadyStatedExplicitlyIsNotRepeated() {
        ExecutionPlan plan = plan(file(task("T001"), task("T002").dependsOn("T001").after("T001", "list order")));

        assertThat(plan.task("T002").implicitDependsOn()).isEmpty();
        assertThat(plan.task("T002").allDependencies()).containsExactly("T001");
    }

    @Test
    void aFileThatExistsIsModified() {
        ExecutionPlan plan = plan(file(task("T001").file("src/existing.ts")));

        assertThat(plan.task("T001").files()).containsExactly(new PlannedFile("src/existing.ts", FileOperation.MODIFY, true));
    }

    @Test
    void theFirstTaskNamingAMissingFileCreatesItAndLaterTasksWaitForIt() {
        ExecutionPlan plan = plan(file(
                task("T001").file("out/a.txt"),
                task("T002").file("out/a.txt"),
                task("T003").file("out/a.txt")));

        assertThat(plan.task("T001").files()).containsExactly(new PlannedFile("out/a.txt", FileOperation.CREATE, true));
        assertThat(plan.task("T002").files()).containsExactly(new PlannedFile("out/a.txt", FileOperation.MODIFY, true));
        assertThat(plan.task("T002").implicitDependsOn())
                .containsExactly(new ImplicitDependency("T001", "T002 modifies out/a.txt, created by T001"));
        assertThat(plan.task("T003").implicitDependsOn())
                .containsExactly(new ImplicitDependency("T001", "T003 modifies out/a.txt, created by T001"));
        // the two modifiers are not ordered, but never side by side either
        assertThat(groupTasks(plan)).containsExactly(List.of("T001"), List.of("T002"), List.of("T003"));
        assertThat(plan.groups().get(1).rationale()).isEqualTo("1 P2 task; T002 waits for T001 (T002 modifies out/a.txt, created by T001)");
    }

    @Test
    void aCreatorComesBeforeLaterTasksThatDeleteOrReadTheFile() {
        ExecutionPlan plan = plan(file(
                task("T001").file("gen/schema.sql", FileOperation.READ),
                task("T002").file("gen/schema.sql", FileOperation.CREATE),
                task("T003").file("gen/schema.sql", FileOperation.READ),
                task("T004").file("gen/schema.sql", FileOperation.DELETE)));

        assertThat(plan.task("T001").implicitDependsOn()).as("came before the creator").isEmpty();
        assertThat(plan.task("T003").implicitDependsOn())
                .containsExactly(new ImplicitDependency("T002", "T003 reads gen/schema.sql, created by T002"));
        assertThat(plan.task("T004").implicitDependsOn())
                .containsExactly(new ImplicitDependency("T002", "T004 deletes gen/schema.sql, created by T002"));
        assertThat(plan.task("T003").files()).containsExactly(new PlannedFile("gen/schema.sql", FileOperation.READ, false));
    }

    @Test
    void anExplicitCreateOfAnExistingFileStillOrdersLaterModifiers() {
        ExecutionPlan plan = plan(file(
                task("T001").file("src/existing.ts", FileOperation.CREATE),
                task("T002").file("src/existing.ts")));

        assertThat(plan.task("T002").files()).containsExactly(new PlannedFile("src/existing.ts", FileOperation.MODIFY, true));
        assertThat(plan.task("T002").allDependencies()).containsExactly("T001");
    }

    @Test
    void twoTasksModifyingOneFileAreNotOrderedButNeverShareAGroup() {
        ExecutionPlan plan = plan(file(
                task("T001").file("src/existing.ts"),
                task("T002").file("src/existing.ts"),
                task("T003").file("src/other.ts", FileOperation.MODIFY)));

        assertThat(plan.task("T002").allDependencies()).isEmpty();
        assertThat(groupTasks(plan)).containsExactly(List.of("T001", "T003"), List.of("T002"));
        assertThat(plan.groups().get(1).rationale()).isEqualTo("1 P2 task; kept apart: T002 and T001 both change src/existing.ts");
        assertThat(plan.conflictMap()).containsExactly(Map.entry("src/existing.ts", List.of("T001", "T002")));
        assertThat(plan.groups().get(0).filesModified()).containsExactly("src/existing.ts", "src/other.ts");
    }

    @Test
    void readersDoNotConflict() {
        ExecutionPlan plan = plan(file(
                task("T001").file("src/existing.ts", FileOperation.READ),
                task("T002").file("src/existing.ts", FileOperation.READ)));

        assertThat(groupTasks(plan)).containsExactly(List.of("T001", "T002"));
        assertThat(plan.conflictMap()).isEmpty();
    }

    @Test
    void spellingsOfOnePathNameOneFile() {
        ExecutionPlan plan = plan(file(task("T001").file("./src/existing.ts"), task("T002").file("src//existing.ts")));

        assertThat(plan.conflictMap()).containsOnlyKeys("src/existing.ts");
        assertThat(plan.task("T001").files().get(0).operation()).isEqualTo(FileOperation.MODIFY);
    }

    @Test
    void globsAndPlaceholdersAreRecordedButNeverLockedOrOrdered() {
        ExecutionPlan plan = plan(file(
                task("T001").file("src/**/*.ts").file("docs/{feature}.md"),
                task("T002").file("src/**/*.ts", FileOperation.CREATE),
                task("T003").file("src/**/*.ts")));

        assertThat(plan.task("T001").files()).containsExactly(
                new PlannedFile("src/**/*.ts", FileOperation.MODIFY, false),
                new PlannedFile("docs/{feature}.md", FileOperation.MODIFY, false));
        assertThat(plan.task("T003").allDependencies()).isEmpty();
        assertThat(plan.task("T003").lockedPaths()).isEmpty();
        assertThat(plan.conflictMap()).isEmpty();
        assertThat(groupTasks(plan)).containsExactly(List.of("T001", "T002", "T003"));
    }

    @Test
    void aTaskRunsAtTheMostUrgentPriorityOfEverythingThatNeedsIt() {
        ExecutionPlan plan = plan(file(
                task("T001").priority(Priority.P3),
                task("T002").priority(Priority.P2).dependsOn("T001"),
                task("T003").priority(Priority.P0).dependsOn("T002"),
                task("T004").priority(Priority.P3),
                task("T005").priority(Priority.P1).after("T004", "list order")));

        assertThat(plan.task("T001").priority()).isEqualTo(Priority.P0);
        assertThat(plan.task("T001").task().priority()).isEqualTo(Priority.P3);
        assertThat(plan.task("T002").priority()).isEqualTo(Priority.P0);
        assertThat(plan.task("T004").priority()).isEqualTo(Priority.P1);
        assertThat(plan.task("T005").priority()).isEqualTo(Priority.P1);
    }

    @Test
    void priorityLevelsRunInOrderWhateverTheFileOrder() {
        ExecutionPlan plan = plan(file(
                task("T001").priority(Priority.P3),
                task("T002").priority(Priority.P2),
                task("T003").priority(Priority.P1),
                task("T004").priority(Priority.P0),
                task("T005").priority(Priority.P0).dependsOn("T004"),
                task("T006").priority(Priority.P1)));

        assertThat(groupTasks(plan)).containsExactly(
                List.of("T004"), List.of("T005"), List.of("T003", "T006"), List.of("T002"), List.of("T001"));
        assertThat(plan.groups()).extracting(Group::priority)
                .containsExactly(Priority.P0, Priority.P0, Priority.P1, Priority.P2, Priority.P3);
        assertThat(plan.groups().get(2).rationale()).isEqualTo("2 independent P1 tasks; after every P0 task");
    }

    @Test
    void workersNeededIsTheGroupSizeCappedAtTheWorkers() {
        TaskFile seven = file(task("T1"), task("T2"), task("T3"), task("T4"), task("T5"), task("T6"), task("T7"),
                task("T8").dependsOn("T1"));

        ExecutionPlan plan = Planner.plan(seven, context, new PlanSettings(3, Duration.ofSeconds(30), Duration.ofMinutes(30), false));

        assertThat(plan.groups()).extracting(Group::workersNeeded).containsExactly(3, 1);
        assertThat(plan.groups()).extracting(Group::parallel).containsExactly(true, false);
        assertThat(plan.workers()).isEqualTo(3);
    }

    @Test
    void theCriticalPathIsTheHeaviestChainByEstimate() {
        ExecutionPlan plan = plan(file(
                task("T001").estimate(1),
                task("T002").estimate(5).dependsOn("T001"),
                task("T003").estimate(1),
                task("T004").estimate(1).dependsOn("T003"),
                task("T005").estimate(1).dependsOn("T004")));

        assertThat(plan.criticalPath()).containsExactly("T001", "T002");
        assertThat(plan.parallelismScore()).isCloseTo(9.0 / 6.0, within(1e-9));
    }

    @Test
    void withEqualEstimatesTheLongestChainIsCritical() {
        ExecutionPlan plan = plan(file(
                task("T001"), task("T002").dependsOn("T001"), task("T003"), task("T004").dependsOn("T003"),
                task("T005").dependsOn("T004", "T002")));

        assertThat(plan.criticalPath()).containsExactly("T001", "T002", "T005");
        assertThat(plan.parallelismScore()).isCloseTo(5.0 / 3.0, within(1e-9));
    }

    @Test
    void theParallelismScoreIsCappedAtTheWorkers() {
        TaskFile ten = file(task("T1"), task("T2"), task("T3"), task("T4"), task("T5"), task("T6"), task("T7"),
                task("T8"), task("T9"), task("T10"));

        assertThat(Planner.plan(ten, context, new PlanSettings(2, Duration.ofSeconds(30), Duration.ofMinutes(30), false))
                .parallelismScore()).isEqualTo(2.0);
        assertThat(plan(ten).parallelismScore()).isEqualTo(5.0);
    }

    @Test
    void aDependencyCycleNamesTheCycleAndTheLineOfItsFirstTask() {
        TaskFile cyclic = file(
                task("T000"),
                task("T001").dependsOn("T003").line(12),
                task("T002").dependsOn("T001", "T000"),
                task("T003").dependsOn("T002"),
                task("T004").dependsOn("T003"));

        assertThatThrownBy(() -> plan(cyclic))
                .isInstanceOf(TaskFileException.class)
                .hasMessage("tasks.md:12: dependency cycle: T001 → T002 → T003 → T001")
                .satisfies(e -> assertThat(((TaskFileException) e).line()).isEqualTo(12));
    }

    @Test
    void aCycleThroughAnImplicitFileDependencyIsACycleToo() {
        TaskFile cyclic = file(
                task("T001").file("out/a.txt", FileOperation.CREATE).dependsOn("T002"),
                task("T002").file("out/a.txt", FileOperation.MODIFY));

        assertThatThrownBy(() -> plan(cyclic)).hasMessage("tasks.md:10: dependency cycle: T001 → T002 → T001");
    }

    @Test
    void aTaskDependingOnItselfIsACycle() {
        assertThatThrownBy(() -> plan(file(task("T001"), task("T002").dependsOn("T002"))))
                .hasMessage("tasks.md:20: dependency cycle: T002 → T002");
    }

    @Test
    void aTaskIdUsedTwiceIsRefusedWithBothLines() {
        assertThatThrownBy(() -> plan(file(task("T001"), task("T001"))))
                .isInstanceOf(TaskFileException.class)
                .hasMessage("tasks.md:20: task id T001 is used twice (first at line 10)");
    }

    @Test
    void doneTasksAreListedButNotRunAndSatisfyTheirDependents() {
        ExecutionPlan plan = plan(file(
                task("T001").done().file("out/a.txt"),
                task("T002").dependsOn("T001").file("out/a.txt"),
                task("T003").priority(Priority.P0).done(),
                task("T004").dependsOn("T003")));

        assertThat(plan.tasks()).containsOnlyKeys("T001", "T002", "T003", "T004");
        assertThat(plan.task("T001").alreadyDone()).isTrue();
        assertThat(plan.task("T001").status()).isEqualTo("done");
        assertThat(plan.task("T001").group()).isEmpty();
        assertThat(plan.task("T002").status()).isEqualTo("pending");
        assertThat(groupTasks(plan)).containsExactly(List.of("T002", "T004"));
        assertThat(plan.task("T004").priority()).as("a done task lifts nothing").isEqualTo(Priority.P2);
        assertThat(plan.criticalPath()).containsExactly("T002");
    }

    @Test
    void withIncludeDoneTheDoneTasksRunAgain() {
        ExecutionPlan plan = Planner.plan(file(task("T001").done(), task("T002").dependsOn("T001")), context,
                new PlanSettings(5, Duration.ofSeconds(30), Duration.ofMinutes(30), true));

        assertThat(groupTasks(plan)).containsExactly(List.of("T001"), List.of("T002"));
        assertThat(plan.task("T001").alreadyDone()).isFalse();
        assertThat(plan.task("T001").status()).isEqualTo("pending");
    }

    @Test
    void aTaskWithACommandRunsInTheShellAndOneWithoutGoesToTheAgent() {
        ExecutionPlan plan = plan(file(
                task("T001").command("make"),
                task("T002").command("make test").timeout(Duration.ofMinutes(2)),
                task("T003"),
                task("T004").timeout(Duration.ofHours(1))));

        assertThat(plan.task("T001").executor()).isEqualTo(Executor.SHELL);
        assertThat(plan.task("T001").timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.task("T002").timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(plan.task("T003").executor()).isEqualTo(Executor.AGENT);
        assertThat(plan.task("T003").timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(plan.task("T004").timeout()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void referencesToUnknownTasksAreLeftToTheParsersWarnings() {
        ExecutionPlan plan = plan(file(task("T001").dependsOn("T999").after("T998", "list order")));

        assertThat(plan.task("T001").implicitDependsOn()).isEmpty();
        assertThat(groupTasks(plan)).containsExactly(List.of("T001"));
    }

    @Test
    void anEmptyTaskFileMakesAnEmptyPlan() {
        ExecutionPlan plan = plan(file());

        assertThat(plan.groups()).isEmpty();
        assertThat(plan.criticalPath()).isEmpty();
        assertThat(plan.parallelismScore()).isEqualTo(1.0);
    }

    @Test
    void tenThousandTasksWithRandomDependenciesArePlannedConsistently() {
        TaskFile big = RandomTasks.file(10_000, 42L);

        ExecutionPlan plan = Planner.plan(big, context, FIVE_WORKERS);

        assertThat(plan.tasks()).hasSize(10_000);
        assertThat(plan.groups()).hasSizeGreaterThan(10);
        assertThat(plan.conflictMap()).isNotEmpty();
        PlanInvariants.check(plan);
    }
}
