package dev.orchestrate.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * What the plan depends on besides the tasks and the context.
 *
 * @param workers       the worker count, 1 to 5
 * @param shellTimeout  the default time limit of a shell task's attempt
 * @param agentTimeout  the default time limit of an agent task's attempt
 * @param includeDone   whether tasks the file marks done are run again
 */
public record PlanSettings(int workers, Duration shellTimeout, Duration agentTimeout, boolean includeDone) {

    public PlanSettings {
        Objects.requireNonNull(shellTimeout, "shellTimeout");
        Objects.requireNonNull(agentTimeout, "agentTimeout");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be 1 or more: " + workers);
        }
    }
}
