package dev.orchestrate.task;

import java.util.List;
import java.util.function.IntPredicate;

/** Finds the tasks of one family of task files (SPEC §5.1). */
interface FormatReader {

    /** How the file's order turns into dependencies (SPEC §5.2). */
    enum Ordering {
        /** {@code Depends} fields; list order only when the file has none at all. */
        EXPLICIT,
        /** Phases are barriers; inside a phase, list order with {@code [P]} exceptions. */
        PHASES,
        /** Each step after the previous one. */
        SEQUENCE
    }

    /** The name {@link TaskFile#format()} reports. */
    String format();

    Ordering ordering();

    /** Whether this file looks like this family. Cheap: the parser asks the readers in turn. */
    boolean accepts(Document doc);

    /** Whether any line of {@code doc} is one where {@code startsTask} holds: most readers' {@link #accepts}. */
    static boolean anyLine(Document doc, IntPredicate startsTask) {
        for (int i = 0; i < doc.size(); i++) {
            if (startsTask.test(i)) {
                return true;
            }
        }
        return false;
    }

    /** The tasks, in file order. */
    List<RawTask> read(Document doc);
}
