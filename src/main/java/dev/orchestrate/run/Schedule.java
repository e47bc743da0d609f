package dev.orchestrate.run;

/** How tasks are released to the workers (SPEC §1 {@code --schedule}). */
public enum Schedule {
    /** A task starts as soon as its dependencies are done and its priority level is open. */
    DAG,
    /** The plan's groups one after another, with a barrier between them (the seed's way). */
    GROUPS
}
