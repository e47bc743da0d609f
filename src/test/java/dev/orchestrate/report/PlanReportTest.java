package dev.orchestrate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.event.Terminal;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlanSettings;
import dev.orchestrate.plan.Planner;
import dev.orchestrate.scout.Scout;
import dev.orchestrate.task.Dependency;
import dev.orchestrate.task.Diagnostic;
import dev.orchestrate.task.FileOperation;
import dev.orchestrate.task.FileRef;
import dev.orchestrate.task.Priority;
import dev.orchestrate.task.Task;
import dev.orchestrate.task.TaskFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanReportTest {

    private static final PlanSettings SETTINGS = new PlanSettings(5, Duration.ofSeconds(30), Duration.ofMinutes(30), false);

    @TempDir
    Path root;

    private static Task task(String id, String title, int line, List<String> dependsOn, List<Dependency> after,
                             List<FileRef> files, Optional<String> command, boolean done) {
        return new Task(id, title, "", line, done, Priority.P2, dependsOn, after, files, command, Optional.empty(), 1);
    }

    private ExecutionPlan smallPlan() {
        TaskFile file = new TaskFile(Path.of("specs/tasks.md"), "seed", List.of(
                task("T001", "Create the schema", 3, List.of(), List.of(),
                        List.of(new FileRef("db/schema.sql", FileOperation.UNSPECIFIED, 4)), Optional.of("psql -f db/schema.sql"), false),
                task("T002", "Seed the data", 8, List.of("T001"), List.of(),
                        List.of(new FileRef("db/schema.sql", FileOperation.UNSPECIFIED, 9), new FileRef("db/*.csv", FileOperation.READ, 9)),
                        Optional.empty(), false),
                task("T003", "Write the README", 12, List.of(), List.of(), List.of(), Optional.empty(), false),
                task("T004", "Old step", 15, List.of(), List.of(), List.of(), Optional.empty(), true)), List.of());
        return Planner.plan(file, Scout.discover(root, List.of()), SETTINGS);
    }

    private static List<String> print(ExecutionPlan plan, List<Diagnostic> warnings, boolean ascii) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        Terminal terminal = new Terminal(stream, stream, false, ascii, false, false, Terminal.Verbosity.NORMAL);
        PlanReport.print(plan, warnings, terminal);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void showsEachGroupWithItsTasksWhatTheyWaitForAndTheirFiles() {
        List<String> lines = print(smallPlan(), List.of(), false);

        assertThat(lines).containsSubsequence(
                "═══ Plan: 4 tasks, 3 to run in 2 groups on 5 workers ═══",
                "    2 agent · 1 shell · 1 already done",
                "▸ G1 · 2 workers · 2 independent P2 tasks",
                "▸ G2 · 1 P2 task; T002 waits for T001 (explicit)",
                "✓ Already done (1): T004");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("    T001  $ Create the schema")
                .endsWith("· db/schema.sql (create)"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("    T002  Seed the data")
                .endsWith("← T001  · db/schema.sql, db/*.csv (read)"));
        assertThat(lines).contains("    T003  Write the README");
    }

    @Test
    void showsSharedFilesCriticalPathSpeedupAndWarnings() {
        List<String> lines = print(smallPlan(),
                List.of(new Diagnostic(Path.of("specs/tasks.md"), 20, "unknown task T099 in Depends")), false);

        assertThat(lines).containsSubsequence(
                "Shared files, never changed at once: db/schema.sql (T001, T002)",
                "Critical path (2 tasks, weight 2): T001 → T002",
                "Predicted speedup: 1.5x with 5 workers (total work 3, critical path 2)",
                "⚠️ Warnings (1):",
                "    specs/tasks.md:20: unknown task T099 in Depends");
    }

    @Test
    void asciiModeUsesNoBoxOrArrowCharacters() {
        List<String> lines = print(smallPlan(), List.of(new Diagnostic(Path.of("t.md"), 1, "w")), true);

        assertThat(String.join("\n", lines)).isASCII();
        assertThat(lines).contains("Critical path (2 tasks, weight 2): T001 -> T002", "=== Plan: 4 tasks, 3 to run in 2 groups on 5 workers ===");
    }

    @Test
    void aSixtyTaskSpecKitFileTakesOneLinePerTask() {
        TaskFile specKit = specKitLike(6, 10);
        ExecutionPlan plan = Planner.plan(specKit, Scout.discover(root, List.of()), SETTINGS);

        List<String> lines = print(plan, List.of(), false);

        long taskLines = lines.stream().filter(line -> line.matches(" {4}T\\d{3} .*")).count();
        assertThat(taskLines).isEqualTo(60 - 4);
        // two lines of totals, a line per group and per task, done tasks, shared files, critical path, speedup
        assertThat(lines).hasSize(2 + plan.groups().size() + 56 + 4);
        assertThat(lines).filteredOn(line -> line.startsWith("    T"))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(110));
        assertThat(lines).contains("▸ G5 · 1 P1 task; T011 waits for T010 (phase barrier)");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("    T011  Implement part 0 of user story 2")
                .endsWith("← T010  · src/feature2/part0.ts (create)"));
    }

    /**
     * What the parser makes of a spec-kit file: phases are barriers, an unmarked task waits for the
     * tasks before it in its phase, a [P] task only for the unmarked ones; long titles naming files.
     */
    static TaskFile specKitLike(int phases, int perPhase) {
        List<Task> tasks = new ArrayList<>();
        List<String> previousPhase = new ArrayList<>();
        int line = 20;
        for (int phase = 1; phase <= phases; phase++) {
            List<String> thisPhase = new ArrayList<>();
            List<String> unmarked = new ArrayList<>();
            for (int k = 0; k < perPhase; k++) {
                int number = tasks.size() + 1;
                String id = String.format("T%03d", number);
                boolean parallel = k % 3 != 0;
                List<Dependency> after = new ArrayList<>();
                previousPhase.forEach(p -> after.add(new Dependency(p, "phase barrier")));
                (parallel ? unmarked : thisPhase).forEach(p -> after.add(new Dependency(p, "list order")));
                String path = "src/feature" + phase + "/part" + (k % 4) + ".ts";
                tasks.add(new Task(id, "Implement part " + k + " of user story " + phase + " in " + path
                                + " following the contract in contracts/api.yaml and the data model", "", line,
                        phase == 1 && k < 4, phase <= 2 ? Priority.P1 : Priority.P2, List.of(), after,
                        List.of(new FileRef(path, FileOperation.UNSPECIFIED, line)), Optional.empty(), Optional.empty(), 1));
                thisPhase.add(id);
                if (!parallel) {
                    unmarked.add(id);
                }
                line += 2;
            }
            previousPhase = thisPhase;
            line += 6;
        }
        return new TaskFile(Path.of("specs/001/tasks.md"), "spec-kit", tasks, List.of());
    }

    @Test
    void saysInOneLineWhichOrderingRuleTheFileWasPlannedBy() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        Terminal terminal = new Terminal(stream, stream, false, false, false, false, Terminal.Verbosity.NORMAL);
        PlanReport.print(smallPlan(), List.of(), "one heading per task: list order is no dependency", terminal);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();

        assertThat(lines).containsSubsequence(
                "    2 agent · 1 shell · 1 already done",
                "    Order: one heading per task: list order is no dependency",
                "▸ G1 · 2 workers · 2 independent P2 tasks");
    }
}
