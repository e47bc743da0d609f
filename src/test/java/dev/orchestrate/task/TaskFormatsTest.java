package dev.orchestrate.task;

import static dev.orchestrate.task.TaskFiles.byId;
import static dev.orchestrate.task.TaskFiles.done;
import static dev.orchestrate.task.TaskFiles.ids;
import static dev.orchestrate.task.TaskFiles.messages;
import static dev.orchestrate.task.TaskFiles.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Which text of a real task file becomes a task, with which id, title, body and done state (issue
 * 10): each case is a pattern seen in a corpus file, shrunk to the lines that matter.
 */
class TaskFormatsTest {

    @Nested
    class Ids {

        @Test
        void aMarkerBetweenTheIdAndTheColonKeepsAHeadingATask() {
            TaskFile file = parse("""
                    ## Phase 3.1: Setup

                    ### T001: 检查并确认项目结构
                    **文件**: `src/models/`

                    ### T002 [P]: 定义财务数据类型
                    **文件**: `src/types/financial.ts`

                    ### T003 [P] [US1]: Define cache types
                    """);

            assertThat(ids(file)).containsExactly("T001", "T002", "T003");
            assertThat(byId(file).get("T002").title()).isEqualTo("定义财务数据类型");
            assertThat(byId(file).get("T003").title()).isEqualTo("[US1] Define cache types");
        }

        @Test
        void letterSuffixedIdsAreTasksAndCanBeReferredTo() {
            TaskFile file = parse("""
                    ## Phase 1: Core

                    - [x] T012 Update api.py result handling in src/api.py
                    - [ ] T012a [US1] Add component name validation in src/api.py
                    - [ ] T013 [P] Contract tests (depends on T012a) in tests/test_api.py
                    """);

            assertThat(ids(file)).containsExactly("T012", "T012a", "T013");
            assertThat(done(file)).containsExactly("T012");
            assertThat(byId(file).get("T013").dependsOn()).containsExactly("T012a");
            assertThat(file.warnings()).isEmpty();
        }

        @Test
        void backlogIdsWithAnotherLetterAreTasks() {
            TaskFile file = parse("""
                    ## Phase 1

                    - [x] **T001** - Project setup
                    - [ ] **T002** - Fix reconnection
                      - *Depends on: T001*

                    ## Backlog (Unscheduled)

                    - [ ] **B001** - Weather forecast expansion
                    - [ ] **B002** - Energy monitoring dashboard
                    """);

            assertThat(ids(file)).containsExactly("T001", "T002", "B001", "B002");
            assertThat(byId(file).get("B001").title()).isEqualTo("- Weather forecast expansion");
        }

        @Test
        void labelledHeadingsTakeTheNumberAsTheirId() {
            TaskFile file = parse("""
                    ## Phase 1: Project Setup

                    ### Task 1.1: Create Backend Directory Structure
                    - [ ] Create `backend/` directory

                    ### Task 1.2: Configure Dependencies
                    - [X] Initialize UV project
                    - [X] Generate lock file

                    ## Implementation Sequence

                    ### Commit 3: Strategy Framework Core
                    **Depends**: Commit 1 (primitives)
                    """);

            assertThat(ids(file)).containsExactly("1.1", "1.2", "3");
            assertThat(byId(file).get("1.1").title()).isEqualTo("Create Backend Directory Structure");
            assertThat(done(file)).containsExactly("1.2");
        }

