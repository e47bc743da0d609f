package dev.orchestrate.event;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines a terminal would show after the output of a {@link Terminal} on a TTY: it understands
 * the two sequences the console uses to redraw in place (cursor to the start of a line n lines up,
 * and erase to the end of the screen) and skips colour sequences.
 */
final class Vt {

    private Vt() {
    }

    static List<String> screen(String output) {
        List<StringBuilder> lines = new ArrayList<>();
        lines.add(new StringBuilder());
        int row = 0;
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            if (c == '\u001b' && i + 1 < output.length() && output.charAt(i + 1) == '[') {
                int j = i + 2;
                while (j < output.length() && (output.charAt(j) < '@' || output.charAt(j) > '~')) {
                    j++;
                }
                String params = output.substring(i + 2, j);
                char command = output.charAt(j);
                if (command == 'F') {
                    row = Math.max(0, row - (params.isEmpty() ? 1 : Integer.parseInt(params)));
                    lines.set(row, new StringBuilder());
                } else if (command == 'J') {
                    while (lines.size() > row + 1) {
                        lines.remove(lines.size() - 1);
                    }
                    lines.get(row).setLength(0);
                }
                i = j;
            } else if (c == '\n') {
                row++;
                if (row == lines.size()) {
                    lines.add(new StringBuilder());
                }
            } else {
                lines.get(row).append(c);
            }
        }
        List<String> shown = new ArrayList<>();
        lines.forEach(l -> shown.add(l.toString()));
        while (!shown.isEmpty() && shown.get(shown.size() - 1).isEmpty()) {
            shown.remove(shown.size() - 1);
        }
        return shown;
    }
}
