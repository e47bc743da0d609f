package dev.orchestrate.event;

import static dev.orchestrate.event.RunFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.run.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StatusBoardTest {

    final ExecutionPlan plan = RunFixture.sample(Path.of("tasks.md"));

    private List<String> board(RunState state, double now, int maxRows) {
        return StatusBoard.render(state, at(now), Style.plain(false), maxRows);
    }

    @Test
    void beforeAnyEventEveryTaskWaitsAndTheFirstGroupIsNext() {
        RunState state = new RunState(plan);
        state.apply(new Event.RunStarted(at(0), 7, 6, 3));

        assertThat(board(state, 0, 50)).contains(
                "⏳ T001: Queued",
                "⏳ T004: Pending (depends on T001)",
                "Group G1: 1 completed | 0 running | 3 pending",
                "Workers: 0 active | 3 available",
                "Time elapsed: 00:00");
    }

    @Test
    void retriesDeferralsAndReplacementsAreShownAsWaiting() {
        RunState state = new RunState(plan);
        state.apply(new Event.RunStarted(at(0), 7, 6, 3));
        state.apply(new Event.TaskStarted(at(0), "T001", "worker-1", 1, 3));
        state.apply(new Event.TaskFailed(at(1), "T001", "worker-1", 1, 3, "exit 2", OptionalInt.of(2), false, null));
        state.apply(new Event.TaskDeferred(at(1), "T002", "worker-2", "worker-3", "src/a.ts"));
        state.apply(new Event.TaskStarted(at(1), "T003", "worker-3", 2, 3));
        state.apply(new Event.WorkerReplaced(at(2), "worker-3", Optional.of("T003"), "crashed"));

        assertThat(board(state, 75, 50)).contains(
                "⏳ T001: Queued for retry (attempt 1/3 failed: exit 2)",
                "⏳ T002: Deferred (file locked by worker-3)",
                "⏳ T003: Queued for retry (attempt 2/3 failed: crashed)",
                "Group G1: 1 completed | 0 running | 3 pending",
                "Time elapsed: 01:15");
    }

    @Test
    void aRunningRetryShowsItsAttempt() {
        RunState state = new RunState(plan);
        state.apply(new Event.TaskStarted(at(0), "T001", "worker-2", 2, 3));

        assertThat(board(state, 1, 50)).contains("⚡ T001: Running on worker-2 (attempt 2/3)", "Workers: 1 active | 2 available");
    }

    @Test
    void aBoardTooSmallForEveryTaskKeepsTheRunningAndFailedOnesAndCountsTheRest() {
        RunFixture fixture = RunFixture.plan(Path.of("big.md")).workers(5);
        for (int i = 1; i <= 200; i++) {
            fixture.task(String.format("T%03d", i), "task " + i, "G1", i);
        }
        RunState state = new RunState(fixture.build());
        for (int i = 1; i <= 150; i++) {
            state.apply(new Event.TaskCompleted(at(i), String.format("T%03d", i), "worker-1", 1, Duration.ofSeconds(1)));
        }
        state.apply(new Event.TaskStarted(at(151), "T160", "worker-2", 1, 3));
        state.apply(new Event.TaskFailed(at(151), "T170", "worker-3", 3, 3, "exit 1", OptionalInt.of(1), true, null));

        List<String> board = board(state, 200, 10);

        assertThat(board).contains("⚡ T160: Running on worker-2", "✗  T170: Failed: exit 1",
                "... 191 more: 41 pending, 150 completed");
        assertThat(board.stream().filter(l -> l.matches("^\\S+ +T\\d{3}: .*"))).hasSize(9);
    }

    @Test
    void longTitlesAreCutSoARowFitsALine() {
        ExecutionPlan longTitle = RunFixture.plan(Path.of("t.md")).task("T001", "word ".repeat(40), "G1", 1).build();
        RunState state = new RunState(longTitle);
        state.apply(new Event.TaskCompleted(at(1), "T001", "worker-1", 1, Duration.ofSeconds(1)));

        assertThat(board(state, 1, 50)).anyMatch(l -> l.startsWith("✓  T001: word") && l.endsWith("...") && l.length() < 80);
    }

    @Test
    void asciiBoardsUseStandIns() {
        RunState state = new RunState(plan);
        state.apply(new Event.RunFinished(at(20), RunFixture.sampleResult()));

        List<String> board = StatusBoard.render(state, at(20), Style.plain(true), 50);

        assertThat(board).contains("+ T001: Create the user model", "x T007: Failed: timeout after 5s",
                "- T008: Skipped (blocked by T007)", "Groups: 1 of 3 completed");
        assertThat(String.join("\n", board).chars()).allMatch(c -> c < 0x80);
        assertThat(board.get(0)).isEqualTo("=".repeat(59));
    }
}
