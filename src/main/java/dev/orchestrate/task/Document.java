package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A markdown task file split into lines, each classified once ({@link LineKinds}): prose, fenced
 * code, HTML comment, YAML front matter or table. Headings, the sections they open, the priority a
 * section gives and the {@code ## Dependencies} sections are known for every line ({@link Sections}),
 * so the readers never rescan the text.
 */
final class Document {

    enum Kind { TEXT, FENCE, COMMENT, FRONT_MATTER, TABLE }

    private final LineKinds lines;
    private final Sections sections;

    private Document(String[] raw) {
        this.lines = new LineKinds(raw);
        this.sections = new Sections(lines);
    }

    /** Splits on CRLF, LF or CR; a final line break does not make an extra empty line. */
    static Document of(String content) {
        List<String> lines = new ArrayList<>();
        int length = content.length();
        int start = 0;
        int cr = content.indexOf('\r');
        while (start < length) {
            int nl = content.indexOf('\n', start);
            int end = nl < 0 ? length : nl;
            while (cr >= 0 && cr < end && !(cr + 1 == end && nl >= 0)) {
                lines.add(content.substring(start, cr));
                start = cr + 1;
                cr = content.indexOf('\r', start);
            }
            if (start >= length) {
                break;
            }
            boolean crlf = cr >= 0 && cr + 1 == end && nl >= 0;
            lines.add(content.substring(start, crlf ? cr : end));
            if (crlf) {
                cr = content.indexOf('\r', end + 1);
            }
            start = end + 1;
        }
        return new Document(lines.toArray(new String[0]));
    }

    int size() {
        return lines.raw.length;
    }

    /** The line as written. */
    String raw(int i) {
        return lines.raw[i];
    }

    /** The line with HTML comments blanked out; empty for code, comments, front matter and tables. */
    String text(int i) {
        return lines.text[i];
    }

    Kind kind(int i) {
        return lines.kind[i];
    }

    boolean isText(int i) {
        return lines.kind[i] == Kind.TEXT;
    }

    boolean isBlank(int i) {
        return lines.kind[i] == Kind.TEXT ? lines.text[i].isBlank() : lines.kind[i] == Kind.COMMENT;
    }

    int indent(int i) {
        return lines.indent[i];
    }

    /** 1…6 for an ATX heading line, else 0. */
    int headingLevel(int i) {
        return sections.headingLevel[i];
    }

    String headingText(int i) {
        return sections.headingText[i];
    }

    /** The nearest heading whose level is below the given heading's, or -1. */
    int parentHeading(int headingLine) {
        return sections.parentHeading[headingLine];
    }

    /** The heading of the section that holds line i (the line itself when it is a heading), or -1. */
    int sectionHeading(int i) {
        return sections.lastHeading[i];
    }

    /** The heading at exactly {@code level} that encloses line i, or -1. */
    int enclosingHeading(int i, int level) {
        int h = sections.lastHeading[i];
        while (h >= 0 && sections.headingLevel[h] > level) {
            h = sections.parentHeading[h];
        }
        return h >= 0 && sections.headingLevel[h] == level ? h : -1;
    }

    /** Whether line i opens a fenced code block; {@link #fenceEnd} and {@link #fenceInfo} then apply. */
    boolean opensFence(int i) {
        return lines.fenceInfo[i] != null;
    }

    /** The info string of the fence line i opens ({@code bash}, {@code ""}). */
    String fenceInfo(int i) {
        return lines.fenceInfo[i];
    }

    /** The closing line of the fence opened on line i (or the last line when it never closes). */
    int fenceEnd(int i) {
        return lines.fenceEnd[i];
    }

    /** Whether line i lies in a {@code ## Dependencies} (or similar) section, heading excluded. */
    boolean inDependencySection(int i) {
        return sections.dependencySection[i];
    }

    /** The priority the enclosing headings give line i ({@code ## P0 Critical}, {@code (Priority: P1)}), if any. */
    Priority sectionPriority(int i) {
        return sections.sectionPriority[i];
    }

    /**
     * The heading of the criteria, notes or log section ({@code ## Acceptance Criteria},
     * {@code ## Success Criteria}, {@code ## Notes}, {@code ## Optional Enhancements (Future)}…)
     * that holds line i, or -1: what is listed there is never a task.
     */
    int notTaskSection(int i) {
        return sections.notTaskSection[i] - 1;
    }

    boolean isThematicBreak(int i) {
        if (!isText(i)) {
            return false;
        }
        String t = lines.text[i].strip();
        if (t.length() < 3) {
            return false;
        }
        char c = t.charAt(0);
        if (c != '-' && c != '*' && c != '_') {
            return false;
        }
        int count = 0;
        for (int k = 0; k < t.length(); k++) {
            char d = t.charAt(k);
            if (d == c) {
                count++;
            } else if (d != ' ' && d != '\t') {
                return false;
            }
        }
        return count >= 3;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Document[%d lines]", lines.raw.length);
    }
}
