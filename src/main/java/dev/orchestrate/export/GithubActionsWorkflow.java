package dev.orchestrate.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GitHub Actions workflow of the plan: one job per plan group, in the plan's order ({@code needs:}
 * the group before), each a {@code strategy.matrix} over the group's task ids; every matrix job runs
 * its task alone ({@code --only}) and uploads its session folder; a last {@code if: always()} job
 * downloads them all and runs {@code orchestrate merge}. Later groups run even when an earlier job
 * failed ({@code !cancelled()}): each task then asks whether its own dependencies completed, as a
 * local run would.
 */
final class GithubActionsWorkflow {

    /** GitHub: "A job matrix can generate a maximum of 256 jobs per workflow run." */
    static final int MATRIX_LIMIT = 256;
    /** GitHub: "A workflow file larger than 500 KB will not start runs." */
    static final int FILE_LIMIT = 500 * 1024;

    private static final String SESSION = CiPlan.DIR + "/session";
    private static final String PRIOR = CiPlan.DIR + "/prior";
    private static final String SESSIONS = CiPlan.DIR + "/sessions";
    private static final String MERGED = CiPlan.DIR + "/merged";
    private static final String ARTIFACT_PREFIX = "orchestrate-session-";

    private final CiPlan ci;

    GithubActionsWorkflow(CiPlan ci) {
        this.ci = ci;
    }

    String yaml() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", "orchestrate " + ci.settings().taskFile());
        root.put("on", triggers());
        root.put("permissions", Map.of("contents", "read"));
        root.put("env", Map.of("ORCHESTRATE", ci.settings().orchestrate()));
        Map<String, Object> jobs = new LinkedHashMap<>();
        for (CiStage stage : ci.stages()) {
            jobs.put(stage.key(), job(stage));
        }
        jobs.put("report", report());
        root.put("jobs", jobs);
        return Yaml.document(Exports.header(ci, "github-actions"), root);
    }

    private Map<String, Object> triggers() {
        Map<String, Object> on = new LinkedHashMap<>();
        if (ci.settings().reusable()) {
            on.put("workflow_call", Map.of());
        } else {
            on.put("push", Map.of());
            on.put("pull_request", Map.of());
            on.put("workflow_dispatch", Map.of());
        }
        return on;
    }

    private Map<String, Object> job(CiStage stage) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("name", stage.title() + " ${{ matrix.task }}");
        List<CiStage> previous = ci.previous(stage);
        if (!previous.isEmpty()) {
            job.put("needs", previous.stream().map(CiStage::key).toList());
            job.put("if", "${{ !cancelled() }}");
        }
        job.put("runs-on", "ubuntu-latest");
        job.put("timeout-minutes", ci.timeoutMinutes(stage, ci.settings().maxAttempts()));
        Map<String, Object> strategy = new LinkedHashMap<>();
        strategy.put("fail-fast", false);
        int workers = ci.plan().workers();
        if (stage.tasks().size() > workers) {
            strategy.put("max-parallel", workers);
        }
        strategy.put("matrix", Map.of("task", stage.ids()));
        job.put("strategy", strategy);
        List<Object> steps = new ArrayList<>(setup());
        if (!previous.isEmpty()) {
            steps.add(download("Results of the earlier groups", PRIOR));
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("name", "Run ${{ matrix.task }}");
        run.put("shell", "bash");
        run.put("env", Map.of("TASK", "${{ matrix.task }}"));
        run.put("run", ci.script("\"$TASK\"", previous.isEmpty() ? null : PRIOR, SESSION, ci.settings().maxAttempts()));
        steps.add(run);
        steps.add(upload("Keep the session folder", ARTIFACT_PREFIX + "${{ github.job }}-${{ strategy.job-index }}", SESSION));
        job.put("steps", steps);
        return job;
    }

    private Map<String, Object> report() {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("name", "Report");
        List<CiStage> last = ci.last();
        if (!last.isEmpty()) {
            job.put("needs", last.stream().map(CiStage::key).toList());
        }
        job.put("if", "${{ always() }}");
        job.put("runs-on", "ubuntu-latest");
        job.put("timeout-minutes", CiPlan.minutes(CiPlan.JOB_OVERHEAD));
        List<Object> steps = new ArrayList<>(setup());
        steps.add(download("Every job's session folder", SESSIONS));
        Map<String, Object> merge = new LinkedHashMap<>();
        merge.put("name", "Merge into one report");
        merge.put("shell", "bash");
        merge.put("run", CiPlan.mergeScript(SESSIONS, MERGED));
        steps.add(merge);
        steps.add(upload("Keep the report", "orchestrate-report", MERGED));
        job.put("steps", steps);
        return job;
    }

    private static List<Object> setup() {
        Map<String, Object> checkout = new LinkedHashMap<>();
        checkout.put("uses", "actions/checkout@v4");
        Map<String, Object> java = new LinkedHashMap<>();
        java.put("uses", "actions/setup-java@v4");
        Map<String, Object> with = new LinkedHashMap<>();
        with.put("distribution", "temurin");
        with.put("java-version", "17");
        java.put("with", with);
        return List.of(checkout, java);
    }

    /** A step that keeps {@code path} as the artifact {@code artifact}, even after a failed step; nothing there is no error. */
    private static Map<String, Object> upload(String name, String artifact, String path) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("name", name);
        step.put("if", "${{ always() }}");
        step.put("uses", "actions/upload-artifact@v4");
        Map<String, Object> with = new LinkedHashMap<>();
        with.put("name", artifact);
        with.put("path", path);
        with.put("if-no-files-found", "ignore");
        step.put("with", with);
        return step;
    }

    private static Map<String, Object> download(String name, String path) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("name", name);
        step.put("uses", "actions/download-artifact@v4");
        Map<String, Object> with = new LinkedHashMap<>();
        with.put("pattern", ARTIFACT_PREFIX + "*");
        with.put("path", path);
        step.put("with", with);
        return step;
    }
}
