package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.List;

/**
 * A plan: its numbered ({@code 1. text}) or checkbox ({@code - [ ] text}) steps are tasks, in
 * order, with ids assigned {@code T001}…; what is nested under a step is that step's body, except
 * that a checkbox ending in {@code :} with checkbox steps under it only groups them. Lists under criteria, notes and
 * future-work sections ({@link Document#notTaskSection}) are not steps.
 */
final class PlainListReader extends FormatReader {

    PlainListReader() {
        super("list", Ordering.SEQUENCE);
    }

    @Override
    boolean startsTask(Document doc, int i) {
        return step(doc, i) != null;
    }

    @Override
    List<RawTask> read(Document doc) {
        List<RawTask> tasks = new ArrayList<>();
        int i = 0;
        while (i < doc.size()) {
            ListItem item = step(doc, i);
            if (item == null) {
                i++;
                continue;
            }
            int indent = item.indent();
            int bodyTo = ListItem.bodyEnd(doc, i, indent, k -> {
                ListItem other = step(doc, k);
                return other != null && other.indent() <= indent;
            });
            if (item.checkbox() && groups(item.text()) && hasCheckboxChild(doc, i + 1, bodyTo, indent)) {
                i++; // "- [ ] Create the data models:" groups the checkbox steps under it; they are the tasks
                continue;
            }
            RawTask task = new RawTask(null, i);
            String text = item.text();
            task.done = item.checked() || (text.length() > 4 && text.startsWith("~~") && text.endsWith("~~"));
            task.title = text;
            task.bodyTo = bodyTo;
            tasks.add(task);
            i = Math.max(i + 1, task.bodyTo);
        }
        return tasks;
    }

    /** {@code Implement JSONL file parsing:}: a step that introduces the steps under it. */
    private static boolean groups(String text) {
        String t = text.replace("*", "").stripTrailing();
        return t.endsWith(":") || t.endsWith("：");
    }

    private static boolean hasCheckboxChild(Document doc, int from, int to, int indent) {
        for (int k = from; k < to; k++) {
            ListItem child = step(doc, k);
            if (child != null && child.checkbox() && child.indent() > indent) {
                return true;
            }
        }
        return false;
    }

    private static ListItem step(Document doc, int i) {
        if (!doc.isText(i) || doc.inDependencySection(i) || doc.headingLevel(i) > 0 || doc.isThematicBreak(i)
                || doc.notTaskSection(i) >= 0) {
            return null;
        }
        ListItem item = ListItem.parse(doc.text(i));
        if (item == null || !(item.ordered() || item.checkbox()) || item.text().isEmpty()) {
            return null;
        }
        return item;
    }
}
