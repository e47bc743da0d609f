package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One heading per task: {@code ### T001: title}, {@code ### T003 [P]: title}, {@code ### TODO-035: title},
 * {@code ### Task 1.1: title} and {@code ### Commit 3: title} (id {@code 1.1}, {@code 3}), with fields under it
 * ({@code **File(s)**:}, {@code **Type**: Create|Modify|Delete}, {@code **Depends**: T001, T002 (or None)},
 * {@code **Dependencies**: free text}, {@code **Priority**: High}). Checkboxes under a task are its steps.
 * The task runs to the next heading of its level or above, or a {@code ---} rule.
 */
class HeadingReader extends FormatReader {

    private static final Pattern TASK_HEADING = Pattern.compile("""
            (?x)^(?:\\[(?<box>[\\ xX])\\]\\s+)?(?<tick>✅\\s*)?(?<struck>~~)?
            (?: (?i:task|commit|step|subtask)\\s+\\#?(?<number>\\d{1,9}(?:\\.\\d{1,9})*)   # ### Task 1.1: / ### Commit 3: (the id is the number)
              | (?<id>[A-Z][A-Z]{0,11}-?\\d{1,9}(?:[.-]\\d{1,9})*[a-z]?) )                      # ### T001: / ### TODO-035: / ### T012a:
            (?:~~)?
            (?<tags>(?:\\s*\\[[^\\]]{1,24}\\])*)                                                  # ### T003 [P] [US1]: marks before the colon
            \\s*(?:[:：]|\\s[-–—]\\s)\\s*(?<title>.*)$""");

    /** A heading whose whole title is a {@code [placeholder]}: a template's leftover, not a task. */
    private static final Pattern PLACEHOLDER_TITLE = Pattern.compile("^\\[[^\\]]+\\]$");

    /** {@code L2}, {@code A1}: a level or appendix label, a task id only where every heading task has that shape. */
    private static final Pattern LABEL_ID = Pattern.compile("^[A-Z]\\d{1,2}$");

    private static final Pattern DONE_SUFFIX = Pattern.compile("(?i)[(\\[](?:done|completed?)[)\\]]$");

    HeadingReader() {
        this("heading");
    }

    /** For a family that reads like this one under another name. */
    HeadingReader(String format) {
        super(format, Ordering.EXPLICIT);
    }

    @Override
    boolean startsTask(Document doc, int i) {
        return taskHeading(doc, i) != null;
    }

    @Override
    List<RawTask> read(Document doc) {
        List<RawTask> tasks = new ArrayList<>();
        Matcher[] headings = new Matcher[doc.size()];
        for (int i = 0; i < doc.size(); i++) {
            headings[i] = taskHeading(doc, i);
        }
        dropLabelsAndTitle(doc, headings);
        for (int i = 0; i < doc.size(); i++) {
            Matcher m = headings[i];
            if (m == null) {
                continue;
            }
            int level = doc.headingLevel(i);
            RawTask task = new RawTask(id(m), i);
            task.heading = true;
            String title = m.group("title").strip();
            boolean struck = m.group("struck") != null || (title.startsWith("~~") && title.endsWith("~~") && title.length() > 4);
            task.done = "x".equalsIgnoreCase(m.group("box")) || m.group("tick") != null || struck
                    || title.endsWith("✅") || DONE_SUFFIX.matcher(title).find();
            TaskTags.read((m.group("tags") + " " + title.replace("~~", "")).strip(), task);
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

    /** The id of a task heading: as written, or the number of {@code Task 1.1:} / {@code Commit 3:}. */
    static String id(Matcher m) {
        return m.group("number") != null ? m.group("number") : m.group("id");
    }

    /**
     * Headings that match but are not tasks: {@code ## L2: Glossary} appendix labels above the file's
     * task headings, and a level-1 document title ({@code # BEAN-001: …}) over a task table.
     */
    private static void dropLabelsAndTitle(Document doc, Matcher[] headings) {
        int deepestOther = 0;
        for (int i = 0; i < headings.length; i++) {
            if (headings[i] != null && !LABEL_ID.matcher(id(headings[i])).matches()) {
                deepestOther = Math.max(deepestOther, doc.headingLevel(i));
            }
        }
        boolean title = true;
        for (int i = 0; i < headings.length; i++) {
            if (headings[i] != null && LABEL_ID.matcher(id(headings[i])).matches() && doc.headingLevel(i) < deepestOther) {
                headings[i] = null;
            }
            if (title && doc.headingLevel(i) > 0) {
                title = false;
                if (headings[i] != null && doc.headingLevel(i) == 1 && TableReader.hasTaskTable(doc)) {
                    headings[i] = null;
                }
            }
        }
    }

    /** The heading text read as {@code ID [marks]: title}, whatever section it is in, or null. */
    static Matcher matchHeading(String text) {
        Matcher m = TASK_HEADING.matcher(text);
        return m.find() ? m : null;
    }

    /** Whether a matched heading's title is only a {@code [placeholder]}. */
    static boolean placeholder(Matcher m) {
        return PLACEHOLDER_TITLE.matcher(m.group("title").strip()).matches();
    }

    static Matcher taskHeading(Document doc, int i) {
        if (doc.headingLevel(i) < 1 || doc.inDependencySection(i) || doc.notTaskSection(i) >= 0) {
            return null;
        }
        Matcher m = matchHeading(doc.headingText(i));
        if (m == null) {
            return null;
        }
        String id = m.group("id");
        if (id != null && id.length() >= 2 && id.charAt(0) == 'P' && Character.isDigit(id.charAt(1))) {
            return null;
        }
        if (PLACEHOLDER_TITLE.matcher(m.group("title").strip()).matches()) {
            return null;
        }
        return m;
    }
}
