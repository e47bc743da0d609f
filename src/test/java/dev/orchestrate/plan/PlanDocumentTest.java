package dev.orchestrate.plan;

import static dev.orchestrate.JsonNodes.names;
import static dev.orchestrate.plan.TaskBuilder.file;
import static dev.orchestrate.plan.TaskBuilder.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrate.scout.Scout;
import dev.orchestrate.session.Json;
import dev.orchestrate.task.FileOperation;
import dev.orchestrate.task.Priority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanDocumentTest {

    @TempDir
    Path root;

    private JsonNode writtenPlan() throws IOException {
        ExecutionPlan plan = Planner.plan(file(
                        task("T001").title("Create the schema").file("db/schema.sql").command("psql -f db/schema.sql"),
                        task("T002").title("Seed data").priority(Priority.P1).file("db/schema.sql").file("db/*.csv", FileOperation.READ),
                        task("T003").title("Old step").done(),
                        task("T004").title("Docs").dependsOn("T003").after("T002", "list order").timeout(Duration.ofMillis(1500))),
                Scout.discover(root, List.of("db/schema.sql")),
                new PlanSettings(4, Duration.ofSeconds(30), Duration.ofMinutes(30), false),
                Clock.fixed(Instant.parse("2026-02-03T04:05:06.007Z"), ZoneOffset.UTC));
        Path out = root.resolve("execution-plan.json");
        Json.write(out, PlanDocument.of(plan));
        return Json.mapper().readTree(Files.readString(out));
    }

    @Test
    void executionPlanJsonHasTheSeedFields() throws IOException {
        JsonNode json = writtenPlan();

        assertThat(names(json)).containsExactly("generated_at", "task_file", "total_tasks", "total_groups", "groups",
                "conflict_map", "critical_path", "parallelism_score", "tasks");
        assertThat(json.get("generated_at").asText()).isEqualTo("2026-02-03T04:05:06.007Z");
        assertThat(json.get("task_file").asText()).isEqualTo("tasks.md");
        assertThat(json.get("total_tasks").asInt()).isEqualTo(4);
        assertThat(json.get("total_groups").asInt()).isEqualTo(json.get("groups").size());
        assertThat(json.get("conflict_map").get("db/schema.sql")).extracting(JsonNode::asText).containsExactly("T001", "T002");
        assertThat(json.get("critical_path")).extracting(JsonNode::asText).containsExactly("T001", "T002", "T004");
        assertThat(json.get("parallelism_score").asDouble()).isEqualTo(1.0);
    }

    @Test
    void eachGroupSaysWhatRunsTogetherAndWhy() throws IOException {
        JsonNode group = writtenPlan().get("groups").get(0);

        assertThat(names(group)).containsExactly("id", "priority", "parallel", "tasks", "workers_needed", "files_modified", "rationale");
        assertThat(group.get("id").asText()).isEqualTo("G1");
        assertThat(group.get("priority").asText()).isEqualTo("P1");
        assertThat(group.get("parallel").asBoolean()).isFalse();
        assertThat(group.get("tasks")).extracting(JsonNode::asText).containsExactly("T001");
        assertThat(group.get("workers_needed").asInt()).isEqualTo(1);
        assertThat(group.get("files_modified")).extracting(JsonNode::asText).containsExactly("db/schema.sql");
        assertThat(group.get("rationale").asText()).isEqualTo("1 P1 task");
    }

    @Test
    void everyTaskIsListedWithItsResolvedFields() throws IOException {
        JsonNode tasks = writtenPlan().get("tasks");

        assertThat(names(tasks)).containsExactly("T001", "T002", "T003", "T004");
        JsonNode seed = tasks.get("T002");
        assertThat(names(seed)).containsExactly("title", "priority", "declared_priority", "depends_on", "implicit_depends_on",
                "files", "executor", "timeout_s", "status", "line", "group");
        assertThat(seed.get("title").asText()).isEqualTo("Seed data");
        assertThat(seed.get("implicit_depends_on").get(0).get("task").asText()).isEqualTo("T001");
        assertThat(seed.get("implicit_depends_on").get(0).get("reason").asText()).isEqualTo("T002 modifies db/schema.sql, created by T001");
        assertThat(seed.get("files").get(0).get("operation").asText()).isEqualTo("modify");
        assertThat(seed.get("files").get(0).get("locked").asBoolean()).isTrue();
        assertThat(seed.get("files").get(1).get("path").asText()).isEqualTo("db/*.csv");
        assertThat(seed.get("files").get(1).get("locked").asBoolean()).isFalse();
        assertThat(seed.get("executor").asText()).isEqualTo("agent");
        assertThat(seed.get("timeout_s").asInt()).isEqualTo(1800);
        assertThat(seed.get("group").asText()).isEqualTo("G2");

        JsonNode schema = tasks.get("T001");
        assertThat(schema.get("priority").asText()).as("lifted by T002").isEqualTo("P1");
        assertThat(schema.get("declared_priority").asText()).isEqualTo("P2");
        assertThat(schema.get("executor").asText()).isEqualTo("shell");
        assertThat(schema.get("timeout_s").asInt()).isEqualTo(30);
        assertThat(schema.get("files").get(0).get("operation").asText()).isEqualTo("create");

        JsonNode old = tasks.get("T003");
        assertThat(old.get("status").asText()).isEqualTo("done");
        assertThat(old.get("group").isNull()).isTrue();
        assertThat(old.get("line").asInt()).isEqualTo(30);

        JsonNode docs = tasks.get("T004");
        assertThat(docs.get("depends_on")).extracting(JsonNode::asText).containsExactly("T003");
        assertThat(docs.get("status").asText()).isEqualTo("pending");
        assertThat(docs.get("timeout_s").asDouble()).isEqualTo(1.5);
    }

}
