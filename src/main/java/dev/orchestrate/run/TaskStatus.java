package dev.orchestrate.run;

import java.util.Locale;

/** How a task ended (SPEC §8). */
public enum TaskStatus {
    COMPLETED,
    FAILED,
    SKIPPED,
    ALREADY_DONE,
    NOT_RUN,
    STOPPED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
