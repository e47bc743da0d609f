package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Tasks as table rows: a table whose header has an id column ({@code #}, {@code ID}) and a task
 * column ({@code Task}, {@code Title}, {@code Description}), such as
 * {@code | # | Task | Owner | Depends On | Status |} (bean files) or
 * {@code | # | Repo | Task | Depends on |} with {@code | [x] 0.1 | … |} rows (checkbox tables). A
 * {@code Depends} column is the row's explicit dependencies; a ticked box or a done {@code Status}
 * marks it done. Other tables (metadata, summaries, telemetry) are not tasks.
 */
final class TableReader extends FormatReader {

    private static final Set<String> ID_HEADERS = Set.of("#", "id", "task id", "task #", "no", "no.", "nr", "number", "step");
    private static final Set<String> TITLE_HEADERS = Set.of("task", "tasks", "title", "description", "name", "summary", "item", "work item");
    private static final Pattern DEPENDS_HEADER = Pattern.compile("(?i)depend|blocked\\s+by|requires|prerequisite|after");
    private static final Pattern STATUS_HEADER = Pattern.compile("(?i)^(?:status|state|done)$");
    private static final Pattern ID_CELL = Pattern.compile("""
            (?x)^(?:\\[(?<box>[\\ xX✓✔√~\\-])\\]\\s*)?        # | [x] 0.1 |, | [-] 1.7 |
            (?:\\*\\*)?(?<id>[A-Z]{0,10}-?\\d{1,9}(?:\\.\\d{1,9})*[a-z]?)(?:\\*\\*)?$""");
    private static final Pattern DONE_STATUS = Pattern.compile("(?i)^(?:✅\\s*)?(?:done|complete|completed|finished|closed|merged|shipped)\\b|^✅|^\\[x\\]$");
    private static final Pattern NO_DEPENDENCY = Pattern.compile("^[\\s\\-–—]*$");

    /** One row of a task table. */
    private record Row(int line, String id, boolean done, String title, String depends) {
    }

    TableReader() {
        super("table", Ordering.EXPLICIT);
    }

    @Override
    boolean startsTask(Document doc, int i) {
        return startsTaskTable(doc, i);
    }

    /** Whether the file holds a table whose rows are tasks. */
    static boolean hasTaskTable(Document doc) {
        return IntStream.range(0, doc.size()).anyMatch(i -> startsTaskTable(doc, i));
    }

    /** Whether a task table starts on line {@code i}: its header, with task rows under it. */
    private static boolean startsTaskTable(Document doc, int i) {
        return i + 1 < doc.size() && startsTable(doc, i) && !rows(doc, i).isEmpty();
    }

    @Override
    List<RawTask> read(Document doc) {
        List<RawTask> tasks = new ArrayList<>();
        for (int i = 0; i + 1 < doc.size(); i++) {
            if (!startsTable(doc, i)) {
                continue;
            }
            for (Row row : rows(doc, i)) {
                RawTask task = new RawTask(row.id, row.line);
                task.done = row.done;
                task.title = row.title;
                if (row.depends != null && !NO_DEPENDENCY.matcher(row.depends).matches()) {
                    task.dependsText = row.depends;
                }
                tasks.add(task);
            }
            while (i + 1 < doc.size() && doc.kind(i + 1) == Document.Kind.TABLE) {
                i++;
            }
        }
        Phases.byHeadings(doc, tasks, 6);
        return tasks;
    }

    private static boolean startsTable(Document doc, int i) {
        return doc.kind(i) == Document.Kind.TABLE && (i == 0 || doc.kind(i - 1) != Document.Kind.TABLE)
                && doc.kind(i + 1) == Document.Kind.TABLE && doc.notTaskSection(i) < 0;
    }

    /** The task rows of the table whose header is on line {@code header}; empty when it is not a task table. */
    private static List<Row> rows(Document doc, int header) {
        List<String> heads = cells(doc.raw(header));
        int idColumn = -1;
        int titleColumn = -1;
        int dependsColumn = -1;
        int statusColumn = -1;
        for (int c = 0; c < heads.size(); c++) {
            String h = heads.get(c).replace("*", "").strip().toLowerCase(Locale.ROOT);
            if (idColumn < 0 && ID_HEADERS.contains(h)) {
                idColumn = c;
            } else if (titleColumn < 0 && TITLE_HEADERS.contains(h)) {
                titleColumn = c;
            } else if (dependsColumn < 0 && DEPENDS_HEADER.matcher(h).find()) {
                dependsColumn = c;
            } else if (statusColumn < 0 && STATUS_HEADER.matcher(h).find()) {
                statusColumn = c;
            }
        }
        List<Row> rows = new ArrayList<>();
        if (idColumn < 0 || titleColumn < 0 || !isSeparator(doc.raw(header + 1))) {
            return rows;
        }
        for (int k = header + 2; k < doc.size() && doc.kind(k) == Document.Kind.TABLE; k++) {
            List<String> cells = cells(doc.raw(k));
            if (cells.size() <= Math.max(idColumn, titleColumn)) {
                continue;
            }
            Matcher id = ID_CELL.matcher(cells.get(idColumn).strip());
            if (!id.matches()) {
                continue;
            }
            String box = id.group("box");
            String status = statusColumn >= 0 && statusColumn < cells.size() ? cells.get(statusColumn).strip() : "";
            boolean done = (box != null && "xX✓✔√".indexOf(box.charAt(0)) >= 0) || DONE_STATUS.matcher(status).find();
            String depends = dependsColumn >= 0 && dependsColumn < cells.size() ? cells.get(dependsColumn).strip() : null;
            rows.add(new Row(k, id.group("id"), done, cells.get(titleColumn).strip(), depends));
        }
        return rows;
    }

    private static boolean isSeparator(String line) {
        String t = line.strip();
        return t.startsWith("|") && t.replaceAll("[|:\\-\\s]", "").isEmpty() && t.contains("-");
    }

    /** The cells of a table row; a {@code |} inside backticks or escaped as {@code \|} does not split. */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        String t = line.strip();
        int start = t.startsWith("|") ? 1 : 0;
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = start; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length() && t.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '`') {
                code = !code;
                cell.append(c);
            } else if (c == '|' && !code) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (!cell.toString().isBlank()) {
            out.add(cell.toString());
        }
        return out;
    }
}
