package dev.orchestrate.run;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one task of the plan ended.
 *
 * @param reason    why it failed (the last attempt's error), or why it was not run
 * @param blockedBy for a skipped task, the given-up tasks it waited for
 */
public record TaskResult(String id, TaskStatus status, List<Attempt> attempts, Optional<String> reason, List<String> blockedBy) {

    public TaskResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        attempts = List.copyOf(attempts);
        blockedBy = List.copyOf(blockedBy);
    }
}
