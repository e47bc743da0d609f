package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A spec-kit checklist with a details section ({@code ## Detailed Task Descriptions} and
 * {@code ### T001: title} headings) names each task twice. One id is one task: the checklist line
 * is the task (its box, its phase, its place), and the heading's text is more of its body, where
 * its files, dependencies and command are read too.
 */
final class DetailSections {

    private DetailSections() {
    }

    /** Whether the headings describe the checklist's tasks: most heading ids are checklist ids. */
    static boolean describeChecklist(List<RawTask> checklist, List<RawTask> headings) {
        if (checklist.size() < 2) {
            return false;
        }
        Set<String> ids = new HashSet<>();
        for (RawTask task : checklist) {
            ids.add(task.id.toUpperCase(Locale.ROOT));
        }
        int named = 0;
        for (RawTask heading : headings) {
            if (ids.contains(heading.id.toUpperCase(Locale.ROOT))) {
                named++;
            }
        }
        return named * 2 > headings.size();
    }

    /**
     * The checklist's tasks with each heading's lines added to the task of the same id; a heading
     * whose id the checklist lacks stays a task of its own, in file order.
     */
    static List<RawTask> merge(Document doc, List<RawTask> checklist, List<RawTask> headings) {
        Map<String, RawTask> byId = new HashMap<>();
        for (RawTask task : checklist) {
            byId.putIfAbsent(task.id.toUpperCase(Locale.ROOT), task);
        }
        List<RawTask> merged = new ArrayList<>(checklist);
        boolean added = false;
        for (RawTask heading : headings) {
            RawTask task = byId.get(heading.id.toUpperCase(Locale.ROOT));
            if (task == null) {
                merged.add(heading);
                added = true;
            } else {
                task.details.add(new LineRange(heading.startLine, heading.bodyTo));
                task.parallel |= heading.parallel;
                if (task.priority == null) {
                    task.priority = heading.priority;
                }
            }
        }
        if (added) {
            merged.sort(Comparator.comparingInt(t -> t.startLine));
            Phases.byHeadings(doc, merged, 6);
        }
        return merged;
    }
}
