package dev.orchestrate.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrate.CorpusFiles;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Group;
import dev.orchestrate.plan.PlanSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real task file of the corpus exports to each engine without error, as YAML, with as many
 * jobs as its plan has tasks to run (plus the report job). The parser is still changing, so the
 * counts are checked against the plan of the day, not fixed numbers.
 */
class ExportCorpusTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @MethodSource("dev.orchestrate.CorpusFiles#taskFiles")
    void everyCorpusFileExportsToEveryEngineWithAJobPerTaskToRun(Path file) {
        CorpusFiles.assumeParsed(file);
        ExecutionPlan plan = PlanSource.load(file, root, root,
                new PlanSettings(5, Duration.ofSeconds(30), Duration.ofMinutes(30), false)).plan();
        int toRun = plan.groups().stream().mapToInt(g -> g.tasks().size()).sum();
        ExportSettings settings = Pipelines.settings();

        Exports.Export github = Exports.of(CiFormat.GITHUB_ACTIONS, plan, settings);
        assertThat(github.jobs()).isEqualTo(toRun + 1);
        JsonNode jobs = Pipelines.read(github.text()).path("jobs");
        int expectedJobs = 1;
        for (Group g : plan.groups()) {
            expectedJobs += 1 + (g.tasks().size() - 1) / GithubActionsWorkflow.MATRIX_LIMIT;
        }
        assertThat(jobs.size()).isEqualTo(expectedJobs);
        assertThat(matrixEntries(jobs.elements(), "strategy", "matrix", "task")).isEqualTo(toRun);

        JsonNode gitlab = Pipelines.read(Exports.of(CiFormat.GITLAB, plan, settings).text());
        List<JsonNode> gitlabJobs = new ArrayList<>();
        gitlab.fields().forEachRemaining(e -> {
            if (e.getValue().has("script")) {
                gitlabJobs.add(e.getValue());
            }
        });
        assertThat(gitlab.path("stages")).hasSize(plan.groups().size() + 1);
        int gitlabEntries = 0;
        for (JsonNode job : gitlabJobs) {
            gitlabEntries += job.path("parallel").path("matrix").path(0).path("TASK").size();
        }
        assertThat(gitlabEntries).isEqualTo(toRun);

        JsonNode buildkite = Pipelines.read(Exports.of(CiFormat.BUILDKITE, plan, settings).text());
        int steps = 0;
        for (JsonNode step : buildkite.path("steps")) {
            steps += step.has("steps") ? step.path("steps").size() : 1;
        }
        assertThat(steps).isEqualTo(toRun + 1);
    }

    private static int matrixEntries(java.util.Iterator<JsonNode> jobs, String... path) {
        int n = 0;
        while (jobs.hasNext()) {
            JsonNode node = jobs.next();
            for (String p : path) {
                node = node.path(p);
            }
            n += node.size();
        }
        return n;
    }
}
