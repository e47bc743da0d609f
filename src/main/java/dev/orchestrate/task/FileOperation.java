package dev.orchestrate.task;

/** What a task does to a file it names. {@link #UNSPECIFIED} is decided by the planner from the scout. */
public enum FileOperation {
    CREATE,
    MODIFY,
    DELETE,
    READ,
    UNSPECIFIED;

    /** Whether the task changes the file, and so must hold its lock. */
    public boolean changes() {
        return this != READ;
    }

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
