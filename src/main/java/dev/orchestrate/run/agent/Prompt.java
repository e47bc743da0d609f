package dev.orchestrate.run.agent;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.task.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an agent is told about one task (SPEC §6): the task's title and whole body, the files it
 * holds locks on with the instruction to change only those, the dependencies that completed, and
 * a short summary of the project. The same inputs always give the same text, saved by the engine as
 * {@code logs/<id>.prompt.md}.
 */
public record Prompt(String taskId, String text) {

    /** The heading of the section listing the files; {@code examples/agents/fake-agent.sh} reads it. */
    public static final String FILES_HEADING = "## Files you may change";

    /** Longer context summaries are cut here: the prompt stays lean whatever the scout hands over. */
    public static final int MAX_CONTEXT_CHARS = 8_000;

    /** A dependency that completed before this task, as the prompt names it. */
    public record CompletedTask(String id, String title) {
        public CompletedTask {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
        }
    }

    public Prompt {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(text, "text");
    }

    /**
     * @param lockedFiles    the paths the task holds locks on, in lock order
     * @param completed      the dependencies that completed, in plan order
     * @param contextSummary a few lines about the project (the scout's summary); blank for none
     */
    public static Prompt of(Task task, List<String> lockedFiles, List<CompletedTask> completed, String contextSummary) {
        Objects.requireNonNull(task, "task");
        StringBuilder text = new StringBuilder();
        text.append("# Task ").append(task.id()).append(": ").append(oneLine(task.title())).append("\n\n");
        text.append("You are one of several workers carrying out a task list in parallel, in this working tree. ")
                .append("Carry out this one task completely, then stop.\n\n");

        text.append("## Task\n");
        String body = task.body().strip();
        text.append(body.isEmpty() ? "(No details beyond the title.)" : body).append("\n\n");

        text.append(FILES_HEADING).append('\n');
        if (lockedFiles.isEmpty()) {
            text.append("This task declares no files. Change as few files as the task needs: ")
                    .append("other workers are changing other files at the same time.\n\n");
        } else {
            text.append("Change only these files; other workers are changing other files at the same time:\n");
            lockedFiles.forEach(path -> text.append("- `").append(path).append("`\n"));
            text.append("If the task cannot be done without changing another file, leave that file alone ")
                    .append("and say which file and why in your final answer.\n\n");
        }

        if (!completed.isEmpty()) {
            text.append("## Completed before this task\n");
            completed.forEach(done -> text.append("- ").append(done.id()).append(": ").append(oneLine(done.title())).append('\n'));
            text.append('\n');
        }

        String context = contextSummary == null ? "" : contextSummary.strip();
        if (!context.isEmpty()) {
            if (context.length() > MAX_CONTEXT_CHARS) {
                context = context.substring(0, MAX_CONTEXT_CHARS) + "\n… (context cut at " + MAX_CONTEXT_CHARS + " characters)";
            }
            text.append("## Project context\n").append(context).append("\n\n");
        }

        text.append("## Rules\n")
                .append("- Do not commit, push, stash or switch branches: other workers share this working tree.\n")
                .append("- When you are done, end with a short summary of what you changed.\n");
        return new Prompt(task.id(), text.toString());
    }

    /**
     * The prompt of a planned task: its locked paths, and those of its dependencies (explicit and
     * implicit) that are in {@code completedIds}, with their titles from the plan.
     */
    public static Prompt forPlannedTask(PlannedTask task, ExecutionPlan plan, Collection<String> completedIds, String contextSummary) {
        Set<String> completedSet = Set.copyOf(completedIds);
        List<CompletedTask> completed = new ArrayList<>();
        for (String id : task.allDependencies()) {
            if (completedSet.contains(id)) {
                PlannedTask dependency = plan.tasks().get(id);
                completed.add(new CompletedTask(id, dependency == null ? "" : dependency.task().title()));
            }
        }
        return of(task.task(), task.lockedPaths(), completed, contextSummary);
    }

    /** This prompt with what went wrong after the previous attempt (a failed check, a merge conflict) at its end. */
    public Prompt withPreviousAttempt(String note) {
        return new Prompt(taskId, text + "\n## Your previous attempt\n" + note.strip() + "\n");
    }

    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The size in bytes (UTF-8), as {@code --verbose} reports it. */
    public int size() {
        return bytes().length;
    }

    /** Saves the prompt (UTF-8) to {@code file}, creating its folder. */
    public void writeTo(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.write(file, bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the prompt of " + taskId + " to " + file + ": " + e.getMessage(), e);
        }
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
