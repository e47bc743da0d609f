package dev.orchestrate.event;

/** {@code --output}: how much of the tasks' own output the console shows. */
public enum OutputMode {
    /** The last lines of a failed attempt's log under its failure line, and again at the end (the default). */
    FAILURES,
    /** Also each completed task's output, whole and grouped after its line, never interleaved with another's. */
    FULL,
    /** No task output: failure lines name the log instead. */
    NONE
}
