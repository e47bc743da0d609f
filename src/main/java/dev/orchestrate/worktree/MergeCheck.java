package dev.orchestrate.worktree;

import java.nio.file.Path;
import java.util.Optional;

/** A check of the integration tip after a merge ({@code --verify-merged}), run in a checkout of it. */
@FunctionalInterface
public interface MergeCheck {

    /**
     * @param root the project root in a checkout of the new tip
     * @return why the tip is broken; empty when it passes
     * @throws InterruptedException when the run is being stopped
     */
    Optional<String> check(Path root) throws InterruptedException;
}
