package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub spec-kit {@code tasks.md}: {@code - [ ] T012 [P] [US1] text in src/x.py} under
 * {@code ## Phase N: …} headings (maybe {@code (Priority: P1)}), {@code [X]} done, a
 * {@code ## Dependencies} section in prose. Also OctoAgent's variant where {@code [P0]}/{@code [P1]}
 * are priorities.
 */
final class SpecKitReader extends FormatReader {

    private static final Pattern TASK = Pattern.compile("""
            (?x)^(?:\\*\\*)?
            (?<id> T\\d{1,9}[a-z]?                  # T012, and T012a inserted after it
                 | (?!P\\d)[A-Z]{1,4}\\d{2,9}[a-z]?    # B001 backlog items, US01 (never a P1 priority)
                 | [A-Z]{2,10}-\\d{1,9})              # TODO-035
            (?:\\*\\*)?[:.]?(?=\\s|$)""");

    SpecKitReader() {
        super("spec-kit", Ordering.PHASES);
    }

    @Override
    boolean startsTask(Document doc, int i) {
        return taskLine(doc, i) != null;
    }

    @Override
    List<RawTask> read(Document doc) {
        List<RawTask> tasks = new ArrayList<>();
        boolean checklist = false;
        for (int i = 0; i < doc.size() && !checklist; i++) {
            checklist = taskLine(doc, i) != null && ListItem.parse(doc.text(i)).checkbox();
        }
        for (int i = 0; i < doc.size(); i++) {
            Matcher m = taskLine(doc, i);
            if (m == null) {
                continue;
            }
            ListItem item = ListItem.parse(doc.text(i));
            if (checklist && !item.checkbox()) {
                continue; // in a checklist, a bullet that names an id is a note or a log entry about that task
            }
            RawTask task = new RawTask(m.group("id"), i);
            task.done = item.checked();
            TaskTags.read(item.text().substring(m.end()), task);
            task.bodyTo = ListItem.bodyEnd(doc, i, item.indent(), k -> taskLine(doc, k) != null);
            tasks.add(task);
        }
        Phases.byHeadings(doc, tasks, 6);
        return tasks;
    }

    static Matcher taskLine(Document doc, int i) {
        if (!doc.isText(i) || doc.inDependencySection(i) || doc.headingLevel(i) > 0 || doc.notTaskSection(i) >= 0) {
            return null;
        }
        String line = doc.text(i);
        ListItem item = ListItem.parse(line);
        if (item == null || doc.isThematicBreak(i)) {
            return null;
        }
        Matcher m = TASK.matcher(item.text());
        return m.find() ? m : null;
    }
}
