package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task Master's markdown export: {@code # Task ID: 13} with {@code **Title:**},
 * {@code **Status:**}, {@code **Dependencies:**} and {@code **Details:**} paragraphs, and under
 * {@code ## Subtasks} one {@code ### 13.1. Title} heading per subtask with its own status and
 * dependencies. A task with subtasks only groups them; a task without any is itself the task.
 */
final class TaskmasterReader extends FormatReader {

    private static final Pattern TASK_ID = Pattern.compile("(?i)^task\\s+id\\s*[:：]\\s*(?<id>\\d{1,9}(?:\\.\\d{1,9})*)\\s*$");
    private static final Pattern SUBTASK = Pattern.compile("^(?<id>\\d{1,9}(?:\\.\\d{1,9})+)\\.?\\s+(?<title>\\S.*)$");
    private static final Pattern TITLE_FIELD = Pattern.compile("^\\s*\\*\\*Title:?\\*\\*:?\\s*(?<title>.*?)\\s*$");

    TaskmasterReader() {
        super("taskmaster", Ordering.EXPLICIT);
    }

    @Override
    boolean startsTask(Document doc, int i) {
        return taskIdHeading(doc, i) != null;
    }

    @Override
    List<RawTask> read(Document doc) {
        List<RawTask> tasks = new ArrayList<>();
        for (int i = 0; i < doc.size(); i++) {
            Matcher parent = taskIdHeading(doc, i);
            if (parent == null) {
                continue;
            }
            int level = doc.headingLevel(i);
            int end = sectionEnd(doc, i, level, true);
            List<RawTask> subtasks = new ArrayList<>();
            for (int k = i + 1; k < end; k++) {
                Matcher sub = doc.headingLevel(k) > level ? SUBTASK.matcher(doc.headingText(k)) : null;
                if (sub == null || !sub.matches()) {
                    continue;
                }
                RawTask task = new RawTask(sub.group("id"), k);
                task.heading = true;
                task.title = sub.group("title").strip();
                task.bodyTo = sectionEnd(doc, k, doc.headingLevel(k), false);
                subtasks.add(task);
            }
            if (subtasks.isEmpty()) {
                RawTask task = new RawTask(parent.group("id"), i);
                task.heading = true;
                task.title = titleField(doc, i + 1, end);
                task.bodyTo = end;
                tasks.add(task);
            } else {
                tasks.addAll(subtasks);
            }
            i = end - 1;
        }
        return tasks;
    }

    private static Matcher taskIdHeading(Document doc, int i) {
        if (doc.headingLevel(i) < 1) {
            return null;
        }
        Matcher m = TASK_ID.matcher(doc.headingText(i));
        return m.matches() ? m : null;
    }

    /** The line after the section of the heading on line i: the next heading at its level or above (or the next task). */
    private static int sectionEnd(Document doc, int i, int level, boolean parent) {
        int end = i + 1;
        while (end < doc.size()) {
            int l = doc.headingLevel(end);
            if ((l > 0 && l <= level) || (parent && taskIdHeading(doc, end) != null)) {
                break;
            }
            end++;
        }
        return end;
    }

    private static String titleField(Document doc, int from, int to) {
        for (int k = from; k < to; k++) {
            Matcher m = doc.isText(k) ? TITLE_FIELD.matcher(doc.text(k)) : null;
            if (m != null && m.matches() && !m.group("title").isEmpty()) {
                return m.group("title");
            }
        }
        return "";
    }
}
