package dev.orchestrate.report;

import static dev.orchestrate.JsonNodes.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlanSettings;
import dev.orchestrate.plan.Planner;
import dev.orchestrate.scout.Scout;
import dev.orchestrate.select.Selection;
import dev.orchestrate.select.SelectionRequest;
import dev.orchestrate.task.TaskFileParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectionReportTest {

    private static final String TASKS = "- [ ] T001 First\n- [ ] T002 Second\n- [ ] T003 Third\n";

    @TempDir
    Path dir;

    private ExecutionPlan plan() throws Exception {
        Path file = Files.writeString(dir.resolve("tasks.md"), TASKS);
        return Planner.plan(TaskFileParser.parse(file), Scout.discover(dir, List.of()),
                new PlanSettings(2, Duration.ofSeconds(30), Duration.ofMinutes(30), false));
    }

    @Test
    void aPlainRunKeepsItsSummaryAndAddsEachTasksHash() throws Exception {
        ExecutionPlan plan = plan();
        Selection selection = Selection.forRun(plan, SelectionRequest.everything(), dir.resolve("parallel-session"), TASKS, false);
        SummaryReport summary = SummaryReport.beforeExecution(plan, dir, Instant.EPOCH, Instant.EPOCH, 130, "interrupted");

        JsonNode doc = SelectionReport.summary(summary, selection);

        assertThat(doc.has("resumed")).isFalse();
        assertThat(doc.has("selection")).isFalse();
        assertThat(doc.get("tasks").get(0).get("task_hash").asText()).startsWith("sha256:");
        assertThat(doc.get("tasks").get(0).has("selection")).isFalse();
    }

    @Test
    void tasksLeftOutAreNotSelectedAndOutOfAlreadyDone() throws Exception {
        ExecutionPlan plan = plan();
        SelectionRequest only = new SelectionRequest(List.of("T003"), Optional.empty(), SelectionRequest.Dependencies.ASSUMED_DONE,
                false, Optional.empty());
        Selection selection = Selection.forRun(plan, only, dir.resolve("parallel-session"), TASKS, false);
        SummaryReport summary = SummaryReport.beforeExecution(selection.apply(plan), dir, Instant.EPOCH, Instant.EPOCH, 130, "interrupted");

        JsonNode doc = SelectionReport.summary(summary, selection);

        assertThat(texts(doc.get("already_done"))).isEmpty();
        assertThat(texts(doc.get("not_selected"))).containsExactly("T001", "T002");
        assertThat(texts(doc.get("resumed"))).isEmpty();
        assertThat(doc.get("tasks").get(0).get("status").asText()).isEqualTo("not_selected");
        assertThat(doc.get("tasks").get(0).get("reason").asText()).isEqualTo("not chosen by --only");
        assertThat(doc.get("tasks").get(2).at("/selection/decision").asText()).isEqualTo("run");
        assertThat(doc.at("/selection/not_selected").asInt()).isEqualTo(2);
    }
}
