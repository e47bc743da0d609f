package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines that look like a task (a checkbox or a heading that starts with an id-like token) but did
 * not become one. Each gets a warning with its line and the reason, so nothing is dropped silently:
 * criteria under {@code ## Acceptance Criteria}, a second mention of an id, a template's
 * {@code ### T007: [placeholder]}, or a shape the file's format does not read.
 */
final class LookAlikes {

    private static final Pattern CHECKBOX_ID = Pattern.compile("""
            (?x)^(?:\\*\\*)?(?<id> T\\d{1,9}[a-z]?          # T003, T012a
                           | [A-Z]{1,10}-?\\d{1,9}[a-z]?     # B001, TODO-035
                           | \\d{1,9}(?:\\.\\d{1,9})+ )      # 2.1 (a bare 2 is too common in prose)
            (?:\\*\\*)?(?:[:.)]|\\s|$)""");

    /** {@code ### T001} alone or before other text: a heading that names a lettered id. */
    private static final Pattern HEADING_ID = Pattern.compile("^(?:\\*\\*)?(?<id>T\\d{1,9}[a-z]?|[A-Z]{1,10}-\\d{1,9}[a-z]?)(?:\\*\\*)?(?:\\s|$)");

    private LookAlikes() {
    }

    /** {@code file} with a warning added for every look-alike line of {@code doc}. */
    static TaskFile warn(TaskFile file, Document doc, List<RawTask> raws) {
        Set<Integer> read = new HashSet<>();
        Map<String, Integer> taskLine = new HashMap<>();
        Set<String> parents = new HashSet<>();
        for (RawTask raw : raws) {
            read.add(raw.startLine);
            for (LineRange section : raw.details) {
                read.add(section.from());
            }
        }
        for (Task task : file.tasks()) {
            String id = task.id().toUpperCase(Locale.ROOT);
            taskLine.putIfAbsent(id, task.line());
            for (int dot = id.lastIndexOf('.'); dot > 0; dot = id.lastIndexOf('.', dot - 1)) {
                parents.add(id.substring(0, dot));
            }
        }
        List<Diagnostic> found = new ArrayList<>();
        boolean title = true;
        for (int i = 0; i < doc.size(); i++) {
            boolean documentTitle = title && doc.headingLevel(i) == 1;
            title &= doc.headingLevel(i) == 0;
            if (read.contains(i) || !doc.isText(i) || doc.inDependencySection(i) || documentTitle) {
                continue;
            }
            String id = null;
            boolean placeholder = false;
            if (doc.headingLevel(i) > 0) {
                Matcher m = HeadingReader.matchHeading(doc.headingText(i));
                if (m != null) {
                    id = HeadingReader.id(m);
                    placeholder = HeadingReader.placeholder(m);
                } else {
                    Matcher bare = HEADING_ID.matcher(doc.headingText(i));
                    id = bare.find() ? bare.group("id") : null;
                }
            } else {
                ListItem item = ListItem.parse(doc.text(i));
                Matcher m = item == null || !item.checkbox() ? null : CHECKBOX_ID.matcher(item.text());
                if (m != null && m.find()) {
                    id = m.group("id");
                }
            }
            if (id == null || parents.contains(id.toUpperCase(Locale.ROOT))) {
                continue;
            }
            found.add(new Diagnostic(file.path(), i + 1, "looks like a task (" + id + ") but is not read as one: "
                    + reason(doc, i, id, placeholder, taskLine, file.format())));
        }
        if (found.isEmpty()) {
            return file;
        }
        List<Diagnostic> warnings = new ArrayList<>(file.warnings());
        warnings.addAll(found);
        return new TaskFile(file.path(), file.format(), file.tasks(), warnings, file.ordering());
    }

    private static String reason(Document doc, int i, String id, boolean placeholder, Map<String, Integer> taskLine, String format) {
        if (placeholder) {
            return "its title is a template placeholder";
        }
        int section = doc.notTaskSection(i);
        if (section >= 0) {
            return "it is under \"" + doc.headingText(section) + "\", which lists criteria or notes, not tasks";
        }
        Integer line = taskLine.get(id.toUpperCase(Locale.ROOT));
        if (line != null) {
            return id + " is the task on line " + line;
        }
        return "the file is read as " + format + " tasks, and this line is not one of them";
    }
}
