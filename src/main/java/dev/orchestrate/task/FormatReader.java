package dev.orchestrate.task;

import java.util.List;

/**
 * Finds the tasks of one family of task files (SPEC §5.1). A reader is named once with its
 * ordering; it recognises a file by a line that starts one of its tasks.
 */
abstract class FormatReader {

    /** How the file's order turns into dependencies (SPEC §5.2). */
    enum Ordering {
        /** {@code Depends} fields; list order only when the file has none at all. */
        EXPLICIT,
        /** Phases are barriers; inside a phase, list order with {@code [P]} exceptions. */
        PHASES,
        /** Each step after the previous one. */
        SEQUENCE
    }

    private final String format;
    private final Ordering ordering;

    /** @param format the name {@link TaskFile#format()} reports */
    FormatReader(String format, Ordering ordering) {
        this.format = format;
        this.ordering = ordering;
    }

    final String format() {
        return format;
    }

    final Ordering ordering() {
        return ordering;
    }

    /** Whether this file looks like this family: a line starts one of its tasks. Cheap: the parser asks the readers in turn. */
    boolean accepts(Document doc) {
        for (int i = 0; i < doc.size(); i++) {
            if (startsTask(doc, i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether line {@code i} starts a task of this family. */
    abstract boolean startsTask(Document doc, int i);

    /** The tasks, in file order. */
    abstract List<RawTask> read(Document doc);
}
