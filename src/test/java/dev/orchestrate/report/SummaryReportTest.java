package dev.orchestrate.report;

import static dev.orchestrate.JsonNodes.names;
import static dev.orchestrate.JsonNodes.texts;
import static dev.orchestrate.event.RunFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrate.event.RunFixture;
import dev.orchestrate.plan.ExecutionPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryReportTest {

    static final String ISO_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @TempDir
    Path dir;

    private JsonNode written(SummaryReport report) throws IOException {
        Path file = dir.resolve("summary.json");
        report.write(file);
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void aTaskThatPassedAfterFailingIsListedAsFlakyWithTheFailuresBefore() throws IOException {
        ExecutionPlan plan = RunFixture.sample(dir.resolve("tasks.md"));
        JsonNode json = written(SummaryReport.of(plan, RunFixture.sampleResult(), dir.resolve("parallel-session")));

        assertThat(json.get("flaky")).hasSize(1);
        assertThat(json.get("flaky").get(0).get("id").asText()).isEqualTo("T003");
        assertThat(json.get("flaky").get(0).get("passed_on_attempt").asInt()).isEqualTo(2);
        assertThat(texts(json.get("flaky").get(0).get("failures"))).containsExactly("exit 1");
        assertThat(json.get("stopped")).isEmpty();
    }

    @Test
    void holdsEveryFieldOfTheSpecUnderItsSnakeCaseName() throws IOException {
        ExecutionPlan plan = RunFixture.sample(dir.resolve("tasks.md"));
        JsonNode json = written(SummaryReport.of(plan, RunFixture.sampleResult(), dir.resolve("parallel-session")));

        assertThat(names(json)).containsSubsequence("task_file", "session_dir", "started_at", "ended_at", "duration_ms",
                "exit_code", "workers_used", "speedup", "total_tasks", "completed", "failed", "skipped", "already_done", "tasks");
        assertThat(json.get("task_file").asText()).isEqualTo(dir.resolve("tasks.md").toString());
        assertThat(json.get("session_dir").asText()).endsWith("parallel-session");
        assertThat(json.get("started_at").asText()).isEqualTo("2026-11-25T10:00:00.000Z");
        assertThat(json.get("ended_at").asText()).isEqualTo("2026-11-25T10:00:20.000Z");
        assertThat(json.get("duration_ms").asLong()).isEqualTo(20_000);
        assertThat(json.get("exit_code").asInt()).isEqualTo(1);
        assertThat(json.get("workers_used").asInt()).isEqualTo(3);
        assertThat(json.get("speedup").asDouble()).isEqualTo(1.46); // busy time over the execution makespan
        assertThat(json.get("total_tasks").asInt()).isEqualTo(7);
        assertThat(texts(json.get("completed"))).containsExactly("T001", "T002", "T003", "T004");
        assertThat(json.get("failed").get(0).get("id").asText()).isEqualTo("T007");
        assertThat(json.get("failed").get(0).get("reason").asText()).isEqualTo("timeout after 5s");
        assertThat(json.get("skipped").get(0).get("id").asText()).isEqualTo("T008");
        assertThat(texts(json.get("skipped").get(0).get("blocked_by"))).containsExactly("T007");
        assertThat(texts(json.get("already_done"))).containsExactly("T000");
    }

    @Test
    void eachTaskHasItsStatusPriorityGroupAndAttempts() throws IOException {
        ExecutionPlan plan = RunFixture.sample(dir.resolve("tasks.md"));
        JsonNode tasks = written(SummaryReport.of(plan, RunFixture.sampleResult(), dir)).get("tasks");

        assertThat(tasks).hasSize(7);
        assertThat(tasks).extracting(t -> t.get("status").asText()).containsExactly(
                "already_done", "completed", "completed", "completed", "completed", "failed", "skipped");
        JsonNode t003 = tasks.get(3);
        assertThat(names(t003)).contains("id", "title", "status", "priority", "group", "attempts");
        assertThat(t003.get("id").asText()).isEqualTo("T003");
        assertThat(t003.get("title").asText()).isEqualTo("Write the session store");
        assertThat(t003.get("priority").asText()).isEqualTo("P1");
        assertThat(t003.get("group").asText()).isEqualTo("G1");
        JsonNode first = t003.get("attempts").get(0);
        assertThat(names(first)).contains("worker", "started_at", "ended_at", "duration_ms", "exit_code", "error");
        assertThat(first.get("worker").asText()).isEqualTo("worker-3");
        assertThat(first.get("started_at").asText()).matches(ISO_MILLIS);
        assertThat(first.get("ended_at").asText()).isEqualTo("2026-11-25T10:00:00.800Z");
        assertThat(first.get("duration_ms").asLong()).isEqualTo(800);
        assertThat(first.get("exit_code").asInt()).isEqualTo(1);
        assertThat(first.get("error").asText()).isEqualTo("exit 1");
        JsonNode second = t003.get("attempts").get(1);
        assertThat(second.get("exit_code").asInt()).isZero();
        assertThat(second.get("error").isNull()).isTrue();
        JsonNode timedOut = tasks.get(5).get("attempts").get(2);
        assertThat(timedOut.get("exit_code").isNull()).as("a stopped process has no exit code").isTrue();
    }

    @Test
    void aRunThatNeverReachedExecutionListsEveryTaskAsNotRun() throws IOException {
        ExecutionPlan plan = RunFixture.sample(dir.resolve("tasks.md"));
        JsonNode json = written(SummaryReport.beforeExecution(plan, dir, at(0), at(1.5), 3,
                "session folder cannot be written"));

        assertThat(json.get("exit_code").asInt()).isEqualTo(3);
        assertThat(json.get("duration_ms").asLong()).isEqualTo(1500);
        assertThat(json.get("critical_failure").asText()).isEqualTo("session folder cannot be written");
        assertThat(json.get("completed")).isEmpty();
        assertThat(texts(json.get("already_done"))).containsExactly("T000");
        assertThat(texts(json.get("not_run"))).containsExactly("T001", "T002", "T003", "T004", "T007", "T008");
        assertThat(json.get("tasks")).extracting(t -> t.get("status").asText())
                .containsExactly("already_done", "not_run", "not_run", "not_run", "not_run", "not_run", "not_run");
    }

    @Test
    void anInterruptedRunBeforeAnyTaskIsMarkedInterrupted() throws IOException {
        ExecutionPlan plan = RunFixture.sample(dir.resolve("tasks.md"));
        JsonNode json = written(SummaryReport.beforeExecution(plan, dir, at(0), at(1), 130, "interrupted"));

        assertThat(json.get("interrupted").asBoolean()).isTrue();
        assertThat(json.get("exit_code").asInt()).isEqualTo(130);
    }

    @Test
    void aRunWithoutAPlanStillSaysWhy() throws IOException {
        JsonNode json = written(SummaryReport.withoutPlan(dir.resolve("tasks.md"), dir, at(0), at(0.2), 3,
                "no worker could be started"));

        assertThat(json.get("total_tasks").asInt()).isZero();
        assertThat(json.get("tasks")).isEmpty();
        assertThat(json.get("critical_failure").asText()).isEqualTo("no worker could be started");
    }

    @Test
    void aTaskTheResultLeavesOutIsNotRun() throws IOException {
        ExecutionPlan plan = RunFixture.sample(dir.resolve("tasks.md"));
        JsonNode json = written(SummaryReport.of(plan, RunFixture.result(2, 1,
                RunFixture.completed("T001", RunFixture.ok(1, "worker-1", 0, 1))), dir));

        assertThat(json.get("total_tasks").asInt()).isEqualTo(7);
        assertThat(texts(json.get("already_done"))).containsExactly("T000");
        assertThat(texts(json.get("not_run"))).containsExactly("T002", "T003", "T004", "T007", "T008");
    }
}
