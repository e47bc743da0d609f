package dev.orchestrate.export;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Group;
import dev.orchestrate.plan.PlannedTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The plan as CI jobs, whatever the engine: one stage per plan group in the plan's order, a group
 * larger than the engine's matrix limit cut into parts, and the commands each job runs.
 */
final class CiPlan {

    /** Where a job keeps its session folder, the earlier jobs' folders and the merged report; not hidden, so artifact uploads take it. */
    static final String DIR = "orchestrate-ci";
    /** Check-out, Java and JVM start-up, artifact transfer: time a job needs besides its task's attempts. */
    static final Duration JOB_OVERHEAD = Duration.ofMinutes(10);

    private final ExecutionPlan plan;
    private final ExportSettings settings;
    private final List<CiStage> stages;
    private final List<String> notes;

    private CiPlan(ExecutionPlan plan, ExportSettings settings, List<CiStage> stages, List<String> notes) {
        this.plan = plan;
        this.settings = settings;
        this.stages = List.copyOf(stages);
        this.notes = List.copyOf(notes);
    }

    /**
     * @param matrixLimit the most jobs one matrix may make ({@code Integer.MAX_VALUE} when the engine has no matrix)
     * @param engine      the engine's name, for the note about a split group
     */
    static CiPlan of(ExecutionPlan plan, ExportSettings settings, int matrixLimit, String engine) {
        Objects.requireNonNull(plan, "plan");
        List<CiStage> stages = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int number = 0;
        for (Group group : plan.groups()) {
            number++;
            List<PlannedTask> tasks = group.tasks().stream().map(plan::task).toList();
            int parts = tasks.isEmpty() ? 0 : 1 + (tasks.size() - 1) / matrixLimit;
            if (parts > 1) {
                notes.add(group.id() + " has " + tasks.size() + " tasks, more than the " + matrixLimit + " jobs " + engine
                        + " allows in one matrix: split into " + parts + " jobs that run side by side");
            }
            for (int part = 1; part <= parts; part++) {
                List<PlannedTask> slice = tasks.subList((part - 1) * matrixLimit, Math.min(tasks.size(), part * matrixLimit));
                String groupKey = "group-" + number;
                stages.add(new CiStage(groupKey + (parts > 1 ? "-" + part : ""), groupKey, group, slice, part, parts));
            }
        }
        return new CiPlan(plan, settings, stages, notes);
    }

    List<CiStage> stages() {
        return stages;
    }

    /** One line each: what the engine's limits made the export do. */
    List<String> notes() {
        return notes;
    }

    ExecutionPlan plan() {
        return plan;
    }

    ExportSettings settings() {
        return settings;
    }

    /** The stages of the group before {@code stage}'s group (all its parts), empty for the first group. */
    List<CiStage> previous(CiStage stage) {
        int index = stages.indexOf(stage);
        List<CiStage> before = new ArrayList<>();
        for (int i = index - 1; i >= 0; i--) {
            CiStage s = stages.get(i);
            if (s.group().equals(stage.group())) {
                continue;
            }
            if (!before.isEmpty() && !s.group().equals(before.get(0).group())) {
                break;
            }
            before.add(0, s);
        }
        return before;
    }

    /** The stages of the last group: what the report job waits for. */
    List<CiStage> last() {
        if (stages.isEmpty()) {
            return List.of();
        }
        Group group = stages.get(stages.size() - 1).group();
        return stages.stream().filter(s -> s.group().equals(group)).toList();
    }

    /** Minutes a job of this stage may take: its slowest task's attempts and the job's own overhead. */
    long timeoutMinutes(CiStage stage, int attempts) {
        Duration longest = stage.tasks().stream().map(PlannedTask::timeout).max(Duration::compareTo).orElse(Duration.ZERO);
        return minutes(longest.multipliedBy(attempts).plus(JOB_OVERHEAD));
    }

    static long minutes(Duration duration) {
        return Math.max(1, (duration.toSeconds() + 59) / 60);
    }

    /** The options of a task's run after its session and JUnit file: attempts, time limit, agent. */
    List<String> runOptions(int attempts) {
        List<String> words = new ArrayList<>(List.of("--max-attempts", Integer.toString(attempts), "--workers", "1", "--ascii"));
        settings.timeout().ifPresent(t -> {
            words.add("--timeout");
            words.add(t.toMillis() % 1000 == 0 ? t.toSeconds() + "s" : t.toMillis() + "ms");
        });
        settings.agent().ifPresent(a -> {
            words.add("--agent");
            words.add(a);
        });
        return words;
    }

    /**
     * The shell lines of one task's job. After the first group: ask {@code orchestrate merge --ready}
     * whether the task may run (one blocked by a failure ends its job without running: the report
     * job lists it as skipped), and apply what the earlier tasks changed, in plan order. Then run
     * the task alone ({@code --only ID --no-deps}: its dependencies ran in earlier jobs) and keep
     * what it changed as {@code changes.patch} in its session folder, for the tasks after it.
     *
     * @param task       the shell expression of the task id, {@code "$TASK"}
     * @param prior      the folder holding the earlier jobs' session folders, or null for the first group
     * @param sessionDir where this job's session folder goes: a shell expression ({@code $CI_JOB_ID} expands)
     */
    String script(String task, String prior, String sessionDir, int attempts) {
        String project = "git add -A -- . ':!" + DIR + "'";
        StringBuilder s = new StringBuilder();
        if (prior != null) {
            s.append("mkdir -p ").append(prior).append('\n');
            s.append("ready=0\n");
            s.append("$ORCHESTRATE merge ").append(prior).append(" --ready ").append(task).append(" || ready=$?\n");
            s.append("if [ \"$ready\" -eq 1 ]; then exit 0; fi  # blocked: the report job lists it as skipped\n");
            s.append("if [ \"$ready\" -ne 0 ]; then exit \"$ready\"; fi\n");
            s.append("# the files the earlier tasks changed, in plan order\n");
            s.append("$ORCHESTRATE merge ").append(prior).append(" --changes | while IFS= read -r patch; do git apply --whitespace=nowarn \"$patch\"; done\n");
        }
        s.append("base=$(").append(project).append(" && git write-tree)\n");
        s.append("status=0\n");
        s.append("$ORCHESTRATE ").append(Shell.quote(settings.taskFile())).append(" --only ").append(task).append(" --no-deps")
                .append(" --session-dir ").append(sessionDir).append(" --junit ").append(sessionDir).append("/junit.xml ")
                .append(Shell.words(runOptions(attempts))).append(" || status=$?\n");
        s.append("# what this task changed, for the tasks after it\n");
        s.append("if [ -d ").append(sessionDir).append(" ]; then ").append(project).append(" && git diff --cached --binary \"$base\" > ")
                .append(sessionDir).append('/').append("changes.patch; fi\n");
        s.append("exit \"$status\"\n");
        return s.toString();
    }

    /** The report job's line: every session folder under {@code sessions} merged into {@code merged}. */
    static String mergeScript(String sessions, String merged) {
        return "mkdir -p " + sessions + "\n$ORCHESTRATE merge " + sessions + " -o " + merged + "\n";
    }
}
