package dev.orchestrate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orchestrate.event.RunFixture;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.task.Priority;
import dev.orchestrate.task.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkDoneTest {

    @TempDir
    Path dir;

    private static Task task(String id, int line) {
        return task(id, id, line);
    }

    private static Task task(String id, String title, int line) {
        return new Task(id, title, "", line, false, Priority.P2, List.of(), List.of(), List.of(), Optional.empty(),
                Optional.empty(), 1);
    }

    /** A task as the parser reads it from {@code file}: its title is the text after the checkbox of its line. */
    private static Task taskOn(Path file, String id, int line) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String title = line <= lines.size() ? lines.get(line - 1).replaceFirst("^.*?\\[.\\]\\*?\\s*", "").strip() : id;
        return task(id, title, line);
    }

    /** The indexes where two byte arrays of the same length differ. */
    private static List<Integer> differences(byte[] before, byte[] after) {
        assertThat(after).hasSameSizeAs(before);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < before.length; i++) {
            if (before[i] != after[i]) {
                at.add(i);
            }
        }
        return at;
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + needle);
    }

    @Test
    void onlyTheSpaceInsideEachCompletedTasksCheckboxChanges() throws IOException {
        String text = "# Tasks\n\n- [ ] T001 [P] Create `src/a.ts`\n- [ ] T002 Modify src/a.ts [ ]\n- [ ] T003 Other\n";
        Path file = Files.writeString(dir.resolve("tasks.md"), text);
        byte[] before = Files.readAllBytes(file);

        MarkDone.Result result = MarkDone.tick(file, List.of(task("T001", 3), task("T002", 4)));

        byte[] after = Files.readAllBytes(file);
        assertThat(result.ticked()).containsExactly("T001", "T002");
        assertThat(differences(before, after)).containsExactly(text.indexOf("[ ] T001") + 1, text.indexOf("[ ] T002") + 1);
        assertThat(new String(after, StandardCharsets.UTF_8))
                .isEqualTo("# Tasks\n\n- [x] T001 [P] Create `src/a.ts`\n- [x] T002 Modify src/a.ts [ ]\n- [ ] T003 Other\n");
    }

    @Test
    void crlfFilesWithoutAFinalNewlineKeepTheirBytes() throws IOException {
        String text = "## Phase 1\r\n\r\n- [ ] T001 First\r\n  - [ ] 1.1 nested step\r\n- [ ] T002 Last";
        Path file = Files.writeString(dir.resolve("tasks.md"), text);
        byte[] before = Files.readAllBytes(file);

        MarkDone.tick(file, List.of(task("1.1", 4), task("T002", 5)));

        byte[] after = Files.readAllBytes(file);
        assertThat(differences(before, after)).containsExactly(text.indexOf("[ ] 1.1") + 1, text.indexOf("[ ] T002") + 1);
        assertThat(after[after.length - 1]).isEqualTo((byte) 't');
    }

    @Test
    void aTaskLineWithoutACheckboxIsLeftAlone() throws IOException {
        String text = "### T001: Set up the project\n- [ ] step one\n\n### T002: Next\n";
        Path file = Files.writeString(dir.resolve("tasks.md"), text);

        MarkDone.Result result = MarkDone.tick(file, List.of(task("T001", 1), task("T002", 4)));

        assertThat(Files.readString(file)).isEqualTo(text);
        assertThat(result.ticked()).isEmpty();
        assertThat(result.withoutCheckbox()).containsExactly("T001", "T002");
    }

    @Test
    void numberedQuotedAndKiroOptionalItemsAreTickedToo() throws IOException {
        String text = "\uFEFF- [ ] 1. BOM first line\n1. [ ] numbered\n2) [ ] paren\n> - [ ] quoted\n"
                + "- [ ]* 7.4 optional test\n\t* [ ] tab indent\n-[ ] not a list item\n- [x] already done\n";
        Path file = Files.writeString(dir.resolve("tasks.md"), text);
        byte[] before = Files.readAllBytes(file);

        MarkDone.Result result = MarkDone.tick(file, List.of(taskOn(file, "A", 1), taskOn(file, "B", 2), taskOn(file, "C", 3),
                taskOn(file, "D", 4), taskOn(file, "E", 5), taskOn(file, "F", 6), taskOn(file, "G", 7), taskOn(file, "H", 8)));

        assertThat(result.ticked()).containsExactly("A", "B", "C", "D", "E", "F");
        assertThat(result.withoutCheckbox()).containsExactly("G", "H");
        assertThat(differences(before, Files.readAllBytes(file))).hasSize(6);
        assertThat(Files.readString(file)).isEqualTo(text.replace("-[ ]", "-[?]").replace("[ ]", "[x]").replace("-[?]", "-[ ]"));
    }

    @Test
    void theCompletedTasksOfARunAreTheOnesTicked() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int line = 1; line <= 15; line++) {
            String title = java.util.Map.of(5, "Create the user model", 7, "Add the login form", 9, "Write the session store",
                    11, "Hash passwords", 13, "Run the integration suite", 15, "Publish the release notes").get(line);
            text.append(line % 2 == 1 ? "- [ ] " + (title != null ? title : "line " + line) : "  details").append('\n');
        }
        Path file = Files.writeString(dir.resolve("tasks.md"), text);
        ExecutionPlan plan = RunFixture.sample(file);

        MarkDone.Result result = MarkDone.completed(plan, RunFixture.sampleResult(), List.of());

        assertThat(result.ticked()).containsExactly("T001", "T002", "T003", "T004");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(12)).as("T007 failed").isEqualTo("- [ ] Run the integration suite");
        assertThat(lines.get(14)).as("T008 skipped").isEqualTo("- [ ] Publish the release notes");
        assertThat(lines.get(2)).as("T000 already done, not touched").isEqualTo("- [ ] line 3");
        assertThat(lines.get(4)).isEqualTo("- [x] Create the user model");
    }

    @Test
    void theFileKeepsItsPermissionsAndASymlinkStaysALink() throws IOException {
        Path real = Files.writeString(dir.resolve("real.md"), "- [ ] T001 one\n");
        assumeTrue(Files.getFileAttributeView(real, java.nio.file.attribute.PosixFileAttributeView.class) != null,
                "POSIX permissions are not supported here");
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(real, mode);
        Path link = Files.createSymbolicLink(dir.resolve("tasks.md"), real.getFileName());

        MarkDone.tick(link, List.of(task("T001", 1)));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("- [x] T001 one\n");
        assertThat(Files.getPosixFilePermissions(real)).isEqualTo(mode);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temp file left behind").hasSize(2);
        }
    }

    @Test
    void everyCheckboxOfARealTaskFileCanBeTickedWithoutChangingAnythingElse() throws IOException {
        Path corpus = Path.of(System.getProperty("orchestrate.corpus", "../shared/corpus/tasks"));
        assumeTrue(Files.isDirectory(corpus), "the task corpus is not here");
        int ticked = 0;
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path source : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                Path copy = Files.copy(source, dir.resolve(source.getFileName()));
                // the corpus is read-only, and --mark-done leaves a read-only file alone
                Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                byte[] before = Files.readAllBytes(copy);
                String text = new String(before, StandardCharsets.UTF_8);
                List<Task> open = new ArrayList<>();
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (lines[i].matches("\\s*([-*+]|\\d+[.)])\\s+\\[ \\].*\\r?")) {
                        open.add(taskOn(copy, "L" + (i + 1), i + 1));
                    }
                }

                MarkDone.Result result = MarkDone.tick(copy, open);

                byte[] after = Files.readAllBytes(copy);
                assertThat(result.ticked()).as(source.getFileName().toString()).hasSize(open.size());
                List<Integer> changed = differences(before, after);
                assertThat(changed).as(source.getFileName().toString()).hasSize(open.size());
                assertThat(changed).allMatch(i -> before[i] == ' ' && after[i] == 'x' && before[i - 1] == '[' && before[i + 1] == ']');
                ticked += changed.size();
            }
        }
        assertThat(ticked).as("checkboxes ticked across the corpus").isGreaterThan(100);
    }

    @Test
    void aLineNumberPastTheEndIsReportedNotTicked() throws IOException {
        Path file = Files.writeString(dir.resolve("tasks.md"), "- [ ] T001\n");

        MarkDone.Result result = MarkDone.tick(file, List.of(task("T009", 40)));

        assertThat(result.changed()).as("its line vanished").containsExactly("T009");
        assertThat(Files.readString(file)).isEqualTo("- [ ] T001\n");
    }
}