        @Test
        void aSpecKitChecklistWithADetailsSectionIsOneTaskPerId() {
            TaskFile file = parse("""
                    ## Phase 3.1: Tests First

                    - [x] T001 [P] Contract test in `backend/tests/contract/health_get_test.go`
                    - [x] T002 [P] Integration test in `backend/tests/integration/health_test.go`
                    - [ ] T003 Health models in `backend/internal/models/health.go`

                    ## Detailed Task Descriptions

                    ### T002: Integration Test Healthy Service
                    Test end-to-end healthy service scenario:
                    - Start with healthy database connection

                    ### T003: Health Models
                    **Depends**: T001
                    **Files**: `backend/internal/models/status.go`
                    **Run**: `go test ./backend/...`
                    """);

            assertThat(ids(file)).containsExactly("T001", "T002", "T003");
            assertThat(done(file)).containsExactly("T001", "T002");
            Task t3 = byId(file).get("T003");
            assertThat(t3.title()).isEqualTo("Health models in `backend/internal/models/health.go`");
            assertThat(t3.dependsOn()).containsExactly("T001");
            assertThat(t3.command()).contains("go test ./backend/...");
            assertThat(t3.files()).extracting(FileRef::path)
                    .contains("backend/internal/models/health.go", "backend/internal/models/status.go");
            assertThat(byId(file).get("T002").body()).contains("Start with healthy database connection");
            assertThat(t3.line()).isEqualTo(5);
            assertThat(messages(file)).noneMatch(m -> m.contains("duplicate"));
        }

        @Test
        void aTemplateLeftoverHeadingIsNotATaskAndNeedsNoRename() {
            TaskFile file = parse("""
                    ## Phase 1: Setup

                    ### T001: Add error helper constructors
                    **File(s)**: `src/error.rs`
                    **Depends**: None

                    ## Phase 3: Frontend Implementation

                    ### T002: [Client-side model]
                    **File(s)**: `{presentation-layer}/models/...`
                    **Depends**: T001

                    ## Phase 4: Testing

                    ### T002: Create BDD feature file
                    **File(s)**: `tests/features/a.feature`
                    **Depends**: T001
                    """);

            assertThat(ids(file)).containsExactly("T001", "T002");
            assertThat(byId(file).get("T002").line()).isEqualTo(15);
            assertThat(messages(file)).noneMatch(m -> m.contains("duplicate"))
                    .anySatisfy(m -> assertThat(m).startsWith("9: ").contains("template"));
        }

        @Test
        void idsAlreadyTakenByTasksAreNotTasksAgainInLogSections() {
            TaskFile file = parse("""
                    ## Tasks

                    - [x] T001 Merge tokenizer types (file: src/search.ts)
                    - [ ] T002 [P] Fix compile errors (file: src/create.ts)

                    ## Decision Log

                    - T001 `SearchResult.toDict` shape is settled when T001 starts.

                    ## Surprises & Discoveries

                    - T002: the create.test.ts goal cannot be met within T002.
                    """);

            assertThat(ids(file)).containsExactly("T001", "T002");
            assertThat(messages(file)).noneMatch(m -> m.contains("duplicate"));
        }
    }

    @Nested
    class Tables {

        @Test
        void checkboxTableRowsAreTasksWithTheirDependsColumn() {
            TaskFile file = parse("""
                    ## Phase 0: Baseline

                    | # | Repo | Task | Depends on |
                    |---|---|---|---|
                    | [x] 0.1 | A P R | Bump `go.mod`, verify build | |
                    | [-] 0.2 | R | Align `go` directive | 0.1 |
                    | [~] 0.3 | C | Move the gap analysis | 0.1-0.2 |
                    | 0.4 | C | Add `docs/sdk-upgrade-policy.md` | 0.3 |

                    - 0.1: already on the new version.
                    """);

            assertThat(ids(file)).containsExactly("0.1", "0.2", "0.3", "0.4");
            assertThat(done(file)).containsExactly("0.1");
            Map<String, Task> t = byId(file);
            assertThat(t.get("0.1").title()).isEqualTo("Bump `go.mod`, verify build");
            assertThat(t.get("0.1").line()).isEqualTo(5);
            assertThat(t.get("0.2").dependsOn()).containsExactly("0.1");
            assertThat(t.get("0.3").dependsOn()).containsExactly("0.1", "0.2");
            assertThat(t.get("0.4").dependsOn()).containsExactly("0.3");
            assertThat(t.get("0.4").files()).extracting(FileRef::path).contains("docs/sdk-upgrade-policy.md");
        }

