package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.List;

/** A task's text as a {@link Task#body()} or a command shows it: its lines as written, common indentation removed. */
final class BodyText {

    private BodyText() {
    }

    /** The lines inside the fence opened on line {@code open} and closed (or cut off) on {@code end}, dedented. */
    static String fenceContent(Document doc, int open, int end) {
        String closing = doc.raw(end).strip();
        String opening = doc.raw(open).strip();
        boolean closes = end > open && !closing.isEmpty() && closing.charAt(0) == opening.charAt(0);
        List<String> lines = new ArrayList<>();
        for (int k = open + 1; k < (closes ? end : end + 1); k++) {
            lines.add(doc.raw(k));
        }
        return dedent(lines);
    }

    /** Lines {@code [from, to)} without the blank lines and rules around them, dedented. */
    static String body(Document doc, int from, int to) {
        while (from < to && doc.raw(from).isBlank()) {
            from++;
        }
        while (to > from && (doc.raw(to - 1).isBlank() || doc.isThematicBreak(to - 1))) {
            to--;
        }
        List<String> lines = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            lines.add(doc.raw(k));
        }
        return dedent(lines);
    }

    private static String dedent(List<String> lines) {
        int common = Integer.MAX_VALUE;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int ws = 0;
            while (ws < line.length() && (line.charAt(ws) == ' ' || line.charAt(ws) == '\t')) {
                ws++;
            }
            common = Math.min(common, ws);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i > 0) {
                b.append('\n');
            }
            b.append(line.isBlank() ? "" : line.substring(Math.min(common, line.length())).stripTrailing());
        }
        return b.toString();
    }
}
