package dev.orchestrate.task;

import static dev.orchestrate.task.TaskFiles.after;
import static dev.orchestrate.task.TaskFiles.byId;
import static dev.orchestrate.task.TaskFiles.ids;
import static dev.orchestrate.task.TaskFiles.numberedLines;
import static dev.orchestrate.task.TaskFiles.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFileParserTest {

    @Nested
    class TheFileAsAWhole {

        @Test
        void readsUtf8AndDropsAByteOrderMark(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("tasks.md");
            byte[] text = "- [ ] T001 Build it\n".getBytes(StandardCharsets.UTF_8);
            byte[] withBom = new byte[text.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(text, 0, withBom, 3, text.length);
            Files.write(file, withBom);

            TaskFile parsed = TaskFileParser.parse(file);

            assertThat(parsed.path()).isEqualTo(file);
            assertThat(parsed.tasks()).singleElement().satisfies(t -> {
                assertThat(t.id()).isEqualTo("T001");
                assertThat(t.title()).isEqualTo("Build it");
                assertThat(t.line()).isEqualTo(1);
            });
        }

        @Test
        void aMissingFileIsATaskFileExceptionAboutTheWholeFile(@TempDir Path dir) {
            Path missing = dir.resolve("nope.md");
            assertThatThrownBy(() -> TaskFileParser.parse(missing))
                    .isInstanceOfSatisfying(TaskFileException.class, e -> {
                        assertThat(e.file()).isEqualTo(missing);
                        assertThat(e.line()).isZero();
                        assertThat(e.getMessage()).isEqualTo(missing + ": no such file");
                    });
        }

        @Test
        void aDirectoryIsNotATaskFile(@TempDir Path dir) {
            assertThatThrownBy(() -> TaskFileParser.parse(dir))
                    .isInstanceOf(TaskFileException.class).hasMessageContaining("is a directory");
        }

        @Test
        void binaryContentIsRefusedAndTheMessageSaysWhereTheFirstNulByteIs(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("tasks.md");
            Files.write(file, new byte[] {'-', ' ', 'x', '\n', 'a', 0, 'b'});
            assertThatThrownBy(() -> TaskFileParser.parse(file))
                    .isInstanceOfSatisfying(TaskFileException.class, e -> {
                        assertThat(e.line()).isZero();
                        assertThat(e.problem()).isEqualTo("not a text file: NUL byte on line 2");
                    });
        }

        @Test
        void invalidUtf8IsRefused(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("tasks.md");
            Files.write(file, new byte[] {'-', ' ', '[', ' ', ']', ' ', 'T', '1', ' ', (byte) 0xC3, (byte) 0x28});
            assertThatThrownBy(() -> TaskFileParser.parse(file))
                    .isInstanceOf(TaskFileException.class).hasMessageContaining("not a UTF-8 text file");
        }

        @Test
        void aFileWithoutTasksSaysWhichFormatsAreRead() {
            assertThatThrownBy(() -> parse("# Notes\n\nJust prose, and a bullet:\n\n- milk\n"))
                    .isInstanceOfSatisfying(TaskFileException.class, e -> {
                        assertThat(e.line()).isZero();
                        assertThat(e.problem()).startsWith("no tasks found: expected")
                                .contains("### T001: title", "- [ ] T001", "- [ ] 1.1", "(see README)");
                    });
        }

        @Test
        void crlfLoneCrNoFinalNewlineCjkAndEmojiAllWork() {
            TaskFile file = parse("## Phase 1\r\n- [ ] T001 构建 🚀 app\r\n- [x] T002 テスト ✅\r- [ ] T003 last");

            assertThat(file.tasks()).extracting(Task::id, Task::title, Task::line, Task::done).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("T001", "构建 🚀 app", 2, false),
                    org.assertj.core.groups.Tuple.tuple("T002", "テスト ✅", 3, true),
                    org.assertj.core.groups.Tuple.tuple("T003", "last", 4, false));
        }

        @Test
        void fencedCodeTablesHtmlCommentsAndFrontMatterAreNeverTasks() {
            TaskFile file = parse("""
                    ---
                    title: demo
                    example: "- [ ] T900 front matter"
                    ---
                    <!-- - [ ] T901 hidden
                    - [ ] T902 hidden too -->
                    | - [ ] T903 | cell |
                    |---|---|
                    ```
                    - [ ] T904 in code
                    ```
                    ~~~markdown
                    ### T905: in a tilde fence
                    ~~~
                    - [ ] T001 the only task <!-- with a comment -->
                    """);

            assertThat(ids(file)).containsExactly("T001");
            assertThat(file.tasks().get(0).title()).isEqualTo("the only task");
            assertThat(file.tasks().get(0).line()).isEqualTo(15);
        }
    }

    @Nested
    class SeedFormat {

        private static final String SEED = """
                # Tasks: harden login
                Generated: 2024-12-09 10:00
                <!-- Active Persona: minimalist -->

                ## P0 Critical
                ### T001: Patch the session fixation hole
                **Files**: src/auth/session.ts:123, `src/auth/cookie.ts`
                **Depends**: none
                **Success**: sessions rotate on login
                - [ ] rotate the id
                - [ ] verify with a test

                ### T002: Add rate limiting
                **Files**: src/api/limit.ts
                **Depends**: T001
                **Success**: 429 after 10 tries
                - [x] write the limiter

                ## P1 High
                ### T003: Fix the flaky login test
                **Files**: test/login.test.ts:40-52
                **Depends**: T001, T002
                **Success**: green ten times in a row

                ### T004: Update the auth docs
                **Files**: docs/auth.md
                **Depends**: none
                **Success**: docs match the code

                ### T005: Clean up
                **Depends**: none
                **Success**: nothing left over

                ## P3 Nice to have
                ### T006: Explore passkeys
                **Depends**: none
                **Success**: a written note

                ## Dependencies
                T001 → T002
                T003 -> T004
                T003 blocks T005, T006
                T002 before T004
                """;

        @Test
        void prioritySectionsFieldsAndStepsAreRead() {
            TaskFile file = parse(SEED);
            Map<String, Task> t = byId(file);

            assertThat(file.format()).isEqualTo("seed");
            assertThat(ids(file)).containsExactly("T001", "T002", "T003", "T004", "T005", "T006");
            assertThat(file.tasks()).extracting(Task::priority)
                    .containsExactly(Priority.P0, Priority.P0, Priority.P1, Priority.P1, Priority.P1, Priority.P3);
            assertThat(t.get("T001").title()).isEqualTo("Patch the session fixation hole");
            assertThat(t.get("T001").line()).isEqualTo(6);
            assertThat(t.get("T001").files()).containsExactly(
                    new FileRef("src/auth/session.ts", FileOperation.UNSPECIFIED, 7),
                    new FileRef("src/auth/cookie.ts", FileOperation.UNSPECIFIED, 7));
            assertThat(t.get("T003").files()).extracting(FileRef::path).containsExactly("test/login.test.ts");
            assertThat(t.get("T001").body()).contains("**Success**: sessions rotate on login", "- [ ] rotate the id");
            assertThat(file.warnings()).isEmpty();
        }

        @Test
        void checkboxesUnderATaskAreItsStepsAndAllTickedMeansDone() {
            Map<String, Task> t = byId(parse(SEED));

            assertThat(t.get("T001").done()).isFalse();
            assertThat(t.get("T002").done()).isTrue();
        }

        @Test
        void dependsFieldsAndTheDependenciesSectionAreExplicitAndListOrderAddsNothing() {
            TaskFile file = parse(SEED);
            Map<String, Task> t = byId(file);

            assertThat(t.get("T001").dependsOn()).isEmpty();
            assertThat(t.get("T002").dependsOn()).containsExactly("T001");
            assertThat(t.get("T003").dependsOn()).containsExactly("T001", "T002");
            assertThat(t.get("T004").dependsOn()).containsExactlyInAnyOrder("T003", "T002");
            assertThat(t.get("T005").dependsOn()).containsExactly("T003");
            assertThat(t.get("T006").dependsOn()).containsExactly("T003");
            assertThat(file.tasks()).allMatch(task -> task.orderedAfter().isEmpty());
        }

        @Test
        void arrowsChainAndAnAsciiArrowCountsLikeAUnicodeOne() {
            TaskFile file = parse("## P0 Critical\n### T001: a\n### T002: b\n### T003: c\n### T004: d\n"
                    + "## Dependencies\nT001 → T002 → T003\nT003 -> T004\n");
            Map<String, Task> t = byId(file);
            assertThat(t.get("T002").dependsOn()).containsExactly("T001");
            assertThat(t.get("T003").dependsOn()).containsExactly("T002");
            assertThat(t.get("T004").dependsOn()).containsExactly("T003");
        }

        @Test
        void aRunawayRangeOnOneLineIsAWarningNotAMillionEdges() {
            TaskFile file = parse("## P1 High\n" + numberedLines("### T%03d: t%n", 1, 400)
                    + "## Dependencies\nT001-T400 before T001-T400\n");
            assertThat(file.tasks()).allMatch(task -> task.dependsOn().isEmpty());
            assertThat(file.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("400 × 400"));
        }

        @Test
        void dependenciesSectionExpandsRangesAndWarnsAboutWhatItCannotRead() {
            TaskFile file = parse("""
                    ## P1 High
                    ### T001: a
                    **Depends**: none
                    ### T002: b
                    ### T003: c
                    ### T004: d
                    ### T005: e
                    ### T006: f
                    ### T007: g
                    ### T008: h

                    ## Dependencies
                    - T001 → T002-T004
                    - T002–T004 before T005
                    - T006 depends on T005
                    - T007 after T006
                    - T999 → T008
                    - T001 before nothing
                    """);
            Map<String, Task> t = byId(file);

            assertThat(List.of("T002", "T003", "T004")).allSatisfy(id -> assertThat(t.get(id).dependsOn()).containsExactly("T001"));
            assertThat(t.get("T005").dependsOn()).containsExactly("T002", "T003", "T004");
            assertThat(t.get("T006").dependsOn()).containsExactly("T005");
            assertThat(t.get("T007").dependsOn()).containsExactly("T006");
            assertThat(t.get("T008").dependsOn()).isEmpty();
            assertThat(file.warnings()).extracting(Diagnostic::line, Diagnostic::message).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(17, "unknown task T999; ignored"),
                    org.assertj.core.groups.Tuple.tuple(18,
                            "could not read dependency \"T001 before nothing\": no task id on the right of \"before\"; ignored"));
        }
    }

    @Nested
    class HeadingPerTask {

        @Test
        void typeDependsPriorityAndNewFileMarksAreRead() {
            TaskFile file = parse("""
                    # Plan

                    ## Phase 1: Setup

                    ### TODO-001: Create the config loader
                    **File(s)**: `src/config.rs` (new file), `src/main.rs`
                    **Type**: Modify
                    **Depends**: None
                    **Priority**: High

                    ### TODO-002: Remove the old loader
                    **Files**: `src/old_config.rs`
                    **Type**: Delete
                    **Depends**: TODO-001
                    **Priority**: Critical

                    ### TODO-003: Read the docs
                    **File(s)**: docs/config.md
                    **Type**: Read
                    **Dependencies**: TODO-001 and TODO-2
                    **Priority**: Low
                    """);
            Map<String, Task> t = byId(file);

            assertThat(file.format()).isEqualTo("heading");
            assertThat(t.get("TODO-001").files()).containsExactly(
                    new FileRef("src/config.rs", FileOperation.CREATE, 6),
                    new FileRef("src/main.rs", FileOperation.MODIFY, 6));
            assertThat(t.get("TODO-002").files()).containsExactly(new FileRef("src/old_config.rs", FileOperation.DELETE, 12));
            assertThat(t.get("TODO-003").files()).containsExactly(new FileRef("docs/config.md", FileOperation.READ, 18));
            assertThat(file.tasks()).extracting(Task::priority).containsExactly(Priority.P1, Priority.P0, Priority.P3);
            assertThat(t.get("TODO-002").dependsOn()).containsExactly("TODO-001");
            assertThat(t.get("TODO-003").dependsOn()).containsExactly("TODO-001", "TODO-002");
            assertThat(file.tasks()).allMatch(task -> task.orderedAfter().isEmpty());
            assertThat(file.warnings()).isEmpty();
        }

        @Test
        void withoutAnyDependsFieldPhasesApplyButListOrderDoesNot() {
            TaskFile file = parse("""
                    ## Phase 1
                    ### T001: a
                    ### T002: b
                    ## Phase 2
                    ### T003: c
                    """);
            Map<String, Task> t = byId(file);

            assertThat(t.get("T001").orderedAfter()).isEmpty();
            assertThat(t.get("T002").orderedAfter()).isEmpty();
            assertThat(t.get("T003").orderedAfter()).containsExactly(
                    new Dependency("T001", "phase 2 follows phase 1"), new Dependency("T002", "phase 2 follows phase 1"));
        }

        @Test
        void duplicateIdsAreRenamedAndAReferencePicksTheNearestEarlierOne() {
            TaskFile file = parse("""
                    ### T001: a
                    **Depends**: none
                    ### T002: b
                    **Depends**: T001
                    ### T001: again
                    **Depends**: T002
                    ### T003: c
                    **Depends**: T001
                    """);
            Map<String, Task> t = byId(file);

            assertThat(ids(file)).containsExactly("T001", "T002", "T001-2", "T003");
            assertThat(file.warnings()).extracting(Diagnostic::line, Diagnostic::message)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(5, "duplicate id T001 (first at line 1) renamed to T001-2"));
            assertThat(t.get("T002").dependsOn()).containsExactly("T001");
            assertThat(t.get("T001-2").dependsOn()).containsExactly("T002");
            assertThat(t.get("T003").dependsOn()).containsExactly("T001-2");
        }

        @Test
        void aDependenciesSubsectionInsideATaskListsThatTasksDependencies() {
            TaskFile file = parse("""
                    ## Tasks
                    ### T001: a
                    ### T002: b
                    #### Dependencies
                    - T001
                    #### Steps
                    - [ ] do it
                    ### T003: c
                    #### Dependencies
                    - None
                    """);
            Map<String, Task> t = byId(file);

            assertThat(t.get("T002").dependsOn()).containsExactly("T001");
            assertThat(t.get("T002").body()).contains("- [ ] do it");
            assertThat(t.get("T003").dependsOn()).isEmpty();
            assertThat(file.tasks()).allMatch(task -> task.orderedAfter().isEmpty());
            assertThat(file.warnings()).isEmpty();
        }

        @Test
        void unknownIdsAndTextNamingNoTaskAreWarningsWithTheirLine() {
            TaskFile file = parse("""
                    ### T001: a
                    **Depends**: T009
                    ### T002: b
                    **Depends**: the database migration
                    ### T003: c
                    **Depends**: None
                    """);

            assertThat(file.tasks()).allMatch(task -> task.dependsOn().isEmpty());
            assertThat(file.warnings()).extracting(Diagnostic::line, Diagnostic::message).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(2, "T001 depends on unknown task T009; ignored"),
                    org.assertj.core.groups.Tuple.tuple(4,
                            "could not read the dependencies of T002: \"the database migration\" names no task of this file; ignored"));
            assertThat(file.warnings().get(0).toString()).isEqualTo("tasks.md:2: T001 depends on unknown task T009; ignored");
        }

        @Test
        void statusTickedStepsOrStrikethroughMarkAHeadingTaskDone() {
            TaskFile file = parse("""
                    ### T001: a
                    **Status**: ✅ Done
                    ### T002: b
                    - [x] one
                    - [x] two
                    ### T003: c
                    - [x] one
                    - [ ] two
                    ### T004: ~~d~~
                    ### T005: e
                    **Status**: In progress
                    """);

            assertThat(file.tasks()).extracting(Task::done).containsExactly(true, true, false, true, false);
        }
    }

    @Nested
    class SpecKit {

        @Test
        void parallelTasksWaitOnlyForTheUnmarkedTasksBeforeThemAndPhasesAreBarriers() {
            TaskFile file = parse("""
                    ## Phase 1: Setup
                    - [ ] T001 Init
                    - [ ] T002 [P] Lint config
                    - [ ] T003 [P] Editor config
                    - [ ] T004 Install
                    - [ ] T005 [P] Docs

                    ## Phase 2: Build
                    - [ ] T006 [P] A
                    - [ ] T007 [P] B
                    - [ ] T008 C
                    """);
            Waits waits = Waits.in(file);
            Map<String, Task> t = byId(file);

            assertThat(file.format()).isEqualTo("spec-kit");
            assertThat(t.get("T002").orderedAfter()).containsExactly(new Dependency("T001", "list order in phase 1"));
            assertThat(waits.waitsFor("T003", "T002")).isFalse();
            assertThat(waits.closure("T004")).containsExactlyInAnyOrder("T001", "T002", "T003");
            assertThat(waits.closure("T005")).containsExactlyInAnyOrder("T001", "T002", "T003", "T004");
            for (String id : List.of("T006", "T007")) {
                assertThat(waits.closure(id)).containsExactlyInAnyOrder("T001", "T002", "T003", "T004", "T005");
                assertThat(t.get(id).orderedAfter()).contains(new Dependency("T005", "phase 2 follows phase 1"));
            }
            assertThat(waits.waitsFor("T007", "T006")).isFalse();
            assertThat(waits.closure("T008")).contains("T006", "T007");
            assertThat(file.tasks()).allMatch(task -> task.dependsOn().isEmpty());
        }

        @Test
        void phasePriorityHeadingsApplyToSubsectionsAndATasksOwnLevelWins() {
            TaskFile file = parse("""
                    ## Phase 1: Setup
                    - [ ] T001 a
                    ## Phase 2: User Story 1 (Priority: P1) 🎯 MVP
                    ### Tests for User Story 1
                    - [ ] T002 [P] [US1] b
                    ### Implementation for User Story 1
                    - [ ] T003 [P0] [US1] c
                    """);
            Map<String, Task> t = byId(file);
            Waits waits = Waits.in(file);

            assertThat(file.tasks()).extracting(Task::priority).containsExactly(Priority.P2, Priority.P1, Priority.P0);
            assertThat(t.get("T003").title()).isEqualTo("[US1] c");
            // [P0] is a priority, not the parallel mark; subsections do not start a new phase
            assertThat(waits.waitsFor("T003", "T002")).isTrue();
            assertThat(waits.waitsFor("T002", "T001")).isTrue();
            assertThat(t.get("T003").orderedAfter()).containsExactly(new Dependency("T002", "list order in phase 2"));
        }

        @Test
        void inlineDependsOnIsExplicitAndExampleTasksInFencesAreNotTasks() {
            TaskFile file = parse("""
                    ---
                    description: "Task list"
                    ---
                    ## Phase 1
                    - [ ] T001 a
                    - [ ] T002 [P] b (depends on T001)
                    - [ ] T003 [P] c (depends on T099)

                    ## Parallel example
                    ```bash
                    - [ ] T004 not a task
                    Task: "T001 then T003"
                    ```
                    """);
            Map<String, Task> t = byId(file);

            assertThat(ids(file)).containsExactly("T001", "T002", "T003");
            assertThat(t.get("T002").dependsOn()).containsExactly("T001");
            assertThat(t.get("T003").dependsOn()).isEmpty();
            assertThat(file.warnings()).extracting(Diagnostic::line, Diagnostic::message)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(7, "T003 depends on unknown task T099; ignored"));
        }

        @Test
        void dependenciesProseReadsEnDashRangesAndIgnoresParallelNotes() {
            TaskFile file = parse("""
                    ## Phase 1
                    - [ ] T001 a
                    - [ ] T002 [P] b
                    - [ ] T003 [P] c
                    ## Phase 2
                    - [ ] T004 [P] d
                    - [ ] T005 [P] e
                    - [ ] T006 [P] f
                    - [ ] T007 [P] g
                    - [ ] T008 [P] h

                    ## Dependencies & Execution Order
                    ### Phase Dependencies
                    - **Setup (Phase 1)**: no dependencies, start immediately
                    - T002 blocks T004–T008
                    ### Parallel Opportunities
                    - T006 and T007 can run in parallel
                    """);
            Map<String, Task> t = byId(file);

            for (String id : List.of("T004", "T005", "T006", "T007", "T008")) {
                assertThat(t.get(id).dependsOn()).containsExactly("T002");
            }
            assertThat(file.warnings()).isEmpty();
        }

        @Test
        void withoutPhaseHeadingsTheWholeListIsOnePhase() {
            TaskFile file = parse("# Tasks\n- [ ] T001 a\n- [ ] T002 b\n- [ ] T003 [P] c\n");
            assertThat(byId(file).get("T002").orderedAfter()).containsExactly(new Dependency("T001", "list order"));
            assertThat(byId(file).get("T003").orderedAfter()).containsExactly(new Dependency("T002", "list order"));
        }

        @Test
        void aPhaseWithoutTasksDoesNotBreakTheBarrier() {
            TaskFile file = parse("## Phase 1\n- [ ] T001 a\n## Phase 2\nNothing yet.\n## Phase 3\n- [ ] T002 b\n");
            assertThat(byId(file).get("T002").orderedAfter()).containsExactly(new Dependency("T001", "phase 3 follows phase 1"));
        }

        @Test
        void doneBoxesAreReadInEitherCase() {
            TaskFile file = parse("- [X] T001 a\n- [x] T002 b\n- [ ] T003 c\n");
            assertThat(file.tasks()).extracting(Task::done).containsExactly(true, true, false);
        }
    }

    @Nested
    class NumberedHierarchies {

        @Test
        void parentsGroupTheirChildrenAndOnlyLeavesAreTasks() {
            TaskFile file = parse("""
                    # Implementation Plan
                    - [ ] 1. Set up
                      - [ ] 1.1 Create `build.gradle`
                      - [ ] 1.2 (P) Add CI
                      - [ ] 1.3 (P) Add lint
                    - [x] 2. A single leaf
                    - [ ] 3. Tests
                      - [ ]* 3.1 Optional test
                      - [ ] 3.2 Real test
                        - _Requirements: 1.1, 1.2_
                      - [ ] 3.3 Needs lint
                        - _Depends: 1.3_
                    """);
            Map<String, Task> t = byId(file);
            Waits waits = Waits.in(file);

            assertThat(file.format()).isEqualTo("kiro");
            assertThat(ids(file)).containsExactly("1.1", "1.2", "1.3", "2", "3.1", "3.2", "3.3");
            assertThat(t.get("2").done()).isTrue();
            assertThat(t.get("1.2").title()).isEqualTo("Add CI");
            assertThat(t.get("3.1").title()).isEqualTo("Optional test");
            assertThat(waits.closure("1.2")).containsExactly("1.1");
            assertThat(waits.closure("1.3")).containsExactly("1.1");
            assertThat(waits.closure("2")).containsExactlyInAnyOrder("1.1", "1.2", "1.3");
            assertThat(waits.waitsFor("3.1", "2")).isTrue();
            assertThat(t.get("3.2").dependsOn()).isEmpty();
            assertThat(t.get("3.3").dependsOn()).containsExactly("1.3");
            assertThat(t.get("3.2").body()).isEqualTo("- _Requirements: 1.1, 1.2_");
            assertThat(t.get("1.1").files()).containsExactly(new FileRef("build.gradle", FileOperation.CREATE, 3));
        }

        @Test
        void numbersCompareAsNumbersSo79ComesBefore710AndAParentNamesItsLeaves() {
            TaskFile file = parse("""
                    ## 7. Group
                    - [ ] 7.9 nine
                    - [ ] 7.10 ten
                    - [ ] 7.11 eleven
                      - _Depends: 7.9-7.10_

                    ## 8. Next
                    - [ ] 8.1 after the whole group
                      - _Dependencies:_ 7
                    """);
            Map<String, Task> t = byId(file);

            assertThat(ids(file)).containsExactly("7.9", "7.10", "7.11", "8.1");
            assertThat(t.get("7.10").orderedAfter()).containsExactly(new Dependency("7.9", "list order in phase 7"));
            assertThat(t.get("7.11").dependsOn()).containsExactly("7.9", "7.10");
            assertThat(t.get("8.1").dependsOn()).containsExactly("7.9", "7.10", "7.11");
            assertThat(t.get("8.1").orderedAfter()).containsExactly(new Dependency("7.11", "phase 8 follows phase 7"));
        }
    }

    @Nested
    class PlainLists {

        @Test
        void numberedStepsGetIdsInOrderAndEachWaitsForThePreviousOne() {
            TaskFile file = parse("""
                    # Plan
                    1. Create `src/a.ts`
                       - with a default export
                    2. Update `src/a.ts`
                    3. Run the tests
                    """);
            Map<String, Task> t = byId(file);

            assertThat(file.format()).isEqualTo("list");
            assertThat(ids(file)).containsExactly("T001", "T002", "T003");
            assertThat(t.get("T001").body()).isEqualTo("- with a default export");
            assertThat(t.get("T001").orderedAfter()).isEmpty();
            assertThat(t.get("T002").orderedAfter()).containsExactly(new Dependency("T001", "list order"));
            assertThat(t.get("T003").orderedAfter()).containsExactly(new Dependency("T002", "list order"));
            assertThat(t.get("T001").files()).extracting(FileRef::operation).containsExactly(FileOperation.CREATE);
            assertThat(t.get("T002").files()).extracting(FileRef::operation).containsExactly(FileOperation.MODIFY);
        }

        @Test
        void checkboxStepsKeepTheirBoxes() {
            TaskFile file = parse("- [ ] one\n- [x] two\n  - [ ] a nested step is part of two\n");
            assertThat(file.tasks()).extracting(Task::id, Task::done).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("T001", false), org.assertj.core.groups.Tuple.tuple("T002", true));
        }
    }

    @Nested
    class CommandsTimeoutsEstimates {

        @Test
        void theCommandIsAShellFenceOrARunField() {
            TaskFile file = parse("""
                    ## Phase 1
                    - [ ] T001 Build
                      ```bash
                      mvn -q package
                      ```
                    - [ ] T002 Test
                      - Run: `mvn test`
                    - [ ] T003 Lint
                      - **Command**: npm run lint
                    - [ ] T004 Two lines
                      ```sh
                      echo a
                      echo b
                      ```
                    - [ ] T005 Think about it
                      ```python
                      print(1)
                      ```
                    - [ ] T006 Shell
                      ```shell
                      make
                      ```
                    """);

            assertThat(file.tasks()).extracting(Task::command).containsExactly(
                    Optional.of("mvn -q package"), Optional.of("mvn test"), Optional.of("npm run lint"),
                    Optional.of("echo a\necho b"), Optional.empty(), Optional.of("make"));
            assertThat(byId(file).get("T005").isAgentTask()).isTrue();
        }

        @Test
        void aSlashCommandIsForTheAgentNotTheShell() {
            TaskFile file = parse("### T001: Generate\n**Depends**: none\n**Command**: `/generate T001`\n**Run**: /usr/bin/true\n");
            // the first Run/Command field counts; a slash command is not a shell command, so no command at all
            assertThat(file.tasks().get(0).command()).isEmpty();
        }

        @Test
        void timeoutsAndEstimatesAreRead() {
            TaskFile file = parse("""
                    ### T001: a
                    **Depends**: none
                    **Timeout**: 90s
                    **Estimate**: 2h
                    ### T002: b
                    **Depends**: none
                    Timeout: 5m
                    Estimate: 3
                    ### T003: c
                    **Depends**: none
                    **Timeout**: 1h
                    **Estimate**: 30m
                    ### T004: d
                    **Depends**: none
                    **Estimate**: lots
                    """);

            assertThat(file.tasks()).extracting(Task::timeout).containsExactly(
                    Optional.of(Duration.ofSeconds(90)), Optional.of(Duration.ofMinutes(5)), Optional.of(Duration.ofHours(1)),
                    Optional.empty());
            assertThat(file.tasks()).extracting(Task::estimate).containsExactly(2.0, 3.0, 0.5, 1.0);
            assertThat(file.warnings()).extracting(Diagnostic::line).containsExactly(15);
            assertThat(file.warnings().get(0).message()).contains("could not read estimate \"lots\"");
        }

        /** A time limit that cannot be read is an error naming the line (issue 11): the task would otherwise run unbounded. */
        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"soon", "banana", "-5s", "0s", "31d", "3000000h"})
        void anUnreadableTimeoutIsAnErrorNamingItsLine(String timeout) {
            assertThatThrownBy(() -> parse("### T001: a\n**Depends**: none\n**Timeout**: " + timeout + "\n"))
                    .isInstanceOf(TaskFileException.class).hasMessageContaining(":3").hasMessageContaining("Timeout");
        }

        @Test
        void estimatesWithoutAFieldWeighOne() {
            assertThat(parse("1. a\n").tasks().get(0).estimate()).isCloseTo(1.0, offset(0.0));
        }
    }

    @Nested
    class FileMentionsInText {

        @Test
        void theVerbOfTheClauseGivesTheOperationAndOtherwiseThePlannerDecides() {
            TaskFile file = parse("""
                    ## Phase 1
                    - [ ] T001 Create `src/new.ts`
                    - [ ] T002 Add `src/added.ts`
                    - [ ] T003 Add a route to `src/app.ts`
                    - [ ] T004 Update `src/up.ts` and refactor `src/re.ts`
                    - [ ] T005 Delete `src/old.ts`
                    - [ ] T006 Remove dead code from `src/dead.ts`
                    - [ ] T007 See `docs/guide.md`
                    - [ ] T008 Implement the parser in `src/parser.ts`
                    - [ ] T009 Implement the model in src/models/user.py
                    - [ ] T010 Create `a.ts`, `b.ts` and `c.ts`
                    - [ ] T011 Fix `src/bug.ts:42`
                    - [ ] T012 Implement `getUser()` in `src/users.ts` (new file)
                    - [ ] T013 Call `console.log` via `fetch()` with `--json` from https://example.com/a.js
                    """);
            Map<String, Task> t = byId(file);

            assertThat(ops(t.get("T001"))).isEqualTo("src/new.ts=CREATE");
            assertThat(ops(t.get("T002"))).isEqualTo("src/added.ts=CREATE");
            assertThat(ops(t.get("T003"))).isEqualTo("src/app.ts=MODIFY");
            assertThat(ops(t.get("T004"))).isEqualTo("src/up.ts=MODIFY src/re.ts=MODIFY");
            assertThat(ops(t.get("T005"))).isEqualTo("src/old.ts=DELETE");
            assertThat(ops(t.get("T006"))).isEqualTo("src/dead.ts=MODIFY");
            assertThat(ops(t.get("T007"))).isEqualTo("docs/guide.md=READ");
            assertThat(ops(t.get("T008"))).isEqualTo("src/parser.ts=UNSPECIFIED");
            assertThat(ops(t.get("T009"))).isEqualTo("src/models/user.py=UNSPECIFIED");
            assertThat(ops(t.get("T010"))).isEqualTo("a.ts=CREATE b.ts=CREATE c.ts=CREATE");
            assertThat(ops(t.get("T011"))).isEqualTo("src/bug.ts=MODIFY");
            assertThat(ops(t.get("T012"))).isEqualTo("src/users.ts=CREATE");
            assertThat(t.get("T013").files()).isEmpty();
        }

        @Test
        void fromTakesThePathItNamesNotAPathPlacedLaterInTheSentence() {
            TaskFile file = parse("""
                    ## Phase 1
                    - [ ] T001 Copy the defaults from `config/base.yml`
                    - [ ] T002 Add a command that picks a quote from the day of the year and prints it in `src/cli.py`
                    """);
            Map<String, Task> t = byId(file);

            assertThat(ops(t.get("T001"))).isEqualTo("config/base.yml=READ");
            assertThat(ops(t.get("T002"))).isEqualTo("src/cli.py=MODIFY");
        }

        @Test
        void globsAndPlaceholdersAreRecordedButNotLockable() {
            Task task = parse("- [ ] T001 Touch `src/**/*.ts` and `{layer}/models/user.ts`\n").tasks().get(0);
            assertThat(task.files()).extracting(FileRef::path, FileRef::lockable).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("src/**/*.ts", false),
                    org.assertj.core.groups.Tuple.tuple("{layer}/models/user.ts", false));
        }

        private String ops(Task task) {
            return task.files().stream().map(f -> f.path() + "=" + f.operation()).collect(Collectors.joining(" "));
        }
    }

    @Nested
    class Ordering {

        @Test
        void tenThousandTasksMakeALinearNumberOfOrderingEdges() {
            StringBuilder text = new StringBuilder();
            int id = 0;
            for (int phase = 1; phase <= 100; phase++) {
                text.append("## Phase ").append(phase).append('\n');
                for (int k = 0; k < 100; k++) {
                    id++;
                    text.append(String.format("- [ ] T%05d%s task %d%n", id, k % 3 == 0 ? "" : " [P]", id));
                }
            }
            TaskFile file = parse(text.toString());

            long edges = file.tasks().stream().mapToLong(t -> t.orderedAfter().size()).sum();
            assertThat(file.tasks()).hasSize(10_000);
            assertThat(edges).isLessThan(3L * 10_000);
            Waits waits = Waits.in(file);
            assertThat(waits.waitsFor("T00201", "T00200")).isTrue();
            assertThat(waits.waitsFor("T00201", "T00101")).isTrue();
            assertThat(waits.waitsFor("T00103", "T00102")).isFalse();
        }

        @Test
        void aBarrierBetweenTwoWideParallelPhasesIsCarriedByOneTaskWithAWarning() {
            TaskFile file = parse("## Phase 1\n" + numberedLines("- [ ] T%03d [P] a%n", 1, 40)
                    + "## Phase 2\n" + numberedLines("- [ ] T%03d [P] b%n", 41, 80));
            Waits waits = Waits.in(file);

            long edges = file.tasks().stream().mapToLong(t -> t.orderedAfter().size()).sum();
            assertThat(edges).isLessThan(100);
            for (int late = 41; late <= 80; late += 13) {
                for (int early = 1; early <= 40; early++) {
                    assertThat(waits.waitsFor(String.format("T%03d", late), String.format("T%03d", early))).isTrue();
                }
            }
            assertThat(waits.waitsFor("T042", "T041")).isFalse();
            assertThat(file.warnings()).singleElement().satisfies(w -> {
                assertThat(w.line()).isEqualTo(43);
                assertThat(w.message()).contains("they wait for T040");
            });
        }

        @Test
        void dependencyCyclesAreLeftForThePlannerToName() {
            TaskFile file = parse("### T001: a\n**Depends**: T002\n### T002: b\n**Depends**: T001\n");
            assertThat(byId(file).get("T001").dependsOn()).containsExactly("T002");
            assertThat(byId(file).get("T002").dependsOn()).containsExactly("T001");
        }

        @Test
        void aTaskThatDependsOnItselfIsAWarning() {
            TaskFile file = parse("### T001: a\n**Depends**: T001\n");
            assertThat(file.tasks().get(0).dependsOn()).isEmpty();
            assertThat(file.warnings()).extracting(Diagnostic::message).containsExactly("T001 depends on itself; ignored");
        }
    }
}
