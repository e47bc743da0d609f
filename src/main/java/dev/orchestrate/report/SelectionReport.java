package dev.orchestrate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrate.event.Held;
import dev.orchestrate.event.Terminal;
import dev.orchestrate.select.Decision;
import dev.orchestrate.select.Decision.Kind;
import dev.orchestrate.select.EarlierSession;
import dev.orchestrate.select.Selection;
import dev.orchestrate.session.Json;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code --resume}, {@code --only} and {@code --from} decided, for the user: the lines before
 * the run (every task under {@code --dry-run}), and summary.json with each task's hash and decision,
 * resumed tasks counted apart ({@code resumed}) and tasks left out as {@code not_selected}.
 */
public final class SelectionReport {

    /** How many tasks that run are named before the run starts; {@code --dry-run} names them all. */
    static final int SHOWN = 20;

    private SelectionReport() {
    }

    /** The decisions, before the run: where it resumes from and why each task runs or not. */
    public static void print(Selection selection, Terminal terminal, boolean everyTask) {
        selection.note().ifPresent(note -> terminal.line(terminal.symbol("⚠️", "!") + " --resume: " + note));
        if (!selection.active()) {
            return;
        }
        Map<String, Decision> decisions = selection.decisions();
        List<String> runs = selection.ids(Kind.RUN);
        List<String> resumed = selection.ids(Kind.RESUMED);
        List<String> left = selection.ids(Kind.NOT_SELECTED);
        StringBuilder head = new StringBuilder();
        selection.resumedFrom().ifPresent(e -> head.append("Resuming from ").append(e.dir().getFileName())
                .append(" (").append(e.source()).append("): "));
        head.append(runs.size()).append(" to run");
        if (!resumed.isEmpty()) {
            head.append(", ").append(resumed.size()).append(" completed there and unchanged (not run again)");
        }
        if (!left.isEmpty()) {
            head.append(", ").append(left.size()).append(" not selected");
        }
        terminal.line(head.toString());
        int width = decisions.keySet().stream().mapToInt(String::length).max().orElse(4);
        int shown = 0;
        for (Decision d : decisions.values()) {
            if (!everyTask && (!d.runs() || shown == SHOWN)) {
                continue;
            }
            shown++;
            terminal.line("  " + String.format("%-" + width + "s", d.id()) + "  " + String.format("%-12s", label(d.kind()))
                    + "  " + terminal.clean(d.why()));
        }
        if (!everyTask && runs.size() > shown) {
            terminal.line("  " + terminal.symbol("…", "...") + " and " + (runs.size() - shown) + " more to run (--dry-run lists them all)");
        }
    }

    /** How a decision reads in a listing. */
    static String label(Kind kind) {
        switch (kind) {
            case RUN: return "runs";
            case RESUMED: return "resumed";
            case NOT_SELECTED: return "not selected";
            default: return "done";
        }
    }

    /** The status a task has in summary.json and {@code --list}. */
    static String status(Decision d) {
        switch (d.kind()) {
            case RUN: return "pending";
            case RESUMED: return "resumed";
            case NOT_SELECTED: return "not_selected";
            default: return "done";
        }
    }

    /**
     * summary.json: the summary with every task's {@code task_hash}; when tasks were chosen or resumed, also
     * each task's {@code selection}, resumed and left-out tasks under their own status and lists
     * ({@code resumed}, {@code not_selected}, out of {@code already_done}), and {@code resumed_from}.
     */
    public static JsonNode summary(SummaryReport summary, Selection selection) {
        ObjectNode doc = Json.mapper().valueToTree(summary);
        for (JsonNode task : doc.path("tasks")) {
            ObjectNode entry = (ObjectNode) task;
            selection.decision(entry.path("id").asText()).ifPresent(d -> {
                entry.put("task_hash", d.hash());
                if (!selection.active()) {
                    return;
                }
                if (d.kind() == Kind.RESUMED || d.kind() == Kind.NOT_SELECTED) {
                    entry.put("status", d.kind() == Kind.RESUMED ? "resumed" : "not_selected");
                    entry.put("reason", d.why());
                }
                entry.set("selection", Json.mapper().valueToTree(Selection.entry(d)));
            });
        }
        if (!selection.active()) {
            return doc;
        }
        Set<String> resumed = new LinkedHashSet<>(selection.ids(Kind.RESUMED));
        Set<String> left = new LinkedHashSet<>(selection.ids(Kind.NOT_SELECTED));
        ObjectNode ordered = Json.mapper().createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("already_done") && field.getValue().isArray()) {
                ArrayNode done = ordered.putArray("already_done");
                field.getValue().forEach(id -> {
                    if (!resumed.contains(id.asText()) && !left.contains(id.asText())) {
                        done.add(id);
                    }
                });
                ArrayNode resumedIds = ordered.putArray("resumed");
                resumed.forEach(resumedIds::add);
                ArrayNode leftIds = ordered.putArray("not_selected");
                left.forEach(leftIds::add);
            } else if (field.getKey().equals("tasks")) {
                ordered.put("resumed_from", selection.resumedFrom().map(EarlierSession::dir).map(Path::toString).orElse(null));
                ordered.set("selection", Json.mapper().valueToTree(selection.summary()));
                ordered.set("tasks", field.getValue());
            } else {
                ordered.set(field.getKey(), field.getValue());
            }
        }
        return ordered;
    }

    /** Writes {@link #summary} as summary.json, atomically. */
    public static void write(SummaryReport summary, Selection selection, Path file) {
        Json.write(file, summary(summary, selection));
    }

    /** For JUnit: resumed tasks pass, with a note of where they completed. */
    public static Map<String, String> resumedNotes(Selection selection) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (Decision d : selection.decisions().values()) {
            if (d.kind() == Kind.RESUMED) {
                notes.put(d.id(), "resumed: " + d.why() + d.log().map(l -> "; its log: " + l).orElse(""));
            }
        }
        return notes;
    }

    /** For JUnit: why tasks left out by {@code --only} or {@code --from} were skipped. */
    public static Map<String, String> notSelectedNotes(Selection selection) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (Decision d : selection.decisions().values()) {
            if (d.kind() == Kind.NOT_SELECTED) {
                notes.put(d.id(), "not selected: " + d.why());
            }
        }
        return notes;
    }

    /** For the console, the timeline and the step summary: which tasks were resumed and which not selected. */
    public static Held held(Selection selection) {
        return new Held(new LinkedHashSet<>(selection.ids(Kind.RESUMED)), new LinkedHashSet<>(selection.ids(Kind.NOT_SELECTED)),
                selection.resumedFrom().map(e -> e.dir().getFileName().toString()));
    }
}
