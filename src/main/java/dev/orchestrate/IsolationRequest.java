package dev.orchestrate;

import java.util.Objects;
import java.util.Optional;

/**
 * Isolation and checks, as the user asked for them (issue 14).
 *
 * @param worktree     {@code --isolation worktree}: every attempt in a git worktree of its own, merged in order
 * @param setup        {@code --setup CMD}: run in each new worktree before the task
 * @param verify       {@code --verify CMD}: the check of every task, after its own {@code Verify:}
 * @param verifyMerged {@code --verify-merged CMD}: the check of the integration tip after each merge
 * @param apply        {@code --apply}: fast-forward the current branch to the integration branch at the end
 */
public record IsolationRequest(boolean worktree, Optional<String> setup, Optional<String> verify,
                               Optional<String> verifyMerged, boolean apply) {

    public IsolationRequest {
        requireCommand("--setup", setup);
        requireCommand("--verify", verify);
        requireCommand("--verify-merged", verifyMerged);
        if (!worktree && (setup.isPresent() || verifyMerged.isPresent() || apply)) {
            String named = setup.isPresent() ? "--setup" : verifyMerged.isPresent() ? "--verify-merged" : "--apply";
            throw new IllegalArgumentException(named + " needs --isolation worktree");
        }
    }

    private static void requireCommand(String option, Optional<String> command) {
        Objects.requireNonNull(command, option);
        if (command.isPresent() && command.get().isBlank()) {
            throw new IllegalArgumentException(option + " needs a command");
        }
    }
}
