package dev.orchestrate.task;

import static dev.orchestrate.task.TaskFiles.byId;
import static dev.orchestrate.task.TaskFiles.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real task files of {@code corpus/tasks}. Every expected value below was read off the file
 * itself (line numbers, ids, boxes, phases), not copied from the parser's output.
 */
class CorpusTaskFilesTest {

    private static Path corpus() {
        String dir = System.getProperty("orchestrate.corpus", "../shared/corpus/tasks");
        Path path = Path.of(dir);
        assumeTrue(Files.isDirectory(path), "corpus folder " + path.toAbsolutePath() + " is absent");
        return path;
    }

    private static TaskFile parse(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(corpus())) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElse(null);
            assumeTrue(file != null, "corpus file " + prefix + "* is absent");
            return TaskFileParser.parse(file);
        }
    }

    private static List<String> tIds(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> String.format("T%03d", i)).collect(Collectors.toList());
    }

    static List<Named<Path>> corpusFiles() throws IOException {
        try (Stream<Path> files = Files.list(corpus())) {
            List<Path> taskFiles = files.filter(p -> !p.getFileName().toString().equals("SOURCES.md")).sorted().collect(Collectors.toList());
            assertThat(taskFiles).hasSizeGreaterThanOrEqualTo(10);
            return taskFiles.stream().map(file -> Named.of(file.getFileName().toString(), file)).toList();
        }
    }

    /** One test per corpus file, so that one failing file does not hide the ones after it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void everyCorpusFileYieldsTasks(Path file) throws IOException {
        assertThat(TaskFileParser.parse(file).tasks()).as(file.getFileName().toString()).isNotEmpty();
    }

    @Test
    void legacySpecKitReadsPhasesRangesAndBlocksLines() throws IOException {
        TaskFile file = parse("crisweber2600__NorthstarET.Lms");
        Map<String, Task> t = byId(file);
        Waits waits = Waits.in(file);

        assertThat(file.format()).isEqualTo("spec-kit");
        assertThat(ids(file)).isEqualTo(tIds(1, 15));
        assertThat(file.tasks()).allMatch(Task::done);
        assertThat(t.get("T001").line()).isEqualTo(15);
        assertThat(t.get("T015").line()).isEqualTo(37);
        assertThat(t.get("T003").title()).isEqualTo("Configure basic file structure for spec input functionality");

        // "Tests (T004-T006) before implementation (T007-T009)" and "T007 blocks T008, T009"
        assertThat(t.get("T007").dependsOn()).containsExactlyInAnyOrder("T004", "T005", "T006");
        assertThat(t.get("T008").dependsOn()).contains("T007", "T004", "T005", "T006");
        assertThat(t.get("T009").dependsOn()).contains("T007");
        // "Implementation before polish (T013-T015)" names no task on its left
        assertThat(file.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(42);
            assertThat(w.message()).contains("Implementation before polish (T013-T015)");
        });

        // Phase 3.1: T001, T002, T003 [P]; phase 3.4: T010, T011 [P], T012 [P]; phase 3.5: all [P]
        assertThat(waits.waitsFor("T002", "T001")).isTrue();
        assertThat(waits.waitsFor("T003", "T002")).isTrue();
        assertThat(waits.waitsFor("T012", "T010")).isTrue();
        assertThat(waits.waitsFor("T012", "T011")).isFalse();
        assertThat(waits.waitsFor("T011", "T012")).isFalse();
        for (String polish : List.of("T013", "T014", "T015")) {
            assertThat(waits.closure(polish)).containsAll(tIds(1, 12));
        }
        assertThat(waits.waitsFor("T014", "T013")).isFalse();
        assertThat(waits.waitsFor("T005", "T004")).isFalse();

        assertThat(t.get("T004").files()).containsExactly(new FileRef("tests/unit/test_spec_input.py", FileOperation.CREATE, 20));
        assertThat(t.get("T007").files()).extracting(FileRef::path).containsExactly("src/models/spec_input.py");
        assertThat(file.tasks()).allMatch(task -> task.priority() == Priority.P2);
    }

    @Test
    void currentSpecKitReadsFrontMatterStoryPhasesAndPriorities() throws IOException {
        TaskFile file = parse("SaadaniMohamedAmine__axiom-kanban-board");
        Map<String, Task> t = byId(file);
        Waits waits = Waits.in(file);

        assertThat(file.format()).isEqualTo("spec-kit");
        assertThat(ids(file)).isEqualTo(tIds(1, 36));
        assertThat(file.tasks()).filteredOn(task -> !task.done()).extracting(Task::id)
                .containsExactly("T022", "T030", "T031", "T032", "T036");
        assertThat(t.get("T001").line()).isEqualTo(34);

        // (Priority: P1) … (Priority: P5) phase headings; P4 and P5 read as P3; other phases default
        assertThat(List.of("T009", "T010", "T011")).allMatch(id -> t.get(id).priority() == Priority.P1);
        assertThat(List.of("T012", "T013")).allMatch(id -> t.get(id).priority() == Priority.P2);
        assertThat(tIds(14, 32)).allMatch(id -> t.get(id).priority() == Priority.P3);
        assertThat(tIds(1, 8)).allMatch(id -> t.get(id).priority() == Priority.P2);
        assertThat(tIds(33, 36)).allMatch(id -> t.get(id).priority() == Priority.P2);

        // "T003 can run in parallel with the rest of Setup once T001/T002 land", "… once T006 lands"
        assertThat(t.get("T003").dependsOn()).containsExactly("T001", "T002");
        assertThat(t.get("T007").dependsOn()).containsExactly("T006");
        assertThat(t.get("T008").dependsOn()).containsExactly("T006");
        // the fenced "Parallel Example" mentions (T004-T006) but is code, not a dependency
        assertThat(t.get("T004").dependsOn()).isEmpty();
        assertThat(file.warnings()).isEmpty();

        // Phase 6: T023 [P], T024 [P], then T025
        assertThat(waits.waitsFor("T024", "T023")).isFalse();
        assertThat(waits.closure("T025")).contains("T023", "T024");
        // phases are barriers
        assertThat(waits.closure("T004")).containsAll(tIds(1, 3));
        assertThat(waits.closure("T033")).containsAll(tIds(1, 32));
        assertThat(waits.waitsFor("T010", "T009")).isTrue();

        assertThat(t.get("T016").files()).containsExactly(
                new FileRef("src/app/api/auth/[...all]/route.ts", FileOperation.CREATE, 99));
        assertThat(t.get("T019").files()).extracting(FileRef::path).containsExactly("src/app/(auth)/login/page.tsx");
        assertThat(t.get("T036").files()).containsExactly(new FileRef("PROGRESS.md", FileOperation.MODIFY, 154));
        assertThat(t.get("T017").files()).containsExactly(new FileRef("contracts/auth-conflict.md", FileOperation.READ, 100));
    }

    @Test
    void octoAgentBracketedLevelsArePrioritiesNotParallelMarks() throws IOException {
        TaskFile file = parse("connor-git-yaml__OctoAgent");
        Map<String, Task> t = byId(file);
        Waits waits = Waits.in(file);

        assertThat(ids(file)).isEqualTo(tIds(1, 26));
        assertThat(file.tasks()).filteredOn(task -> task.priority() == Priority.P1).extracting(Task::id)
                .containsExactly("T006", "T011", "T015", "T016", "T020", "T022", "T026");
        assertThat(file.tasks()).filteredOn(task -> task.priority() == Priority.P0).hasSize(19);
        assertThat(file.tasks()).filteredOn(Task::done).extracting(Task::id)
                .containsExactly("T004", "T005", "T007", "T008", "T012", "T017", "T018", "T019", "T021");

        // [P0] is not [P]: list order holds inside each phase
        assertThat(waits.waitsFor("T003", "T002")).isTrue();
        assertThat(waits.waitsFor("T002", "T001")).isTrue();
        assertThat(waits.closure("T007")).containsAll(tIds(1, 6));
        assertThat(waits.closure("T023")).containsAll(tIds(1, 22));
        assertThat(t.get("T001").title()).startsWith("冻结 route map");

        assertThat(t.get("T004").files()).extracting(FileRef::path)
                .containsExactly("octoagent/frontend/src/App.tsx", "octoagent/frontend/src/components/shell/*");
        assertThat(t.get("T004").files().get(1).lockable()).isFalse();
        assertThat(t.get("T026").files()).extracting(FileRef::path).containsExactly(
                "docs/m4-feature-split.md", "docs/blueprint.md",
                ".specify/features/035-guided-user-workbench/verification/verification-report.md");
        assertThat(file.warnings()).isEmpty();
    }

    @Test
    void kiroLeavesAreTasksAndTopLevelNumbersArePhases() throws IOException {
        TaskFile file = parse("geekzy__user-auth-service");
        Map<String, Task> t = byId(file);
        Waits waits = Waits.in(file);

        assertThat(file.format()).isEqualTo("kiro");
        assertThat(file.tasks()).hasSize(59);
        assertThat(ids(file)).startsWith("1", "2.1", "2.2").endsWith("14.1", "14.2", "15")
                .contains("5", "7.9", "7.10")
                .doesNotContain("2", "3", "7", "14");
        assertThat(t.get("1").title()).isEqualTo("Set up Spring Boot project structure and dependencies");
        assertThat(t.get("1").body()).contains("Create Spring Boot project with Maven/Gradle build configuration");
        assertThat(t.get("15").line()).isEqualTo(344);

        // `- [ ]* 7.4` is an optional task, still a task, not done
        assertThat(t.get("7.4").done()).isFalse();
        assertThat(t.get("7.4").title()).isEqualTo("Write unit tests for valid login");
        assertThat(file.tasks()).filteredOn(Task::done).hasSize(40);

        // 7.9 comes before 7.10
        assertThat(waits.waitsFor("7.10", "7.9")).isTrue();
        assertThat(waits.waitsFor("7.9", "7.10")).isFalse();
        assertThat(waits.waitsFor("8.1", "7.10")).isTrue();
        assertThat(waits.waitsFor("2.1", "1")).isTrue();
        assertThat(waits.waitsFor("6.1", "5")).isTrue();
        // _Requirements: x.y_ is not a dependency
        assertThat(file.tasks()).allMatch(task -> task.dependsOn().isEmpty());
        assertThat(file.warnings()).isEmpty();
    }

    @Test
    void ccSddParallelMarksAndCoverageTable() throws IOException {
        TaskFile file = parse("inakanou__ArchiTrack");
        Map<String, Task> t = byId(file);
        Waits waits = Waits.in(file);

        assertThat(ids(file)).containsExactly("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "5.2",
                "6.1", "6.2", "6.3", "6.4", "6.5", "7.1", "7.2", "7.3", "7.4");
        assertThat(file.tasks()).filteredOn(Task::done).extracting(Task::id)
                .containsExactly("1.1", "1.2", "2.1", "2.2", "3.1", "3.2");
        assertThat(t.get("1.1").title()).isEqualTo("Prismaスキーマの定義とマイグレーション実行");

        assertThat(waits.waitsFor("1.2", "1.1")).isFalse();
        assertThat(waits.closure("2.1")).contains("1.1", "1.2");
        assertThat(waits.waitsFor("5.2", "5.1")).isFalse();
        assertThat(waits.closure("5.2")).contains("4.2");
        assertThat(waits.closure("6.1")).contains("5.1", "5.2");
        assertThat(waits.waitsFor("7.4", "7.3")).isTrue();
        assertThat(file.tasks()).allMatch(task -> task.dependsOn().isEmpty());
        assertThat(file.warnings()).isEmpty();
    }

    @Test
    void headingPerTaskFileUsesDependsFieldsAndSkipsTemplateLeftovers() throws IOException {
        TaskFile file = parse("Nunley-Media-Group__AgentChrome");
        Map<String, Task> t = byId(file);

        assertThat(file.format()).isEqualTo("heading");
        // "### T007: [Client-side model]" … "### T011: [Screen / Page]" (lines 153-197) are template leftovers
        assertThat(ids(file)).containsExactly("T001", "T002", "T003", "T004", "T005", "T006", "T007", "T008");
        assertThat(t.get("T007").line()).isEqualTo(229);
        assertThat(file.warnings()).extracting(Diagnostic::line).contains(153, 164, 175, 186, 197);
        assertThat(file.warnings()).extracting(Diagnostic::message).noneMatch(m -> m.contains("duplicate"))
                .filteredOn(m -> m.contains("T007)")).singleElement().asString().contains("template placeholder");

        assertThat(t.get("T001").dependsOn()).isEmpty();
        assertThat(t.get("T003").dependsOn()).containsExactly("T001");
        assertThat(t.get("T004").dependsOn()).containsExactly("T002", "T003");
        assertThat(t.get("T006").dependsOn()).containsExactly("T005");
        assertThat(t.get("T007").dependsOn()).containsExactly("T005");
        // its Depends field, and "T007 and T008 can proceed once T005 is complete" (line 271)
        assertThat(t.get("T008").dependsOn()).containsExactlyInAnyOrder("T007", "T005");
        // explicit Depends fields: list order adds nothing
        assertThat(file.tasks()).allMatch(task -> task.orderedAfter().isEmpty());

        assertThat(t.get("T003").files()).containsExactly(new FileRef("src/snapshot.rs", FileOperation.CREATE, 76));
        assertThat(t.get("T001").files()).containsExactly(new FileRef("src/error.rs", FileOperation.MODIFY, 47));
        assertThat(t.get("T007").files()).extracting(FileRef::path).containsExactly("tests/features/accessibility-tree-snapshot.feature");
        assertThat(t.get("T006").files()).isEmpty();
        assertThat(file.tasks()).noneMatch(Task::done);
        assertThat(file.tasks()).allMatch(Task::isAgentTask);
        assertThat(t.get("T001").body()).contains("**Type**: Modify", "- [ ] Unit tests for both constructors");
    }

    @Test
    void openSpecGroupsByHeadingNumbers() throws IOException {
        TaskFile file = parse("Fission-AI__OpenSpec");
        Map<String, Task> t = byId(file);
        Waits waits = Waits.in(file);

        assertThat(file.tasks()).hasSize(32);
        assertThat(ids(file)).startsWith("1.1", "1.2", "2.1").endsWith("9.8", "9.9");
        assertThat(file.tasks()).noneMatch(Task::done);
        assertThat(waits.closure("2.1")).contains("1.1", "1.2");
        assertThat(waits.closure("9.1")).contains("8.1", "7.2", "1.1");
        assertThat(t.get("1.1").files()).containsExactly(
                new FileRef("src/core/artifact-graph/types.ts", FileOperation.CREATE, 2));
        assertThat(t.get("6.3").files()).containsExactly(
                new FileRef("src/core/global-config.ts", FileOperation.READ, 31));
        assertThat(t.get("3.2").files()).isEmpty();
    }

    @Test
    void agentOsNestedMajorTasksGroupTheirChildren() throws IOException {
        TaskFile file = parse("smeed652__agent-os");
        Waits waits = Waits.in(file);

        assertThat(ids(file)).containsExactly("1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "2.5",
                "3.1", "3.2", "3.3", "3.4", "3.5", "3.6");
        assertThat(waits.waitsFor("2.1", "1.5")).isTrue();
        assertThat(waits.waitsFor("3.6", "1.1")).isTrue();
        assertThat(file.tasks().get(0).title()).isEqualTo("Write tests for spec.md creation and content validation");
    }

    @Test
    void freeFormCheckboxListIsAPlanInOrder() throws IOException {
        TaskFile file = parse("anthonyscry__STIGForge");
        Map<String, Task> t = byId(file);

        assertThat(file.format()).isEqualTo("list");
        assertThat(ids(file)).isEqualTo(tIds(1, 8));
        assertThat(file.tasks()).allMatch(Task::done);
        assertThat(t.get("T001").title()).isEqualTo("Task 1 - Add failing tests for new tabbed dashboard structure.");
        assertThat(t.get("T001").body()).contains("Checkpoint: contract tests assert required tab headers exist.");
        assertThat(t.get("T002").orderedAfter()).extracting(Dependency::taskId).containsExactly("T001");
        assertThat(t.get("T008").orderedAfter()).extracting(Dependency::taskId).containsExactly("T007");
        assertThat(t.get("T008").line()).isEqualTo(33);
    }

    @Test
    void todoHeadingsReadPriorityStatusEstimateAndFreeTextDependencies() throws IOException {
        TaskFile file = parse("luminosita__mcp");
        Map<String, Task> t = byId(file);

        assertThat(ids(file)).containsExactly("TODO-035", "TODO-036", "TODO-037", "TODO-038", "TODO-039");
        assertThat(List.of("TODO-035", "TODO-036", "TODO-037", "TODO-038")).allMatch(id -> t.get(id).priority() == Priority.P1);
        assertThat(t.get("TODO-039").priority()).isEqualTo(Priority.P2);
        assertThat(file.tasks()).allMatch(Task::done);
        assertThat(t.get("TODO-035").estimate()).isCloseTo(25 / 60.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.get("TODO-037").estimate()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        // "/generate TODO-035" is a slash command for a coding agent, not a shell command
        assertThat(file.tasks()).allMatch(Task::isAgentTask);
        assertThat(t.get("TODO-035").body()).contains("**Command**: `/generate TODO-035`");
        // "HLS-003 generated (approved)" names no task of the file
        assertThat(file.warnings()).hasSize(5).allSatisfy(w -> assertThat(w.message()).contains("HLS-003 generated (approved)"));
        assertThat(file.warnings()).extracting(Diagnostic::line).containsExactly(24, 56, 88, 123, 157);
        assertThat(file.tasks()).allMatch(task -> task.dependsOn().isEmpty() && task.orderedAfter().isEmpty());
    }
}
