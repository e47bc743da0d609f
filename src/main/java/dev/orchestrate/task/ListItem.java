package dev.orchestrate.task;

import java.util.function.IntPredicate;

/**
 * One markdown list line: {@code - [ ] text}, {@code * text}, {@code 1. text}, {@code - [x]* 7.4 text}.
 *
 * @param indent   columns before the marker
 * @param ordered  a {@code 1.} / {@code 1)} marker rather than a bullet
 * @param checkbox whether a {@code [ ]} box follows the marker
 * @param checked  whether the box is ticked ({@code [x]}, {@code [X]}, {@code [✓]}, HelloAGENTS' {@code [√]});
 *                 {@code [-]} (skipped) and {@code [~]} (in progress) are boxes that are not ticked
 * @param starred  Kiro's {@code [ ]*} optional-task mark
 * @param text     what follows the marker and the box
 */
record ListItem(int indent, boolean ordered, boolean checkbox, boolean checked, boolean starred, String text) {

    /** Reads a line as a list item, or returns null. */
    static ListItem parse(String line) {
        int i = skipBlanks(line, 0);
        if (i >= line.length()) {
            return null;
        }
        char c = line.charAt(i);
        boolean ordered;
        if (c == '-' || c == '*' || c == '+') {
            i++;
            ordered = false;
        } else if (c >= '0' && c <= '9') {
            int digits = 0;
            while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9' && digits < 10) {
                i++;
                digits++;
            }
            if (i >= line.length() || (line.charAt(i) != '.' && line.charAt(i) != ')')) {
                return null;
            }
            i++;
            ordered = true;
        } else {
            return null;
        }
        if (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
            return null;
        }
        i = skipBlanks(line, i);
        boolean checkbox = false;
        boolean checked = false;
        boolean starred = false;
        if (i < line.length() && line.charAt(i) == '[') {
            int close = -1;
            if (i + 1 < line.length() && line.charAt(i + 1) == ']') {
                close = i + 1;
            } else if (i + 2 < line.length() && line.charAt(i + 2) == ']') {
                close = i + 2;
            }
            if (close > 0) {
                char mark = close == i + 2 ? line.charAt(i + 1) : ' ';
                if (mark == ' ' || mark == 'x' || mark == 'X' || mark == '✓' || mark == '✔' || mark == '√' || mark == '-'
                        || mark == '~' || mark == '/' || mark == '.') {
                    boolean atEnd = close + 1 >= line.length();
                    char after = atEnd ? ' ' : line.charAt(close + 1);
                    if (atEnd || after == ' ' || after == '\t' || after == '*') {
                        checkbox = true;
                        checked = mark == 'x' || mark == 'X' || mark == '✓' || mark == '✔' || mark == '√';
                        i = close + 1;
                        if (i < line.length() && line.charAt(i) == '*') {
                            starred = true;
                            i++;
                        }
                        i = skipBlanks(line, i);
                    }
                }
            }
        }
        String text = line.substring(i).strip();
        if (!ordered && !checkbox && text.isEmpty() && c == '*') {
            return null;
        }
        return new ListItem(LineKinds.indentOf(line), ordered, checkbox, checked, starred, text);
    }

    /** The index of the first character at or after {@code i} that is not a space or a tab. */
    private static int skipBlanks(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /**
     * Where the body of the list item on line {@code start} ends (exclusive): its continuation
     * lines are the ones indented deeper than the item, blank lines between them, fenced blocks
     * opened inside it, and a lazy paragraph line right under it. A heading, a line back at the
     * item's indentation, or the start of another task ends it.
     */
    static int bodyEnd(Document doc, int start, int itemIndent, IntPredicate taskStart) {
        int n = doc.size();
        int i = start + 1;
        boolean previousBlank = false;
        while (i < n) {
            Document.Kind kind = doc.kind(i);
            if (kind == Document.Kind.FENCE) {
                if (doc.opensFence(i) && doc.indent(i) > itemIndent) {
                    i = doc.fenceEnd(i) + 1;
                    previousBlank = false;
                    continue;
                }
                return i;
            }
            if (kind == Document.Kind.COMMENT) {
                i++;
                continue;
            }
            if (doc.isBlank(i)) {
                previousBlank = true;
                i++;
                continue;
            }
            if (doc.headingLevel(i) > 0 || taskStart.test(i) || doc.inDependencySection(i) != doc.inDependencySection(start)) {
                return i;
            }
            if (doc.indent(i) > itemIndent) {
                previousBlank = false;
                i++;
                continue;
            }
            boolean lazy = !previousBlank && kind == Document.Kind.TEXT && parse(doc.text(i)) == null
                    && !doc.isThematicBreak(i) && !doc.text(i).stripLeading().startsWith(">");
            if (lazy) {
                i++;
                continue;
            }
            return i;
        }
        return n;
    }
}
