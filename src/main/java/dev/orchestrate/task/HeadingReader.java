package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One heading per task: {@code ### T001: title}, {@code ### TODO-035: title}, with fields under it
 * ({@code **File(s)**:}, {@code **Type**: Create|Modify|Delete}, {@code **Depends**: T001, T002 (or None)},
 * {@code **Dependencies**: free text}, {@code **Priority**: High}). Checkboxes under a task are its steps.
 * The task runs to the next heading of its level or above, or a {@code ---} rule.
 */
class HeadingReader implements FormatReader {

    private static final Pattern TASK_HEADING = Pattern.compile(
            "^(?:\\[([ xX])\\]\\s+)?(✅\\s*)?(~~)?([A-Z][A-Z]{0,11}-?\\d{1,9}(?:[.-]\\d{1,9})*)(~~)?\\s*(?:[:：]|\\s[-–—]\\s)\\s*(.*)$");

    private static final Pattern DONE_SUFFIX = Pattern.compile("(?i)[(\\[](?:done|completed?)[)\\]]$");

    @Override
    public String format() {
        return "heading";
    }

    @Override
    public Ordering ordering() {
        return Ordering.EXPLICIT;
    }

    @Override
    public boolean accepts(Document doc) {
        for (int i = 0; i < doc.size(); i++) {
            if (taskHeading(doc, i) != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<RawTask> read(Document doc) {
        List<RawTask> tasks = new ArrayList<>();
        Matcher[] headings = new Matcher[doc.size()];
        for (int i = 0; i < doc.size(); i++) {
            headings[i] = taskHeading(doc, i);
        }
        for (int i = 0; i < doc.size(); i++) {
            Matcher m = headings[i];
            if (m == null) {
                continue;
            }
            int level = doc.headingLevel(i);
            RawTask task = new RawTask(m.group(4), i);
            task.heading = true;
            String title = m.group(6).strip();
            boolean struck = m.group(3) != null || (title.startsWith("~~") && title.endsWith("~~") && title.length() > 4);
            task.done = "x".equalsIgnoreCase(m.group(1)) || m.group(2) != null || struck
                    || title.endsWith("✅") || DONE_SUFFIX.matcher(title).find();
            TaskTags.read(title.replace("~~", ""), task);
            int end = i + 1;
            while (end < doc.size()) {
                int l = doc.headingLevel(end);
                if ((l > 0 && l <= level) || headings[end] != null || doc.isThematicBreak(end)) {
                    break;
                }
                end++;
            }
            task.bodyTo = end;
            tasks.add(task);
        }
        int shallowestTask = 6;
        for (RawTask t : tasks) {
            shallowestTask = Math.min(shallowestTask, doc.headingLevel(t.startLine));
        }
        Phases.byHeadings(doc, tasks, shallowestTask - 1);
        return tasks;
    }

    static Matcher taskHeading(Document doc, int i) {
        if (doc.headingLevel(i) < 1 || doc.inDependencySection(i)) {
            return null;
        }
        Matcher m = TASK_HEADING.matcher(doc.headingText(i));
        if (!m.find()) {
            return null;
        }
        String id = m.group(4);
        if (id.length() >= 2 && id.charAt(0) == 'P' && Character.isDigit(id.charAt(1))) {
            return null;
        }
        return m;
    }
}
