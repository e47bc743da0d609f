package dev.orchestrate.task;

import java.util.Locale;
import java.util.Map;

/**
 * A {@code Key: value} line of a task body, in any of the spellings task files use:
 * {@code **Files**: a.ts}, {@code **Files:** a.ts}, {@code - Depends: T001}, {@code _Depends: 1.2_},
 * {@code _Dependencies:_ 1.2}.
 *
 * @param name  which field it is
 * @param value the value, emphasis markers around it removed
 * @param line  the 0-based line index it was read from
 */
record Field(Name name, String value, int line) {

    enum Name { FILES, TYPE, DEPENDS, PRIORITY, RUN, TIMEOUT, ESTIMATE, STATUS }

    private static final Map<String, Name> NAMES = Map.ofEntries(
            Map.entry("files", Name.FILES),
            Map.entry("file", Name.FILES),
            Map.entry("file(s)", Name.FILES),
            Map.entry("paths", Name.FILES),
            Map.entry("files touched", Name.FILES),
            Map.entry("files to modify", Name.FILES),
            Map.entry("files to change", Name.FILES),
            Map.entry("type", Name.TYPE),
            Map.entry("operation", Name.TYPE),
            Map.entry("depends", Name.DEPENDS),
            Map.entry("depends on", Name.DEPENDS),
            Map.entry("depends-on", Name.DEPENDS),
            Map.entry("dependencies", Name.DEPENDS),
            Map.entry("dependency", Name.DEPENDS),
            Map.entry("requires", Name.DEPENDS),
            Map.entry("blocked by", Name.DEPENDS),
            Map.entry("priority", Name.PRIORITY),
            Map.entry("run", Name.RUN),
            Map.entry("command", Name.RUN),
            Map.entry("cmd", Name.RUN),
            Map.entry("timeout", Name.TIMEOUT),
            Map.entry("time limit", Name.TIMEOUT),
            Map.entry("estimate", Name.ESTIMATE),
            Map.entry("estimated", Name.ESTIMATE),
            Map.entry("estimated time", Name.ESTIMATE),
            Map.entry("estimated effort", Name.ESTIMATE),
            Map.entry("effort", Name.ESTIMATE),
            Map.entry("est", Name.ESTIMATE),
            Map.entry("status", Name.STATUS));

    /** Reads the line as a known field, or returns null. */
    static Field parse(String line, int index) {
        int i = 0;
        int n = line.length();
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        if (i < n && (line.charAt(i) == '-' || line.charAt(i) == '+') && i + 1 < n && line.charAt(i + 1) == ' ') {
            i += 2;
        } else if (i < n && line.charAt(i) == '*' && i + 1 < n && line.charAt(i + 1) == ' ') {
            i += 2;
        }
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        int emphasis = 0;
        while (i < n && (line.charAt(i) == '*' || line.charAt(i) == '_') && emphasis < 3) {
            i++;
            emphasis++;
        }
        int keyStart = i;
        while (i < n && i - keyStart <= 24) {
            char c = line.charAt(i);
            if (Character.isLetter(c) || c == ' ' || c == '(' || c == ')' || c == '-') {
                i++;
            } else {
                break;
            }
        }
        if (i == keyStart) {
            return null;
        }
        String key = line.substring(keyStart, i).strip().toLowerCase(Locale.ROOT);
        Name name = NAMES.get(key);
        if (name == null) {
            return null;
        }
        while (i < n && (line.charAt(i) == '*' || line.charAt(i) == '_')) {
            i++;
        }
        if (i >= n || (line.charAt(i) != ':' && line.charAt(i) != '：')) {
            return null;
        }
        i++;
        while (i < n && (line.charAt(i) == '*' || line.charAt(i) == '_')) {
            i++;
        }
        String value = line.substring(i).strip();
        if (emphasis > 0) {
            int end = value.length();
            int stripped = 0;
            while (end > 0 && (value.charAt(end - 1) == '_' || value.charAt(end - 1) == '*') && stripped < emphasis) {
                end--;
                stripped++;
            }
            value = value.substring(0, end).strip();
        }
        return new Field(name, value, index);
    }
}
