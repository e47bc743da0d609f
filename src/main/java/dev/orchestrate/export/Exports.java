package dev.orchestrate.export;

import dev.orchestrate.plan.ExecutionPlan;
import java.util.ArrayList;
import java.util.List;

/** {@code orchestrate export}: a plan turned into one CI engine's pipeline file. */
public final class Exports {

    private Exports() {
    }

    /**
     * The pipeline text and what the engine's limits made the export do.
     *
     * @param notes one line each, for stderr: a group split to fit a matrix, a file too large to run
     * @param jobs  how many CI jobs the pipeline makes, the report job included
     */
    public record Export(String text, List<String> notes, int jobs) {
        public Export {
            notes = List.copyOf(notes);
        }
    }

    public static Export of(CiFormat format, ExecutionPlan plan, ExportSettings settings) {
        return switch (format) {
            case GITHUB_ACTIONS -> {
                CiPlan ci = CiPlan.of(plan, settings, GithubActionsWorkflow.MATRIX_LIMIT, "GitHub Actions");
                String text = new GithubActionsWorkflow(ci).yaml();
                List<String> notes = new ArrayList<>(ci.notes());
                if (text.length() > GithubActionsWorkflow.FILE_LIMIT) {
                    notes.add("the workflow is " + text.length() / 1024 + " KB, more than the 500 KB GitHub runs: "
                            + "split the task file");
                }
                yield new Export(text, notes, jobs(ci));
            }
            case GITLAB -> {
                CiPlan ci = CiPlan.of(plan, settings, GitlabPipeline.MATRIX_LIMIT, "GitLab");
                yield new Export(new GitlabPipeline(ci).yaml(), ci.notes(), jobs(ci));
            }
            case BUILDKITE -> {
                CiPlan ci = CiPlan.of(plan, settings, Integer.MAX_VALUE, "Buildkite");
                yield new Export(new BuildkitePipeline(ci).yaml(), ci.notes(), jobs(ci));
            }
        };
    }

    /** A job per task that runs, and the report job. */
    private static int jobs(CiPlan ci) {
        return ci.stages().stream().mapToInt(s -> s.tasks().size()).sum() + 1;
    }

    /** The comment at the top of every exported file: where it came from and how to make it again. */
    static List<String> header(CiPlan ci, String format) {
        int tasks = ci.stages().stream().mapToInt(s -> s.tasks().size()).sum();
        return List.of(
                "Made by: orchestrate export --format " + format + " " + ci.settings().taskFile(),
                ci.plan().groups().size() + " groups, " + tasks + " tasks to run, " + (tasks + 1) + " jobs with the report."
                        + " Export again when the task file changes.",
                "Each task runs alone (orchestrate --only); a task whose dependency failed is not run and the",
                "report job lists it as skipped, blocked by that task, as a local run would.",
                "ORCHESTRATE is the command that runs orchestrate on the CI machine; add your project's own set-up steps.",
                "");
    }
}
