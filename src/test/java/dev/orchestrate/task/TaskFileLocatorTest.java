package dev.orchestrate.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFileLocatorTest {

    @TempDir
    Path dir;

    private Path write(String relative, Instant modified) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "- [ ] step\n");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void prefersTheNewestTasksFileThatATasksCommandLeftUnderTmp() throws IOException {
        write(".tmp/20241208-tasks/tasks.md", Instant.parse("2024-12-08T10:00:00Z"));
        Path newest = write(".tmp/20241209-tasks/tasks.md", Instant.parse("2024-12-09T10:00:00Z"));
        write("tasks.md", Instant.parse("2024-12-10T10:00:00Z"));

        assertThat(TaskFileLocator.locate(dir)).contains(new TaskFileLocator.Located(newest, false));
    }

    @Test
    void thenTasksMdThenTasksMdInCapitals() throws IOException {
        Path upper = write("TASKS.md", Instant.now());
        assertThat(TaskFileLocator.locate(dir)).contains(new TaskFileLocator.Located(upper, false));

        Path lower = write("tasks.md", Instant.now());
        assertThat(TaskFileLocator.locate(dir)).contains(new TaskFileLocator.Located(lower, false));
    }

    @Test
    void aPlanIsUsedOnlyWhenThereIsNoTaskFile() throws IOException {
        Path plan = write(".tmp/20241209-plan/plan.md", Instant.now());
        write("PLAN.md", Instant.now());
        assertThat(TaskFileLocator.locate(dir)).contains(new TaskFileLocator.Located(plan, true));

        Path tasks = write("tasks.md", Instant.now());
        assertThat(TaskFileLocator.locate(dir)).contains(new TaskFileLocator.Located(tasks, false));
    }

    @Test
    void findsNothingInAnEmptyFolder() {
        assertThat(TaskFileLocator.locate(dir)).isEmpty();
    }
}
