package dev.orchestrate.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Group;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportsTest {

    static final String FILE = """
            # Tasks

            ## P0 Critical

            ### T001: Make the data
            **Files**: data/numbers.txt
            **Depends**: none
            **Timeout**: 2m

            ```bash
            mkdir -p data && printf '3\\n1\\n' > data/numbers.txt
            ```

            ### T002: Write notes
            **Files**: notes.md
            **Depends**: none

            ```bash
            echo notes > notes.md
            ```

            ## P1 High

            ### T003: Sort the data
            **Files**: data/numbers.txt
            **Depends**: T001

            ```bash
            sort -n data/numbers.txt -o data/numbers.txt
            ```

            ### T004: Add a line to the shared log
            **Files**: shared.log
            **Depends**: none

            ```bash
            echo four >> shared.log
            ```

            ### T005: Add another line to the shared log
            **Files**: shared.log
            **Depends**: none

            ```bash
            echo five >> shared.log
            ```

            ### T006: Ask the agent
            **Depends**: T003
            """;

    @TempDir
    Path root;

    private ExecutionPlan plan(int workers) {
        return Pipelines.plan(root, FILE, workers);
    }

    private static JsonNode export(CiFormat format, ExecutionPlan plan, ExportSettings settings) {
        return Pipelines.read(Exports.of(format, plan, settings).text());
    }

    @Nested
    class GithubActions {

        @Test
        void oneJobPerGroupInPlanOrderEachNeedingTheOneBefore() {
            ExecutionPlan plan = plan(5);
            JsonNode jobs = export(CiFormat.GITHUB_ACTIONS, plan, Pipelines.settings()).path("jobs");
            List<String> ids = new ArrayList<>();
            jobs.fieldNames().forEachRemaining(ids::add);
            assertThat(ids).hasSize(plan.groups().size() + 1).last().isEqualTo("report");
            for (int i = 0; i < plan.groups().size(); i++) {
                JsonNode job = jobs.path(ids.get(i));
                List<String> matrix = new ArrayList<>();
                job.path("strategy").path("matrix").path("task").forEach(t -> matrix.add(t.asText()));
                assertThat(matrix).isEqualTo(plan.groups().get(i).tasks());
                if (i == 0) {
                    assertThat(job.has("needs")).isFalse();
                } else {
                    assertThat(job.path("needs").get(0).asText()).isEqualTo(ids.get(i - 1));
                    assertThat(job.path("if").asText()).isEqualTo("${{ !cancelled() }}");
                }
            }
            JsonNode report = jobs.path("report");
            assertThat(report.path("if").asText()).isEqualTo("${{ always() }}");
            assertThat(report.path("needs").get(0).asText()).isEqualTo(ids.get(plan.groups().size() - 1));
            assertThat(report.toString()).contains("merge orchestrate-ci/sessions -o orchestrate-ci/merged");
        }

        @Test
        void eachMatrixJobRunsItsTaskAloneWithTheAttemptsAgentAndTimeLimitOfTheExport() {
            ExportSettings settings = new ExportSettings("specs/tasks.md", "bin/orchestrate", 2, Optional.of(Duration.ofMinutes(5)),
                    Optional.of("claude --model x"), false);
            JsonNode workflow = export(CiFormat.GITHUB_ACTIONS, plan(5), settings);
            assertThat(workflow.path("env").path("ORCHESTRATE").asText()).isEqualTo("bin/orchestrate");
            JsonNode run = workflow.path("jobs").path("group-1").path("steps").findParent("run");
            assertThat(run.path("env").path("TASK").asText()).isEqualTo("${{ matrix.task }}");
            assertThat(run.path("run").asText()).contains(
                    "$ORCHESTRATE specs/tasks.md --only \"$TASK\" --no-deps --session-dir orchestrate-ci/session",
                    "--junit orchestrate-ci/session/junit.xml", "--max-attempts 2", "--timeout 300s", "--agent 'claude --model x'");
            JsonNode upload = workflow.path("jobs").path("group-1").path("steps").get(3);
            assertThat(upload.path("uses").asText()).startsWith("actions/upload-artifact@");
            assertThat(upload.path("if").asText()).isEqualTo("${{ always() }}");
        }

        @Test
        void theJobTimeLimitCoversEveryAttemptOfTheSlowestTask() {
            JsonNode workflow = export(CiFormat.GITHUB_ACTIONS, plan(5), Pipelines.settings());
            // T001: Timeout 2m, 3 attempts, plus 10 minutes for the job itself
            assertThat(workflow.path("jobs").path("group-1").path("timeout-minutes").asInt()).isEqualTo(16);
        }

        @Test
        void maxParallelFollowsTheWorkersOnlyWhereTheGroupIsLarger() {
            ExecutionPlan plan = Pipelines.plan(root, Pipelines.independent(4), 2);
            JsonNode strategy = export(CiFormat.GITHUB_ACTIONS, plan, Pipelines.settings()).path("jobs").path("group-1").path("strategy");
            assertThat(strategy.path("max-parallel").asInt()).isEqualTo(2);
            assertThat(strategy.path("fail-fast").asBoolean(true)).isFalse();

            ExecutionPlan wide = Pipelines.plan(root, Pipelines.independent(4), 5);
            assertThat(export(CiFormat.GITHUB_ACTIONS, wide, Pipelines.settings()).path("jobs").path("group-1")
                    .path("strategy").has("max-parallel")).isFalse();
        }

        @Test
        void aGroupLargerThanGithubsMatrixIsSplitAndSaysSoInOneLine() {
            ExecutionPlan plan = Pipelines.plan(root, Pipelines.independent(600), 5);
            Exports.Export export = Exports.of(CiFormat.GITHUB_ACTIONS, plan, Pipelines.settings());
            JsonNode jobs = Pipelines.read(export.text()).path("jobs");
            assertThat(jobs.path("group-1-1").path("strategy").path("matrix").path("task")).hasSize(256);
            assertThat(jobs.path("group-1-2").path("strategy").path("matrix").path("task")).hasSize(256);
            assertThat(jobs.path("group-1-3").path("strategy").path("matrix").path("task")).hasSize(88);
            assertThat(jobs.path("report").path("needs")).hasSize(3);
            assertThat(export.notes()).singleElement().asString()
                    .contains("G1 has 600 tasks", "256", "split into 3 jobs").doesNotContain("\n");
            assertThat(export.jobs()).isEqualTo(601);
        }

        @Test
        void aReusableWorkflowIsCalledNotPushed() {
            ExportSettings reusable = new ExportSettings("tasks.md", "orchestrate", 3, Optional.empty(), Optional.of("claude"), true);
            JsonNode on = export(CiFormat.GITHUB_ACTIONS, plan(5), reusable).path("on");
            assertThat(on.has("workflow_call")).isTrue();
            assertThat(on.has("push")).isFalse();
        }
    }

    @Nested
    class Gitlab {

        @Test
        void aStagePerGroupAMatrixPerJobAndNeedsOnTheGroupBefore() {
            ExecutionPlan plan = plan(5);
            JsonNode pipeline = export(CiFormat.GITLAB, plan, Pipelines.settings());
            List<String> stages = new ArrayList<>();
            pipeline.path("stages").forEach(s -> stages.add(s.asText()));
            assertThat(stages).hasSize(plan.groups().size() + 1).last().isEqualTo("report");
            Set<String> jobs = new HashSet<>();
            pipeline.fieldNames().forEachRemaining(jobs::add);
            jobs.removeAll(List.of("stages", "variables", "default", "workflow", "include"));
            for (String name : jobs) {
                JsonNode job = pipeline.path(name);
                assertThat(job.has("script")).as(name + " has a script (GitLab's one required key)").isTrue();
                assertThat(stages).as(name + "'s stage is declared").contains(job.path("stage").asText());
                job.path("needs").forEach(need -> assertThat(jobs).contains(need.path("job").asText()));
            }
            for (int i = 0; i < plan.groups().size(); i++) {
                Group group = plan.groups().get(i);
                JsonNode job = pipeline.path("group-" + (i + 1));
                List<String> matrix = new ArrayList<>();
                job.path("parallel").path("matrix").get(0).path("TASK").forEach(t -> matrix.add(t.asText()));
                assertThat(matrix).isEqualTo(group.tasks());
                if (i > 0) {
                    assertThat(job.path("needs").get(0).path("job").asText()).isEqualTo("group-" + i);
                    assertThat(job.path("when").asText()).isEqualTo("always");
                }
            }
            assertThat(pipeline.path("report").path("artifacts").path("reports").path("junit").asText())
                    .isEqualTo("orchestrate-ci/merged/junit.xml");
        }

        @Test
        void aGroupLargerThanGitlabsMatrixIsSplit() {
            ExecutionPlan plan = Pipelines.plan(root, Pipelines.independent(250), 5);
            Exports.Export export = Exports.of(CiFormat.GITLAB, plan, Pipelines.settings());
            JsonNode pipeline = Pipelines.read(export.text());
            assertThat(pipeline.path("group-1-1").path("parallel").path("matrix").get(0).path("TASK")).hasSize(200);
            assertThat(pipeline.path("group-1-2").path("parallel").path("matrix").get(0).path("TASK")).hasSize(50);
            assertThat(pipeline.path("group-1-2").path("stage").asText()).isEqualTo("group-1");
            assertThat(export.notes()).singleElement().asString().contains("200");
        }
    }

    @Nested
    class Buildkite {

        @Test
        void aStepPerTaskWithItsKeyDependenciesLimitRetriesAndPriority() {
            ExecutionPlan plan = plan(5);
            JsonNode steps = export(CiFormat.BUILDKITE, plan, Pipelines.settings()).path("steps");
            List<JsonNode> commands = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (JsonNode level : steps) {
                if (level.has("steps")) {
                    keys.add(level.path("key").asText());
                    assertThat(level.has("group")).isTrue();
                    level.path("steps").forEach(commands::add);
                } else {
                    commands.add(level);
                }
            }
            commands.forEach(c -> assertThat(keys.add(c.path("key").asText())).as("keys are unique").isTrue());
            commands.forEach(c -> {
                assertThat(c.has("command")).isTrue();
                c.path("depends_on").forEach(d -> assertThat(keys).contains(d.asText()));
            });
            JsonNode t001 = step(commands, "task-t001");
            assertThat(t001.path("timeout_in_minutes").asInt()).isEqualTo(12);
            assertThat(t001.path("retry").path("automatic").path("limit").asInt()).isEqualTo(2);
            assertThat(t001.path("priority").asInt()).isEqualTo(3);
            assertThat(t001.path("command").asText()).contains("--max-attempts 1", "--only T001 --no-deps");
            JsonNode t003 = step(commands, "task-t003");
            assertThat(t003.path("priority").asInt()).isEqualTo(2);
            assertThat(t003.path("depends_on").toString()).doesNotContain("task-t001"); // another level: its group waits
            JsonNode p1 = steps.get(1);
            assertThat(p1.path("depends_on").get(0).asText()).isEqualTo("level-p0");
            assertThat(p1.path("allow_dependency_failure").asBoolean()).isTrue();
            JsonNode t006 = step(commands, "task-t006");
            assertThat(t006.path("depends_on").get(0).asText()).isEqualTo("task-t003");
            assertThat(t006.path("command").asText()).contains("--agent claude");
        }

        @Test
        void tasksThatChangeOneSameFileShareAConcurrencyGroupOfOne() {
            JsonNode text = export(CiFormat.BUILDKITE, plan(5), Pipelines.settings());
            List<JsonNode> commands = new ArrayList<>();
            text.path("steps").forEach(level -> level.path("steps").forEach(commands::add));
            JsonNode t004 = step(commands, "task-t004");
            JsonNode t005 = step(commands, "task-t005");
            assertThat(t004.path("concurrency_group").asText()).isNotEmpty().isEqualTo(t005.path("concurrency_group").asText())
                    .endsWith("shared.log");
            assertThat(t004.path("concurrency").asInt()).isEqualTo(1);
            assertThat(step(commands, "task-t002").has("concurrency_group")).isFalse();
        }

        private static JsonNode step(List<JsonNode> commands, String key) {
            return commands.stream().filter(c -> c.path("key").asText().equals(key)).findFirst()
                    .orElseThrow(() -> new AssertionError("no step " + key));
        }
    }
}
