package dev.orchestrate.run;

import java.util.Locale;

/** How a task ended (SPEC §8). */
public enum TaskStatus {
    COMPLETED,
    FAILED,
    SKIPPED,
    ALREADY_DONE,
    NOT_RUN,
    /** Running when the run was stopped (a signal, a critical failure) and ended by that stop: never retried. */
    STOPPED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
