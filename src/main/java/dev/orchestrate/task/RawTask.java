package dev.orchestrate.task;

/**
 * A task as a reader found it, before ids are settled and its fields, files and dependencies are
 * read. Readers fill it in; {@link TaskAssembler} turns it into a {@link Task}.
 */
final class RawTask {

    /** The id as written, or null when the format has none and one is assigned ({@code T001}…). */
    String id;
    /** 0-based index of the line the task starts on. */
    final int startLine;
    String title = "";
    /** Body lines: {@code [bodyFrom, bodyTo)}, 0-based. */
    int bodyFrom;
    int bodyTo;
    boolean done;
    /** Priority written on the task itself ({@code [P0]}), or null. */
    Priority priority;
    /** Marked {@code [P]} / {@code (P)}: waits only for the unmarked tasks before it in its phase. */
    boolean parallel;
    /** Which phase it belongs to (tasks of one phase share the key), or null for none. */
    Object phaseKey;
    String phaseLabel;
    /** The phase numbers its phase says it depends on ({@code **Dependencies**: Phases 41, 42 complete}), or null. */
    java.util.List<String> phaseAfter;
    /** A {@code ### T001: title} task: a {@code Files:} field is authoritative, ticked steps mean done. */
    boolean heading;
    /** Dependencies written outside the body, such as a table's {@code Depends on} cell, or null. */
    String dependsText;
    /**
     * Further text about the same task elsewhere in the file ({@code ### T001:} details under a
     * spec-kit checklist), read like the body.
     */
    final java.util.List<LineRange> details = new java.util.ArrayList<>(0);

    RawTask(String id, int startLine) {
        this.id = id;
        this.startLine = startLine;
        this.bodyFrom = startLine + 1;
        this.bodyTo = startLine + 1;
    }
}
