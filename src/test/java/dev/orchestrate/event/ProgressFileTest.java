package dev.orchestrate.event;

import static dev.orchestrate.event.RunFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.run.MutableClock;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.run.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressFileTest {

    @TempDir
    Path session;
    Path file;
    ExecutionPlan plan;
    final MutableClock clock = new MutableClock(RunFixture.T0);

    @BeforeEach
    void plan() {
        file = session.resolve("progress.txt");
        plan = RunFixture.sample(session.resolve("tasks.md"));
    }

    private void on(ProgressFile progress, Event event) {
        clock.set(event.ts());
        progress.on(event);
    }

    @Test
    void holdsTheStatusBoardAsPlainText() throws IOException {
        ProgressFile progress = new ProgressFile(plan, file, clock);
        on(progress, new Event.RunStarted(at(0), 7, 6, 3));
        on(progress, new Event.TaskStarted(at(0), "T001", "worker-1", 1, 3));

        String text = Files.readString(file);
        assertThat(text).startsWith("═".repeat(59) + "\nORCHESTRATION STATUS\n").endsWith("═".repeat(59) + "\n");
        assertThat(text).doesNotContain("\u001b");
    }

    @Test
    void isRewrittenAtMostOncePerSecond() throws IOException {
        ProgressFile progress = new ProgressFile(plan, file, clock);
        on(progress, new Event.RunStarted(at(0), 7, 6, 3));
        on(progress, new Event.TaskStarted(at(0.2), "T001", "worker-1", 1, 3));
        on(progress, new Event.TaskStarted(at(0.5), "T002", "worker-2", 1, 3));
        assertThat(Files.readString(file)).as("still the first write").contains("⏳ T001: Queued");

        on(progress, new Event.TaskStarted(at(1.0), "T003", "worker-3", 1, 3));

        assertThat(Files.readString(file)).contains("⚡ T001: Running on worker-1", "⚡ T002: Running on worker-2",
                "⚡ T003: Running on worker-3");
    }

    @Test
    void theTickerRefreshesTheElapsedTimeAndWhatChangedSince() throws IOException {
        ProgressFile progress = new ProgressFile(plan, file, clock);
        progress.tick();
        assertThat(file).as("nothing before the run starts").doesNotExist();

        on(progress, new Event.RunStarted(at(0), 7, 6, 3));
        on(progress, new Event.TaskStarted(at(0.5), "T001", "worker-1", 1, 3));
        clock.set(at(7));
        progress.tick();

        assertThat(Files.readString(file)).contains("⚡ T001: Running on worker-1", "Time elapsed: 00:07");
    }

    @Test
    void theEndIsAlwaysWrittenWithEveryTaskInItsFinalState() throws IOException {
        ProgressFile progress = new ProgressFile(plan, file, clock);
        for (Event event : RunFixture.sampleEvents(session)) {
            clock.set(RunFixture.T0); // the clock stands still: only the end forces a write
            progress.on(event);
        }
        progress.close();

        assertThat(Files.readString(file)).contains("✓  T004: Hash passwords", "✗  T007: Failed: timeout after 5s",
                "⏭  T008: Skipped (blocked by T007)", "Workers: 0 active | 3 available", "Time elapsed: 00:20");
        try (Stream<Path> files = Files.list(session)) {
            assertThat(files).as("no temp file left behind").containsExactly(file);
        }
    }

    @Test
    void aFolderThatCannotBeWrittenDoesNotStopTheRun() {
        ProgressFile progress = new ProgressFile(plan, session.resolve("missing/progress.txt"), clock);

        for (Event event : RunFixture.sampleEvents(session)) {
            clock.advance(Duration.ofSeconds(2));
            progress.on(event);
        }

        assertThat(session.resolve("missing")).doesNotExist();
    }
}