        @Test
        void aTaskTableWithAStatusColumnUnderADocumentTitleThatLooksLikeAnId() {
            TaskFile file = parse("""
                    # BEAN-001: Periodic Audio Checkpoint Saving

                    ## Metadata

                    | Field     | Value        |
                    |-----------|--------------|
                    | ID        | BEAN-001     |

                    ## Acceptance Criteria

                    - [ ] Audio frames are flushed to a temp file

                    ## Tasks

                    | # | Task | Owner | Depends On | Status |
                    |---|------|-------|------------|--------|
                    | 1 | Add checkpoint interval to AppSettings | developer | — | TODO |
                    | 2 | Implement periodic checkpoint flush | developer | 1 | Done |
                    | 3 | Finalize checkpoint on stop_recording | developer | 2 | TODO |
                    | 4 | Write unit tests | tech-qa | 2,3 | TODO |
                    """);

            assertThat(ids(file)).containsExactly("1", "2", "3", "4");
            assertThat(done(file)).containsExactly("2");
            assertThat(byId(file).get("4").dependsOn()).containsExactly("2", "3");
            assertThat(byId(file).get("1").dependsOn()).isEmpty();
            assertThat(messages(file)).isEmpty();
        }
    }

    @Nested
    class Bmad {

        @Test
        void aStoryFileRunsOnlyItsTasksSubtasksSection() {
            TaskFile file = parse("""
                    # Story 1.3: User Login

                    ## Story

                    - [ ] 0.1 As a user I want to log in

                    ## Tasks / Subtasks

                    - [x] **Task 1: Shared types** (AC: AC1)
                      - [x] 1.1 Add login schemas to `shared/types/index.ts`
                      - [ ] 1.2 Verify it compiles
                    - [ ] **Task 2: Frontend**
                      - [ ] 2.1 Create `frontend/src/hooks/useAuth.ts`

                    ## Dev Agent Record

                    - [x] 9.1 Completion notes
                    """);

            assertThat(ids(file)).containsExactly("1.1", "1.2", "2.1");
            assertThat(done(file)).containsExactly("1.1");
        }
    }

    @Nested
    class Taskmaster {

        @Test
        void subtasksOfAnExportedTaskAreTheTasks() {
            TaskFile file = parse("""
                    # Task ID: 13

                    **Title:** Test high-level MCP variant

                    **Status:** deferred

                    **Dependencies:** 12 ✓

                    **Details:**

                    Configure Claude Desktop. Test workflow: 1) configure, 2) browse.

                    ## Subtasks

                    ### 13.1. Configure Claude Desktop with high-level MCP binary

                    **Status:** pending \s
                    **Dependencies:** None \s

                    Set up Claude Desktop

                    ### 13.2. Configure AI models

                    **Status:** done \s
                    **Dependencies:** 13.1 \s

                    ### 13.3. Test browsing tools

                    **Status:** pending \s
                    **Dependencies:** 13.1, 13.2 \s
                    """);

            assertThat(file.format()).isEqualTo("taskmaster");
            assertThat(ids(file)).containsExactly("13.1", "13.2", "13.3");
            assertThat(done(file)).containsExactly("13.2");
            assertThat(byId(file).get("13.1").title()).isEqualTo("Configure Claude Desktop with high-level MCP binary");
            assertThat(byId(file).get("13.3").dependsOn()).containsExactly("13.1", "13.2");
            assertThat(byId(file).get("13.1").dependsOn()).isEmpty();
        }

        @Test
        void aTaskWithoutSubtasksIsItselfTheTask() {
            TaskFile file = parse("""
                    # Task ID: 4

                    **Title:** Wire the cache

                    **Status:** pending

                    **Dependencies:** None

                    **Details:**

                    Run it.
                    """);

            assertThat(ids(file)).containsExactly("4");
            assertThat(file.tasks().get(0).title()).isEqualTo("Wire the cache");
        }
    }

    @Nested
    class DoneMarks {

        @Test
        void aSquareRootMarkIsDoneAndSkippedOrQueuedIsNot() {
            TaskFile file = parse("""
                    ## 1. auth-service
                    - [-] 1.1 Migrate AuthControllerTest
                      > Note: kept as an integration test.

                    ## 2. user-service
                    - [√] 2.1 Move PointsEventConsumerTest to a unit test
                    - [~] 2.2 Move OutboxEventServiceTest
                    - [x] 2.3 Update docs
                    """);

            assertThat(ids(file)).containsExactly("1.1", "2.1", "2.2", "2.3");
            assertThat(done(file)).containsExactly("2.1", "2.3");
        }
    }

