package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kiro, cc-sdd, OpenSpec and Agent OS task lists: numbered checkboxes ({@code - [ ] 2.1 text},
 * {@code - [ ]* 7.4 optional}, {@code - [ ] 1.1 (P) text}) under {@code ## 1. Group} headings or
 * {@code - [ ] 1. Major} items. The numbering is the hierarchy: a number with children groups
 * them, and only leaves are tasks. The top-level number is the phase. In a BMAD story file only the
 * {@code ## Tasks / Subtasks} section is read.
 */
final class KiroReader extends FormatReader {

    /** BMAD story files: only this section holds the work; the story, criteria and dev record around it do not. */
    private static final Pattern STORY_TASKS = Pattern.compile("(?i)^tasks\\s*/\\s*sub-?tasks\\s*$");

    private static final Pattern NUMBER = Pattern.compile("^(?<number>\\d{1,9}(?:\\.\\d{1,9})*)\\.?(?=\\s|$)");

    /** A numbered checkbox: its line, its number, and where the number ends in the item's text. */
    private record NumberedItem(int line, String number, int numberEnd) {
    }

    KiroReader() {
        super("kiro", Ordering.PHASES);
    }

    @Override
    boolean startsTask(Document doc, int i) {
        return itemLine(doc, i) != null;
    }

    @Override
    List<RawTask> read(Document doc) {
        int storyTasks = -1;
        for (int i = 0; i < doc.size() && storyTasks < 0; i++) {
            if (doc.headingLevel(i) > 0 && STORY_TASKS.matcher(HeadingText.stripDecoration(doc.headingText(i))).matches()) {
                storyTasks = i;
            }
        }
        List<NumberedItem> items = new ArrayList<>();
        Set<String> parents = new HashSet<>();
        for (int i = 0; i < doc.size(); i++) {
            Matcher m = itemLine(doc, i);
            if (m == null || (storyTasks >= 0 && doc.enclosingHeading(i, doc.headingLevel(storyTasks)) != storyTasks)) {
                continue;
            }
            String number = m.group("number");
            items.add(new NumberedItem(i, number, m.end()));
            int dot = number.lastIndexOf('.');
            while (dot > 0) {
                parents.add(number.substring(0, dot));
                dot = number.lastIndexOf('.', dot - 1);
            }
        }
        List<RawTask> tasks = new ArrayList<>();
        for (NumberedItem numbered : items) {
            String number = numbered.number();
            if (parents.contains(number)) {
                continue;
            }
            int i = numbered.line();
            ListItem item = ListItem.parse(doc.text(i));
            RawTask task = new RawTask(number, i);
            task.done = item.checked();
            TaskTags.read(item.text().substring(numbered.numberEnd()), task);
            task.bodyTo = ListItem.bodyEnd(doc, i, item.indent(), j -> itemLine(doc, j) != null);
            int dot = number.indexOf('.');
            String top = dot < 0 ? number : number.substring(0, dot);
            task.phaseKey = top;
            task.phaseLabel = "phase " + top;
            tasks.add(task);
        }
        return tasks;
    }

    static Matcher itemLine(Document doc, int i) {
        if (!doc.isText(i) || doc.inDependencySection(i) || doc.headingLevel(i) > 0 || doc.notTaskSection(i) >= 0) {
            return null;
        }
        ListItem item = ListItem.parse(doc.text(i));
        if (item == null || !item.checkbox() || item.ordered()) {
            return null;
        }
        Matcher m = NUMBER.matcher(item.text());
        return m.find() ? m : null;
    }
}
