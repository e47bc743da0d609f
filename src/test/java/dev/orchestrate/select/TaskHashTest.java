package dev.orchestrate.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.task.Task;
import dev.orchestrate.task.TaskFileParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TaskHashTest {

    private static final String FILE = """
            - [ ] T001 Create the model in src/model.py
            - [ ] T002 [P] Write the test in tests/test_model.py (depends on T001)

              Keep it short.
            """;

    private static Task task(String text, String id) {
        return TaskFileParser.parse(Path.of("tasks.md"), text).task(id).orElseThrow();
    }

    private static String hash(String text, String id) {
        return TaskHash.of(task(text, id));
    }

    @Test
    void isSha256OfTheDefinitionAndTheSameEveryTime() {
        assertThat(hash(FILE, "T002")).matches("sha256:[0-9a-f]{64}").isEqualTo(hash(FILE, "T002"));
        assertThat(hash(FILE, "T001")).isNotEqualTo(hash(FILE, "T002"));
    }

    @Test
    void tickingTheCheckboxMovingTheTaskOrChangingLineEndsIsNoChange() {
        String ticked = FILE.replace("- [ ] T002", "- [x] T002");
        String moved = "# Tasks\n\nSome intro.\n\n" + FILE;
        String crlf = FILE.replace("\n", "\r\n");
        String trailingSpaces = FILE.replace("Keep it short.", "Keep it short.   ");
        assertThat(hash(ticked, "T002")).isEqualTo(hash(FILE, "T002"));
        assertThat(hash(moved, "T002")).isEqualTo(hash(FILE, "T002"));
        assertThat(hash(crlf, "T002")).isEqualTo(hash(FILE, "T002"));
        assertThat(hash(trailingSpaces, "T002")).isEqualTo(hash(FILE, "T002"));
    }

    @Test
    void theTitleTheBodyTheFilesAndTheDependenciesAreTheDefinition() {
        assertThat(hash(FILE.replace("Write the test", "Write two tests"), "T002")).isNotEqualTo(hash(FILE, "T002"));
        assertThat(hash(FILE.replace("Keep it short.", "Keep it long."), "T002")).isNotEqualTo(hash(FILE, "T002"));
        assertThat(hash(FILE.replace("tests/test_model.py", "tests/test_models.py"), "T002")).isNotEqualTo(hash(FILE, "T002"));
        assertThat(hash(FILE.replace(" (depends on T001)", ""), "T002")).isNotEqualTo(hash(FILE, "T002"));
    }

    @Test
    void theCommandIsTheDefinition() {
        String shell = "### T001: Build\n\n```bash\nmake\n```\n";
        assertThat(hash(shell.replace("make", "make all"), "T001")).isNotEqualTo(hash(shell, "T001"));
    }

    @Test
    void normalisingDropsOnlyLineEndsTrailingSpacesAndBlankEdges() {
        assertThat(TaskHash.normalised("\n\n  a  \r\nb\t\r\n\n")).isEqualTo("  a\nb");
    }
}