    @Nested
    class Plans {

        @Test
        void phasedCheckboxesWithoutIdsAreLeafStepsAndCriteriaAreNotTasks() {
            TaskFile file = parse("""
                    # Plan

                    ## Technical Architecture
                    - **Framework**: Swift + SwiftUI

                    ## Implementation Steps

                    ### Phase 1: Setup
                    - [x] Create new macOS app project
                    - [ ] Create app icon

                    ### Phase 2: Data Models
                    - [x] Create Swift data models:
                      - [x] `UsageEntry` struct
                      - [x] `TokenCounts` struct
                    - [ ] Implement JSONL file parsing:
                      - [ ] Create `JSONLParser` class

                    ## Success Criteria
                    - [ ] App launches and appears in menu bar

                    ## Optional Enhancements (Future)
                    - [ ] Notifications for spending thresholds
                    """);

            assertThat(file.tasks()).extracting(Task::title).containsExactly(
                    "Create new macOS app project", "Create app icon", "`UsageEntry` struct", "`TokenCounts` struct",
                    "Create `JSONLParser` class");
            assertThat(file.tasks()).extracting(Task::done).containsExactly(true, false, true, true, false);
        }

        @Test
        void numberedListsUnderCriteriaAndNotesSectionsAreNotSteps() {
            TaskFile file = parse("""
                    # Plan

                    ## Steps
                    1. Write the parser
                    2. Write the planner

                    ## Acceptance Criteria
                    1. The parser reads every corpus file

                    ## Proof Requirements
                    1. A test per corpus file

                    ## Notes
                    1. Nothing else
                    """);

            assertThat(file.tasks()).extracting(Task::title).containsExactly("Write the parser", "Write the planner");
        }
    }

    @Nested
    class Headings {

        @Test
        void appendixHeadingsWithALevelTokenAreNotTasks() {
            TaskFile file = parse("""
                    ### T001: Build it
                    Run: make

                    ### T002: Test it
                    Run: make test

                    ## L2: Glossary
                    Words.
                    """);

            assertThat(ids(file)).containsExactly("T001", "T002");
        }

        @Test
        void aHeadingTaskWithAllStepsTickedIsDone() {
            TaskFile file = parse("""
                    ### Task 2.1: Implement User Model
                    - [X] Create `backend/models.py` file
                    - [X] Define User class

                    ### Task 2.2: Implement Task Model
                    - [X] Define Task class
                    - [ ] Add relationship

                    ## Acceptance Criteria Verification

                    ### Database Setup:
                    - [ ] Neon account created
                    """);

            assertThat(ids(file)).containsExactly("2.1", "2.2");
            assertThat(done(file)).containsExactly("2.1");
        }
    }

    @Nested
    class Warnings {

        @Test
        void aLineThatLooksLikeATaskButIsNotOneIsAWarningWithItsLine() {
            TaskFile file = parse("""
                    ## Tasks

                    - [ ] T001 Build it
                    - [ ] T002 Test it

                    ## Acceptance Criteria

                    - [ ] T003 Everything is green
                    """);

            assertThat(ids(file)).containsExactly("T001", "T002");
            assertThat(messages(file)).singleElement().satisfies(m -> assertThat(m).startsWith("8: ").contains("T003")
                    .contains("Acceptance Criteria"));
        }

        @Test
        void aHeadingThatRepeatsAnIdSaysWhichTaskItNames() {
            TaskFile file = parse("""
                    ## Tasks

                    - [ ] T001 Build it
                    - [ ] T002 Test it

                    ## Test Scenarios

                    ### T001
                    It builds.
                    """);

            assertThat(ids(file)).containsExactly("T001", "T002");
            assertThat(messages(file)).containsExactly(
                    "8: looks like a task (T001) but is not read as one: T001 is the task on line 3");
        }
    }
}
