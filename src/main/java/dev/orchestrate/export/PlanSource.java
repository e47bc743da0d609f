package dev.orchestrate.export;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Executor;
import dev.orchestrate.plan.PlanSettings;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.plan.Planner;
import dev.orchestrate.scout.Scout;
import dev.orchestrate.task.FileRef;
import dev.orchestrate.task.TaskFile;
import dev.orchestrate.task.TaskFileException;
import dev.orchestrate.task.TaskFileParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plan a CI job would make of the task file: parsed, scouted (the same project root a run
 * takes) and planned with the same settings, so the exported jobs and the jobs' own plans agree.
 *
 * @param plan     the plan
 * @param taskFile the parsed file (its warnings, for stderr)
 * @param root     the project root the CI jobs run in
 */
public record PlanSource(ExecutionPlan plan, TaskFile taskFile, Path root) {

    /**
     * @param root the project root given with {@code --root}, else null: the git work tree holding the task file, else {@code workingDir}
     * @throws TaskFileException when the file cannot be read or planned (a cycle)
     */
    public static PlanSource load(Path file, Path root, Path workingDir, PlanSettings settings) {
        TaskFile taskFile = TaskFileParser.parse(file);
        Path projectRoot = root != null ? root : projectRoot(file, workingDir);
        Set<String> mentioned = new LinkedHashSet<>();
        taskFile.tasks().forEach(t -> t.files().stream().map(FileRef::path).forEach(mentioned::add));
        ExecutionPlan plan = Planner.plan(taskFile, Scout.discover(projectRoot, mentioned), settings);
        return new PlanSource(plan, taskFile, projectRoot);
    }

    /** The task file as a CI job at the project root names it: relative, with {@code /}. */
    public String taskFileInPipeline() {
        Path file = taskFile.path().toAbsolutePath().normalize();
        Path base = root.toAbsolutePath().normalize();
        Path relative = file.startsWith(base) ? base.relativize(file) : file;
        return relative.toString().replace('\\', '/');
    }

    /** The agent tasks that will run, each with its line, for the refusal when no {@code --agent} was given. */
    public List<String> agentTasks() {
        return plan.tasks().values().stream()
                .filter(t -> !t.alreadyDone() && t.executor() == Executor.AGENT)
                .map(PlannedTask::id)
                .collect(Collectors.toList());
    }

    private static Path projectRoot(Path taskFile, Path workingDir) {
        for (Path dir = taskFile.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return workingDir;
    }
}
