package dev.orchestrate.worktree;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an attempt changed in its worktree, committed on its branch.
 *
 * @param commit the commit on the attempt's branch; empty when the attempt changed nothing
 * @param paths  the paths it changed, relative to the project root, sorted
 * @param tree   the commit's tree, when known
 */
public record Change(Worktree worktree, Optional<String> commit, List<String> paths, Optional<String> tree) {

    public Change {
        Objects.requireNonNull(worktree, "worktree");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(tree, "tree");
        paths = List.copyOf(paths);
    }

    public Change(Worktree worktree, Optional<String> commit, List<String> paths) {
        this(worktree, commit, paths, Optional.empty());
    }

    public boolean unchanged() {
        return commit.isEmpty();
    }
}
