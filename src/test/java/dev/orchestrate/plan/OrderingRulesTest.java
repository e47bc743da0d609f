package dev.orchestrate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.scout.Context;
import dev.orchestrate.scout.Scout;
import dev.orchestrate.task.FileRef;
import dev.orchestrate.task.TaskFile;
import dev.orchestrate.task.TaskFileParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a task file's text orders its tasks in the plan: phases, list order, done tasks, fields, files. */
class OrderingRulesTest {

    private static final PlanSettings SETTINGS = new PlanSettings(5, Duration.ofSeconds(30), Duration.ofMinutes(30), false);

    @TempDir
    Path root;

    private ExecutionPlan plan(String text) {
        TaskFile file = TaskFileParser.parse(root.resolve("tasks.md"), text);
        Set<String> mentioned = new LinkedHashSet<>();
        file.tasks().forEach(t -> t.files().stream().map(FileRef::path).forEach(mentioned::add));
        Context context = Scout.discover(root, mentioned);
        return Planner.plan(file, context, SETTINGS);
    }

    private static boolean after(ExecutionPlan plan, String a, String b) {
        return new CorpusExpectationsTest.Ordering(plan).after(a, b);
    }

    @Test
    void aDoneTaskInsideAPhaseChainKeepsTheOrderOfThePendingTasksAroundIt() {
        ExecutionPlan plan = plan("""
                # Tasks

                ## Phase 1: Setup
                - [ ] T001 Create the project
                - [x] T002 Add the linter
                - [ ] T003 Configure the build

                ## Phase 2: Core
                - [ ] T004 Write the core
                """);

        assertThat(after(plan, "T003", "T001")).isTrue();
        assertThat(after(plan, "T003", "T002")).isTrue();
        assertThat(after(plan, "T004", "T003")).isTrue();
        assertThat(after(plan, "T004", "T001")).isTrue();
        assertThat(plan.groups()).extracting(Group::tasks).containsExactly(
                java.util.List.of("T001"), java.util.List.of("T003"), java.util.List.of("T004"));
    }

    @Test
    void aPhaseWhoseTasksAreAllDoneStillSeparatesThePhasesAroundIt() {
        ExecutionPlan plan = plan("""
                ## Phase 1
                - [ ] T001 Create the schema
                ## Phase 2
                - [x] T002 [P] Seed users
                - [x] T003 [P] Seed orders
                ## Phase 3
                - [ ] T004 Run the report
                """);

        assertThat(after(plan, "T004", "T001")).isTrue();
        assertThat(after(plan, "T004", "T002")).isTrue();
        assertThat(after(plan, "T004", "T003")).isTrue();
    }

    @Test
    void aPhaseThatNamesThePhasesItDependsOnWaitsOnlyForThose() {
        ExecutionPlan plan = plan("""
                ## Phase 41: Foundation

                **Dependencies**: API gateway routing `/api/v1/finance/*`

                - [ ] T001 Define the Account entity
                - [ ] T002 Add the accounts API

                ## Phase 42: Budgeting

                **Dependencies**: Phase 41 complete

                - [ ] T003 Define the Budget entity

                ## Phase 43: Bills

                **Dependencies**: Phase 41 complete

                - [ ] T004 Define the Bill entity

                ## Phase 44: Dashboard

                **Dependencies**: Phases 41, 43 complete

                - [ ] T005 Build the dashboard

                ## Phase 45: Polish

                - [ ] T006 Polish everything
                """);

        assertThat(after(plan, "T003", "T002")).isTrue();
        assertThat(after(plan, "T004", "T002")).isTrue();
        assertThat(after(plan, "T004", "T003")).isFalse();
        assertThat(after(plan, "T005", "T004")).isTrue();
        assertThat(after(plan, "T005", "T003")).isFalse();
        // a phase that names none follows the phase before it, as always
        assertThat(after(plan, "T006", "T005")).isTrue();
    }

    @Test
    void headingPerTaskFileWithoutDependsFieldsRunsAPhaseSideBySideAndPhasesInOrder() {
        ExecutionPlan plan = plan("""
                ## Phase 1: Setup

                ### T001: Add the error helpers
                Write them.

                ### T002: Add the CLI argument types
                Write them.

                ## Phase 2: Core

                ### T003: Implement the snapshot module
                Write it.
                """);

        assertThat(after(plan, "T002", "T001")).isFalse();
        assertThat(after(plan, "T003", "T001")).isTrue();
        assertThat(after(plan, "T003", "T002")).isTrue();
    }

    @Test
    void oneDependsFieldInAHeadingPerTaskFileDoesNotReleaseThePhases() {
        ExecutionPlan plan = plan("""
                ## Phase 1: Setup

                ### T001: Add the error helpers
                Write them.

                ### T002: Add the CLI argument types
                **Depends**: T001

                ### T003: Add the logging
                Write it.

                ## Phase 2: Core

                ### T004: Implement the snapshot module
                Write it.
                """);

        assertThat(after(plan, "T002", "T001")).isTrue();
        assertThat(after(plan, "T003", "T001")).isFalse();
        assertThat(after(plan, "T004", "T003")).isTrue();
        assertThat(after(plan, "T004", "T002")).isTrue();
    }

    @Test
    void whereMostTasksStateTheirDependenciesListOrderAddsNothing() {
        ExecutionPlan plan = plan("""
                ## Phase 1: Core

                - [x] **T001** - Project setup
                - [ ] **T002** - Fix reconnection
                  - *Depends on: T001*
                - [ ] **T003** - Cache versioning
                  - *Depends on: T001*
                - [ ] **T004** - Error handling
                  - *Depends on: T002*

                ## Phase 2: Polish

                - [ ] **T005** - Bundle optimization
                  - *Depends on: Phase 1 complete*
                - [ ] **T006** - Offline testing
                  - *Depends on: T003*
                """);

        assertThat(after(plan, "T003", "T002")).isFalse();
        assertThat(after(plan, "T002", "T003")).isFalse();
        assertThat(after(plan, "T004", "T002")).isTrue();
        assertThat(plan.task("T005").task().dependsOn()).containsExactly("T001", "T002", "T003", "T004");
        assertThat(after(plan, "T006", "T004")).isFalse();
    }

    @Test
    void dependsOnAPhaseIsReadWithoutAWarning() {
        TaskFile file = TaskFileParser.parse(root.resolve("tasks.md"), """
                ## Phase 1: Core
                - [ ] **T001** - Project setup
                - [ ] **T002** - Fix reconnection
                  - *Depends on: T001*
                ## Phase 2: Polish
                - [ ] **T003** - Bundle optimization
                  - *Depends on: Phase 1 complete*
                """);

        assertThat(file.warnings()).isEmpty();
        assertThat(file.tasks().get(2).dependsOn()).containsExactly("T001", "T002");
    }

    @Test
    void aSubTaskPriorityMarkerMakesItsTaskThatUrgent() {
        ExecutionPlan plan = plan("""
                ## Phase 1: Core
                - [ ] T001 [P] Build the API
                  - [ ] T001a [P0] Write the schema
                  - [ ] T001b [P2] Add the docs
                - [ ] T002 [P] [P1] Wire the routes
                - [ ] T003 [P] Write the guide
                  - [ ] step without a marker
                """);

        assertThat(plan.task("T001").priority()).isEqualTo(dev.orchestrate.task.Priority.P0);
        assertThat(plan.task("T002").priority()).isEqualTo(dev.orchestrate.task.Priority.P1);
        assertThat(plan.task("T003").priority()).isEqualTo(dev.orchestrate.task.Priority.P2);
        assertThat(after(plan, "T002", "T001")).isTrue();
    }
}
