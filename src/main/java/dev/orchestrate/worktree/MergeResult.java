package dev.orchestrate.worktree;

import java.util.List;
import java.util.Objects;

/** How the merge queue took one attempt's commit. */
public sealed interface MergeResult {

    /** On the integration branch now, as {@code commit}. */
    record Merged(String commit) implements MergeResult {
        public Merged {
            Objects.requireNonNull(commit, "commit");
        }
    }

    /** It changed nothing the integration branch does not already have: no commit. */
    record Unchanged() implements MergeResult {
    }

    /** It conflicts with what was merged since it started; {@code paths} relative to the project root. */
    record Conflicted(List<String> paths) implements MergeResult {
        public Conflicted {
            paths = List.copyOf(paths);
        }
    }

    /** Merged, but the check of the merged tip failed: the integration branch was put back. */
    record Broken(String reason) implements MergeResult {
        public Broken {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The merge queue was stopped before this attempt's turn. */
    record Stopped() implements MergeResult {
    }
}
