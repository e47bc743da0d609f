package dev.orchestrate.worktree;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The worktree of one attempt: its own checkout on its own branch, created from the integration
 * branch's tip.
 *
 * @param taskId  the task it runs
 * @param attempt the attempt's number
 * @param dir     the worktree's top folder
 * @param root    the project root inside it (where the task runs; {@code dir} itself unless the project is a subfolder)
 * @param branch  its branch ({@code orchestrate/<session>-T001-1})
 * @param base    the commit it was created from
 */
public record Worktree(String taskId, int attempt, Path dir, Path root, String branch, String base) {

    public Worktree {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(base, "base");
    }
}
