package dev.orchestrate.cli;

import dev.orchestrate.IsolationRequest;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --isolation}, {@code --setup}, {@code --verify}, {@code --verify-merged}, {@code --apply} (issue 14). */
final class IsolationOptions {

    /** Where attempts run. */
    enum Mode { NONE, WORKTREE }

    @Option(names = "--isolation", paramLabel = "none|worktree", defaultValue = "none",
            description = "worktree: run every attempt in a git worktree of its own and merge the results onto the branch "
                    + "orchestrate/<session> in plan order; your working tree and branch are left as they are (default: ${DEFAULT-VALUE}).")
    Mode isolation;

    @Option(names = "--setup", paramLabel = "CMD",
            description = "With --isolation worktree: run CMD in each new worktree before its task (npm ci, …); its output goes to the task's log.")
    String setup;

    @Option(names = "--verify", paramLabel = "CMD",
            description = "Run CMD after every task that succeeds, where the task ran; the task is done only when it exits 0 (after the task's own Verify:).")
    String verify;

    @Option(names = "--verify-merged", paramLabel = "CMD",
            description = "With --isolation worktree: run CMD on the integration branch after each merge; a failure puts the branch back and fails the task.")
    String verifyMerged;

    @Option(names = "--apply",
            description = "With --isolation worktree: at the end, fast-forward your current branch to the integration branch, if it has not moved and has no uncommitted changes.")
    boolean apply;

    /** @throws IllegalArgumentException with the message of a usage error */
    IsolationRequest request() {
        return new IsolationRequest(isolation == Mode.WORKTREE, Optional.ofNullable(setup), Optional.ofNullable(verify),
                Optional.ofNullable(verifyMerged), apply);
    }
}
